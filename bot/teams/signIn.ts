import { randomUUID } from 'node:crypto';
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import type { Logger } from '../log';
import { CONTENT_TYPE_LOGIN_REQUEST } from './protocol';

const SIGN_IN_LINK_TIMEOUT_MS = 1500;

/**
 * The invoke answer that makes Teams run SSO in the card and send the same click again with
 * `value.authentication.token` (Universal Actions SSO). The sign-in button is the fallback when silent
 * SSO fails (consent not given yet); its link comes from the Bot Framework token service.
 */
export async function loginRequest(context: TurnContext, connectionName: string, appId: string, log: Logger): Promise<AdaptiveCardInvokeResponse> {
  const signInLink = await signInLinkFor(context, connectionName, log);
  return {
    statusCode: 401,
    type: CONTENT_TYPE_LOGIN_REQUEST,
    value: {
      text: 'Sign in to SyncOps so changes run with your own Microsoft Graph rights',
      connectionName,
      tokenExchangeResource: { id: randomUUID(), uri: `api://botid-${appId}` },
      buttons: signInLink ? [{ type: 'signin', title: 'Sign in', value: signInLink }] : [],
    } as never,
  };
}

function userTokenClientOf(context: TurnContext): UserTokenClient | undefined {
  return context.turnState.get<UserTokenClient | undefined>((context.adapter as unknown as { UserTokenClientKey: symbol }).UserTokenClientKey);
}

/**
 * After the fallback sign-in, Teams hands over a magic code (`signin/verifyState`, or `state` on the resent
 * click); the Bot Framework token service trades it for the admin's token of the OAuth connection.
 */
export async function tokenFromMagicCode(context: TurnContext, connectionName: string, code: string): Promise<string | undefined> {
  const { from, channelId } = context.activity;
  const response = await userTokenClientOf(context)?.getUserToken(from.id, connectionName, channelId, code);
  return response?.token || undefined;
}

async function signInLinkFor(context: TurnContext, connectionName: string, log: Logger): Promise<string | undefined> {
  const client = userTokenClientOf(context);
  try {
    // Bounded: the invoke must answer within Teams' few seconds even when the token service is slow.
    const resource = client?.getSignInResource(connectionName, context.activity, '');
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SIGN_IN_LINK_TIMEOUT_MS).unref());
    return (await Promise.race([resource, timeout]))?.signInLink;
  } catch (error) {
    // Without the token service only silent SSO works; Teams then shows its own consent prompt.
    log.warn({ event: 'signin.link.unavailable', err: error });
    return undefined;
  }
}
