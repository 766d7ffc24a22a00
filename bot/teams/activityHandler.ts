import { setTimeout as delay } from 'node:timers/promises';
import {
  CardFactory, MessageFactory, TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue, type InvokeResponse,
} from 'botbuilder';
import { presentWelcome } from '../present/welcome';
import type { Actor } from '../actor';
import { decodeClick, type Click } from './click';
import type { DelegatedTokens } from '../identity/delegated';
import { loginRequest, tokenFromMagicCode } from './signIn';
import type { Logger } from '../log';
import { cardMessageOf, updateCardMessage } from './cardMessages';
import { DeadlineError, DEFAULT_DEADLINES, withDeadline } from '../deadline';
import { commandTextOf } from './messageText';
import { ADAPTIVE_CARD_ACTION, cardInvokeResponse, invokeErrorResponse, SIGNIN_TOKEN_EXCHANGE, SIGNIN_VERIFY_STATE } from './protocol';
import type { Asker, Reply, Responder } from '../responder';

/** How long a click's answer waits for the shared card update before answering anyway. */
const SHARED_UPDATE_WAIT_MS = 500;

/**
 * The Teams side of the bot: turns messages and card clicks into requests for the responder, and its
 * cards into replies and in-place updates. Nothing about Graph lives here.
 */
