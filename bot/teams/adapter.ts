import { randomUUID } from 'node:crypto';
import {
  ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type Activity, type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../config';
import { DEFAULT_DEADLINES } from '../deadline';
import { isKeyFetchFailure, tokenRefusal } from './inboundToken';
import type { Logger } from '../log';

export interface AdapterOptions {
  /**
   * Endpoints of the Bot Framework auth (`ToBotFromChannelOpenIdMetadataUrl`, …) for tests with a local
   * issuer. botbuilder uses *all* of them as soon as one is set, so callers must pass the full set.
   */
  authEndpoints?: Readonly<Record<string, string>>;
  /** Outbound credentials for replies; the default one needs login.microsoftonline.com. */
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** Socket timeout of each Bot Connector request (DEFAULT_DEADLINES.connectorMs otherwise). */
  connectorTimeoutMs?: number;
}

export interface Answer {
  status: number;
  body?: unknown;
}

/** Errors of the JWT library that mean "this token is not acceptable", whatever botbuilder makes of them. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * CloudAdapter with its request handling made strict: every token problem is a 401 (botbuilder turns a
 * forged signature into a 500), errors are logged as JSON lines instead of console output, and no error
 * message reaches the caller.
 */
export class SyncOpsCloudAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly log: Logger,
    /** With inbound auth off botbuilder ignores the header; so do the checks here. */
    private readonly isAuthEnabled = false,
  ) {
    super(auth);
    this.onTurnError = (context, error) => reportTurnError(context, error, log);
  }

  /** Authenticates the activity and runs the turn; the answer is what the HTTP response must say. */
  async serve(activity: Activity, authorization: string, logic: (context: TurnContext) => Promise<void>): Promise<Answer> {
    const refusal = this.isAuthEnabled ? tokenRefusal(authorization) : undefined;
    if (refusal) {
      this.log.warn({ event: 'auth.rejected', reason: refusal, activityId: activity.id });
      return { status: 401, body: { code: 'Unauthorized', message: 'The request is not authorized.' } };
    }
    try {
      const invoke = await this.processActivity(authorization, fixDates(activity), logic);
      return { status: invoke?.status ?? 200, ...(invoke?.body === undefined ? {} : { body: invoke.body }) };
    } catch (error) {
      const name = (error as Error).name;
      if (isKeyFetchFailure(error)) {
        this.log.error({ event: 'auth.keys.unavailable', activityId: activity.id, err: error });
        return { status: 503, body: { code: 'ServiceUnavailable', message: 'The request cannot be verified right now; try again shortly.' } };
      }
      if (error instanceof AuthenticationError || TOKEN_ERRORS.has(name)) {
        this.log.warn({ event: 'auth.rejected', reason: String((error as Error).message).slice(0, 200), activityId: activity.id });
        return { status: 401, body: { code: 'Unauthorized', message: 'The request is not authorized.' } };
      }
      const ref = randomUUID().slice(0, 8);
      this.log.error({ event: 'request.failed', ref, activityId: activity.id, err: error });
      return { status: 500, body: { code: 'InternalError', message: `Something went wrong (ref ${ref}).` } };
    }
  }
}

/** A SyncOpsCloudAdapter whose auth options are built from validated config only, never from raw process.env. */
export function createAdapter(config: Config, log: Logger, options: AdapterOptions = {}): SyncOpsCloudAdapter {
  const { appId, appPassword, appType, appTenantId } = config.bot;
  const auth = new ConfigurationBotFrameworkAuthentication(
    { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword, MicrosoftAppType: appType, MicrosoftAppTenantId: appTenantId, ...options.authEndpoints },
    options.credentialsFactory, undefined, undefined,
    { requestPolicyFactories: [requestTimeout(options.connectorTimeoutMs ?? DEFAULT_DEADLINES.connectorMs)] },
  );
  return new SyncOpsCloudAdapter(auth, log, config.bot.isAuthEnabled);
}

/**
 * A timeout on each Bot Connector request, so a hung connector's socket is given up, not only stopped
 * being waited for (the callers' deadlines). The connector client has none by default: `timeout` 0.
 */
function requestTimeout(ms: number): RequestPolicyFactory {
  return {
    create: (next) => ({
      sendRequest: (request) => {
        request.timeout = ms;
        return next.sendRequest(request);
      },
    }),
  };
}

type ConnectorClientOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;
type RequestPolicyFactory = Extract<NonNullable<ConnectorClientOptions['requestPolicyFactories']>, unknown[]>[number];

/** What CloudAdapter.process does to dates before a turn: ISO strings become Date objects. */
function fixDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const key of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    if (typeof raw[key] === 'string') raw[key] = new Date(raw[key] as string);
  }
  return activity;
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
