import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { createAdapter, type AdapterOptions } from './teams/adapter';
import { DEFAULT_DEADLINES, type Deadlines } from './deadline';
import type { Config } from './config';
import { startDemoTenant } from './demoTenant';
import type { RunningEmulator } from './emulator';
import { GraphRequester } from './graph/requester';
import { GraphGateway } from './graph/gateway';
import { createTokenSource } from './graph/tokens';
import { SyncOpsActivityHandler } from './teams/activityHandler';
import type { Logger } from './log';
import { openAccessWarnings } from './identity/access';
import { DelegatedTokens, onBehalfOfFactory, type OboCredentialFactory } from './identity/delegated';
import { createNotifications, systemClock, type Poller } from './notify';
import { createScheduleAnnouncer } from './teams/scheduledPosts';
import { newActionId } from './operations/proposeConfirm';
import { specFor } from './operations/dispatch';
import { Scheduler } from './operations/scheduler';
import { DEFAULT_FOLLOWING, type Following } from './operations/follow';
import { Responder } from './responder';
import { ConversationRecorder } from './teams/conversationRecorder';
import { Sender } from './teams/proactiveSender';
import { createServer } from './teams/server';
import { typingIndicator } from './teams/typing';
import { WatchBook } from './notify/watchBook';
import { actionSweepChore } from './teams/sweepChore';
import { createStores, type KeyValueStore, type Stores } from './store';
import { sweepStaleFiles } from './store/fileLock';
import { withStorageDeadlines } from './storageDeadline';
import { type BlobTimings, openBlobStores } from './store/blob';

/**
 * Design for under 2 s per invoke (Teams users click again when nothing happens); the wait starts after
 * the compare-and-set and the audit write, and the shared card update follows it, so it leaves headroom.
 */
const RUNNING_AFTER_MS = 1200;

export interface AppOptions extends AdapterOptions {
  log: Logger;
  /** The on-behalf-of boundary (Entra is not reachable in tests); the real OnBehalfOfCredential otherwise. */
  oboCredentialFactory?: OboCredentialFactory;
  /** PEM of the CA that signs GRAPH_BASE_URL's certificate, for a Graph emulator run outside the bot (tests). */
  graphCaCert?: string;
  now?: () => Date;
  /** When a confirmed call answers "Running…"; Teams gives an invoke a few seconds at most. */
  runningAfterMs?: number;
  /** How long Azure Blob Storage calls may take (tests shorten it to show a timeout quickly). */
  blobTimings?: BlobTimings;
  /** Starts the notification poller's timer (the bot's entry point does); tests call `poller.runCycle()` instead. */
  isPolling?: boolean;
  /** Shorter waits on Bot Connector calls and requests, for fault tests (DEFAULT_DEADLINES otherwise). */
  deadlines?: Partial<Deadlines>;
  /** How cards follow SDS runs and validations (tests: short intervals and bounds); defaults in operations/follow.ts. */
  following?: Partial<Omit<Following, 'signal'>>;
  /** Notification seams for tests: a sleep that moves the injected clock, a store wrapper that can fail a write, a shorter lease. */
  notify?: { sleep?: (ms: number) => Promise<void>; wrapStore?: (store: KeyValueStore) => KeyValueStore; leaseTtlMs?: number };
}

export interface RunningApp {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The in-process Graph emulator, in demo mode. */
  emulator?: RunningEmulator;
  /** The channel-notification poller; `runCycle()` polls once now. */
  poller: Poller;
  /** Stops taking requests, lets in-flight ones finish, then releases Graph connections and the emulator. */
  close(): Promise<void>;
}