export class SyncOpsActivityHandler extends TeamsActivityHandler {
  constructor(
    private readonly responder: Responder,
    private readonly log: Logger,
    /** The bot's app id, for proactive updates ('' when inbound auth is off). */
    private readonly appId: string,
    /** Teams SSO + on-behalf-of, when OAUTH_CONNECTION_NAME is set: changes then run as the admin. */
    private readonly sso?: { connectionName: string; tokens: DelegatedTokens },
    /** Deadline of each Bot Connector call (reply, card update). */
    private readonly connectorMs = DEFAULT_DEADLINES.connectorMs,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const text = commandTextOf(context.activity);
    const asker = this.askerOf(context);
    const reply = await this.responder.respond(text, asker);
    let sent: { id?: string } | undefined;
    try {
      sent = await withDeadline(context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(reply.card))), this.connectorMs, 'Bot Connector reply');
    } catch (error) {
      // A hung connector must not hold Teams' request open past its limit; an error reply would hang too.
      if (!(error instanceof DeadlineError)) throw error;
      asker.log.error({ event: 'reply.timeout', err: error });
    }
    if (reply.updates && sent?.id) this.followInPlace(context, sent.id, reply, asker);
  }

  /**
   * The welcome card on install. Teams also sends a conversationUpdate adding the bot; welcoming on
   * installationUpdate alone posts it once, and not again on `add-upgrade` (a new app version).
   * (The notify middleware lifts suspended watches on all of them.)
   */
  protected override async onInstallationUpdateAddActivity(context: TurnContext): Promise<void> {
    // A tenant that may not use the bot gets no card at all, not even a welcome.
    if (context.activity.action === 'add' && this.responder.isTenantAllowed(this.askerOf(context))) {
      const isGroup = context.activity.conversation?.conversationType !== 'personal';
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(presentWelcome(isGroup))));
    }
    await super.onInstallationUpdateAddActivity(context);
  }

  /** botbuilder answers invokes it does not route with 501; logged here so each is seen once. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === SIGNIN_TOKEN_EXCHANGE && this.sso) return this.exchangeToken(context, this.sso);
    if (context.activity.name === SIGNIN_VERIFY_STATE && this.sso) return this.verifyState(context, this.sso);
    // botbuilder reads `value.action.type` unguarded: a click without an action object would be its 501.
    if (context.activity.name === ADAPTIVE_CARD_ACTION && !hasActionObject(context.activity.value)) {
      this.log.warn({ event: 'invoke.malformed', name: ADAPTIVE_CARD_ACTION, activityId: context.activity.id });
      return invokeErrorResponse(400, 'BadRequest', 'The card action has no action object.');
    }
    const response = await super.onInvokeActivity(context);
    if (response.status === 501) this.log.warn({ event: 'invoke.unsupported', name: String(context.activity.name).slice(0, 60), activityId: context.activity.id });
    return response;
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const asker = this.askerOf(context);
    const decoded = decodeClick(invokeValue.action.verb, invokeValue.action.data);
    // Access first: someone the allow-lists refuse gets the refusal, never a sign-in prompt or an exchange.
    if (decoded.ok && this.sso && this.responder.mayChange(asker) && !(await this.isSignedIn(context, decoded.click, invokeValue, asker, this.sso)))
      return loginRequest(context, this.sso.connectionName, this.appId, asker.log);
    const reply = !decoded.ok ? await this.responder.refuseClick(decoded.reason, asker)
      : decoded.click.kind === 'run' ? await this.responder.respond(decoded.click.command, asker)
      : await this.responder.respondToAction(decoded.click, asker);
    await this.shareUpdate(context, reply, asker);
    return cardInvokeResponse(reply.card);
  }

  /**
   * A Confirm runs Graph as the clicking admin, so it needs their delegated token first. The click may
   * carry a fresh SSO token (Teams resends it after a loginRequest); without one and without a cached
   * token, the action stays pending and Teams is asked to sign the admin in.
   */
  private async isSignedIn(context: TurnContext, click: Click, value: AdaptiveCardInvokeValue, asker: Asker, sso: NonNullable<SyncOpsActivityHandler['sso']>): Promise<boolean> {
    // Approve runs the change as the approver, so it needs their token just as Confirm does.
    if (click.kind !== 'confirmAction' && click.kind !== 'approveAction') return true;
    const ssoToken = value.authentication?.token
      || (value.state ? await this.inTime(tokenFromMagicCode(context, sso.connectionName, value.state), 'token service').catch(() => undefined) : undefined);
    if (ssoToken) {
      try {
        await this.inTime(sso.tokens.exchange(asker.actor, ssoToken), 'on-behalf-of exchange');
      } catch (error) {
        asker.log.warn({ event: 'signin.exchange.failed', err: error });
      }
    }
    return sso.tokens.has(asker.actor);
  }

  /** `signin/verifyState`: the fallback sign-in finished; its magic code buys the token to exchange. */
  private async verifyState(context: TurnContext, sso: NonNullable<SyncOpsActivityHandler['sso']>): Promise<InvokeResponse> {
    const asker = this.askerOf(context);
    const code = (context.activity.value as { state?: unknown } | undefined)?.state;
    try {
      if (!this.responder.mayChange(asker)) throw new Error('the allow-lists refuse this person');
      const token = typeof code === 'string' && code ? await this.inTime(tokenFromMagicCode(context, sso.connectionName, code), 'token service') : undefined;
      if (!token) throw new Error('the token service has no token for this code');
      await this.inTime(sso.tokens.exchange(asker.actor, token), 'on-behalf-of exchange');
      return { status: 200 };
    } catch (error) {
      asker.log.warn({ event: 'signin.verify.failed', err: error });
      return { status: 412 };
    }
  }

  /** `signin/tokenExchange`: on-behalf-of now; 412 tells Teams to fall back to the sign-in prompt. */
  private async exchangeToken(context: TurnContext, sso: NonNullable<SyncOpsActivityHandler['sso']>): Promise<InvokeResponse> {
    const value = (context.activity.value ?? {}) as { id?: unknown; token?: unknown };
    const asker = this.askerOf(context);
    try {
      if (!this.responder.mayChange(asker)) throw new Error('the allow-lists refuse this person');
      if (typeof value.token !== 'string' || !value.token) throw new Error('no token in the exchange');
      await this.inTime(sso.tokens.exchange(asker.actor, value.token), 'on-behalf-of exchange');
      return { status: 200 };
    } catch (error) {
      asker.log.warn({ event: 'signin.exchange.failed', err: error });
      return { status: 412, body: { id: typeof value.id === 'string' ? value.id : '', connectionName: sso.connectionName, failureDetail: 'The token could not be exchanged; sign in again.' } };
    }
  }

  /**
   * The invoke answer changes the card only for the person who clicked; everyone else sees the action
   * move on through an update of the message itself, now and again when a slow call ends.
   */
  private async shareUpdate(context: TurnContext, reply: Reply, asker: Asker): Promise<void> {
    const message = cardMessageOf(context);
    if (!reply.isShared || !message) return;
    // Outside the turn: it ends before a slow call does, and botbuilder revokes its TurnContext then.
    const { adapter } = context;
    const first = updateCardMessage(adapter, this.appId, message, reply.card, asker.log, this.connectorMs);
    // The clicker's own card is in the invoke answer; a hung update must not hold that answer (teams-bot.md
    // (e): design for under 3 s), so it waits only briefly and the update carries on within its deadline.
    await Promise.race([first, delay(SHARED_UPDATE_WAIT_MS, undefined, { ref: false })]);
    if (reply.updates) this.followInPlace(context, message.messageId, reply, asker);
    const { later } = reply;
    if (later) void first.then(() => later).then((card) => updateCardMessage(adapter, this.appId, message, card, asker.log, this.connectorMs));
  }

  /** Sign-in calls (Bot Framework token service, Entra on-behalf-of) get the connector's deadline: a click waits on them. */
  private inTime<T>(work: Promise<T>, what: string): Promise<T> {
    return withDeadline(work, this.connectorMs, what);
  }

  /**
   * A card that follows a long-running operation: each later state replaces the same message, for everyone,
   * after the slow call's own result card (`later`). The turn ends long before, so only the reference is kept.
   */
  private followInPlace(context: TurnContext, messageId: string, reply: Reply, asker: Asker): void {
    const { adapter } = context;
    const message = { reference: TurnContext.getConversationReference(context.activity), messageId };
    void (async () => {
      await reply.later?.catch(() => undefined); // its own failure is logged where it is handled
      for await (const card of reply.updates ?? []) await updateCardMessage(adapter, this.appId, message, card, asker.log, this.connectorMs);
    })().catch((error: unknown) => asker.log.error({ event: 'card.follow.failed', messageId, err: error }));
  }

  private askerOf(context: TurnContext): Asker {
    const { activity } = context;
    const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
    const actor: Actor = {
      teamsId: activity.from?.id ?? '',
      name: activity.from?.name ?? 'Someone',
      ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
      ...(tenantId ? { tenantId } : {}),
    };
    const card = cardMessageOf(context);
    return {
      actor, conversationId: activity.conversation.id, log: this.log.child({ activityId: activity.id, actor: actor.aadObjectId }),
      ...(activity.localTimezone ? { timeZone: activity.localTimezone } : {}),
      ...(activity.conversation?.conversationType === 'personal' ? { isPersonalChat: true } : {}),
      // A click's replyToId is the message that holds the card: a scheduled change updates it when it runs.
      ...(activity.type === 'invoke' && activity.replyToId ? { cardMessageId: activity.replyToId } : {}),
      ...(card ? { card: { ...card } } : {}),
    };
  }
}

function hasActionObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { action } = value as { action?: unknown };
  return typeof action === 'object' && action !== null && !Array.isArray(action);
}
