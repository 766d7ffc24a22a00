import { randomUUID } from 'node:crypto';
import {
  ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext,
} from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from './config';
import type { Logger } from './log';

export interface AdapterOptions {
  /**
   * Endpoints of the Bot Framework auth (`ToBotFromChannelOpenIdMetadataUrl`, …) for tests with a local
   * issuer. botbuilder uses *all* of them as soon as one is set, so callers must pass the full set.
   */
  authEndpoints?: Readonly<Record<string, string>>;
  /** Outbound credentials for replies; the default one needs login.microsoftonline.com. */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/** A CloudAdapter whose auth options are built from validated config only, never from raw process.env. */
export function createAdapter(config: Config, log: Logger, options: AdapterOptions = {}): CloudAdapter {
  const { appId, appPassword, appType, appTenantId } = config.bot;
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: appPassword,
      MicrosoftAppType: appType,
      MicrosoftAppTenantId: appTenantId,
      ...options.authEndpoints,
    },
    options.credentialsFactory,
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = (context, error) => reportTurnError(context, error, log);
  return adapter;
}

/** Last resort for a turn that threw: a short reply with a ref; the stack goes to the log only. */
async function reportTurnError(context: TurnContext, error: Error, log: Logger): Promise<void> {
  const ref = randomUUID().slice(0, 8);
  log.error({ event: 'turn.failed', ref, activityId: context.activity.id, activityType: context.activity.type, err: error });
  if (context.activity.type !== ActivityTypes.Message) return;
  try {
    await context.sendActivity(MessageFactory.text(`Something went wrong (ref ${ref}). Nothing more was done.`));
  } catch (sendError) {
    log.error({ event: 'turn.failed.reply', ref, err: sendError }); // the connector is unreachable too: logged, nothing else to do
  }
}