/** Builds every part from the config and starts listening; the composition root of the bot. */
export async function startApp(config: Config, options: AppOptions): Promise<RunningApp> {
  const { log } = options;
  // Storage first: when it is unreachable, start-up fails before anything else is listening.
  const stores = config.storage.azure
    ? await openBlobStores(config.storage.azure, {
      ...(options.blobTimings ? { timings: options.blobTimings } : {}),
      onLeaseRenewalFailed: (error) => log.warn({ event: 'store.lease.renew.failed', err: error }),
    })
    : await openFileStores(config.storage.dataDir, log);
  const demo = config.graph.auth.kind === 'demo' ? await startDemoTenant(config) : undefined;
  const emulator = demo?.emulator;
  const { connectionName } = config.sso;
  const delegated = connectionName ? new DelegatedTokens(options.oboCredentialFactory ?? onBehalfOfFactory(config.bot)) : undefined;
  const caCert = emulator?.caCert ?? options.graphCaCert;
  const graph = new GraphRequester({
    baseUrl: emulator?.baseUrl ?? config.graph.baseUrl,
    tokens: createTokenSource(config.graph.auth, { ...(delegated ? { delegated } : {}), ...(demo ? { demo: demo.tokens } : {}) }),
    timeoutMs: config.graph.timeoutMs,
    retryDeadlineMs: config.graph.retryDeadlineMs,
    ...(caCert ? { caCert } : {}),
  });
  const { kv, audit } = stores;
  const gateway = new GraphGateway(graph);
  // Ends every card follow on close: a follow may last hours and must not hold the process open.
  const following = new AbortController();
  const operationDeps = {
    gateway, store: kv, audit, config, newActionId,
    now: options.now ?? (() => new Date()), runningAfterMs: options.runningAfterMs ?? RUNNING_AFTER_MS,
    following: { ...DEFAULT_FOLLOWING, sleep: (ms: number) => abortableSleep(ms, following.signal), ...options.following, signal: following.signal },
  };
  const responder = new Responder(operationDeps);
  const deadlines = { ...DEFAULT_DEADLINES, ...options.deadlines };
  const bot = new SyncOpsActivityHandler(responder, log, config.bot.appId, connectionName && delegated ? { connectionName, tokens: delegated } : undefined, deadlines.connectorMs);
  const adapter = createAdapter(config, log, { ...options, connectorTimeoutMs: deadlines.connectorMs });
  const scheduler = new Scheduler({
    ...operationDeps, log: log.child({ component: 'scheduler' }), specFor,
    // Without Teams SSO, a person's calls use the demo tenant's minted token or the app token anyway.
    canActAs: (actor) => !delegated || delegated.has(actor),
    announce: createScheduleAnnouncer({ store: kv, adapter, appId: config.bot.appId, log }),
  });
  const clock = { ...systemClock(options.now), ...(options.notify?.sleep ? { sleep: options.notify.sleep } : {}) };
  const notifyStore = options.notify?.wrapStore?.(kv) ?? kv;
  const { poller } = createNotifications({
    store: notifyStore, audit, lease: (leaseOptions) => stores.lease('poller', leaseOptions),
    sender: new Sender(adapter, config.bot.appId, deadlines.connectorMs),
    gateway, clock, intervalMs: config.pollIntervalSeconds * 1000, log, scheduler,
    ...(options.notify?.leaseTtlMs ? { leaseTtlMs: options.notify.leaseTtlMs } : {}),
    chores: actionSweepChore({ ctx: { ...operationDeps, log }, adapter, appId: config.bot.appId, connectorMs: deadlines.connectorMs, log }),
  });
  adapter.use(new ConversationRecorder({ book: new WatchBook(notifyStore), audit, now: () => clock.now(), log: log.child({ component: 'notify' }) }));
  adapter.use(typingIndicator(log));
  const server = createServer({ adapter, bot, log, requestDeadlineMs: deadlines.requestMs });
  for (const warning of openAccessWarnings(config.access)) log.warn({ event: 'access.open', warning });
  await listen(server, config.port);
  if (options.isPolling) poller.start();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log.info({
    event: 'started', url, graphBaseUrl: emulator?.baseUrl ?? config.graph.baseUrl, demoTenant: Boolean(emulator),
    inboundAuth: config.bot.isAuthEnabled ? 'on' : 'off (MicrosoftAppId is empty: local use only)',
  });
  return {
    url,
    ...(emulator ? { emulator } : {}),
    poller,
    async close() {
      following.abort();
      await poller.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await responder.drain();
      await graph.close();
      await emulator?.close();
      log.info({ event: 'stopped' });
    },
  };
}

/**
 * The file stores under DATA_DIR, swept first of what a kill -9 left there (locks that would stall the first
 * write on them, temp files that pile up), with a deadline on every call. Blob calls have their own bounds.
 */
async function openFileStores(dataDir: string, log: Logger): Promise<Stores> {
  const swept = await sweepStaleFiles(dataDir);
  if (swept.locks + swept.tempFiles > 0) log.info({ event: 'store.swept', ...swept });
  return withStorageDeadlines(createStores({ dataDir }));
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal.addEventListener('abort', stop, { once: true });
  });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
  });
}
