/**
 * The bot's own poll cycle at scale: a bot started as `npm start` starts it, against the grown tenant,
 * with every watch in its file store (or, with `spec.storage`, in Azure Blob Storage) as `watch profile` /
 * `watch app` would leave it, and each baseline equal to what Graph answers, so a cycle finds no change and
 * sends nothing: the steady state. The poller's store counts its reads and writes of each subscription record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { mintDemoAppToken } from '../../bot/emulator';
import { GraphRequester } from '../../bot/graph/requester';
import { GraphGateway } from '../../bot/graph/gateway';
import { createLogger } from '../../bot/log';
import { addressOf } from '../../bot/teams/conversationRecorder';
import { conversationRecordKey, objectKey, subscriptionsKey } from '../../bot/notify/keys';
import type { ConversationRecord, Subscription, SubscriptionRecord, WatchTarget } from '../../bot/notify/model';
import { readWatched } from '../../bot/notify/reader';
import { createStores } from '../../bot/store';
import { openBlobStores } from '../../bot/store/blob';
import type { KeyValueStore } from '../../bot/store';
import type { Activity } from 'botbuilder';
import { message } from '../support/activities';
import { CountingStore, type KeyCounts } from './countingStore';
import { benchAppId, benchProfileId } from './grownTenant';
import type { Mark, PollClientResult, PollClientSpec } from './pollCycle';
import { measureCycles } from './pollCycle';

/** A steady cycle sends nothing; were it to, the send would fail here and show in the cycle's result. */
const NOWHERE = 'http://127.0.0.1:9/';
/** Where every conversation's subscription record is kept (bot/notify/keys.ts). */
const SUBSCRIPTIONS_PREFIX = subscriptionsKey('any').replace(/[^/]+$/, '');
/** Store writes in flight during set-up. */
const WRITES_AT_ONCE = 200;

export async function runPollerCycles(spec: PollClientSpec, mark: Mark): Promise<PollClientResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'syncops-poll-'));
  const token = mintDemoAppToken();
  const blobEnv = spec.storage ? { AZURE_STORAGE_CONNECTION_STRING: spec.storage.connectionString, AZURE_STORAGE_CONTAINER: spec.storage.container } : {};
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'error', GRAPH_BASE_URL: spec.baseUrl, GRAPH_ACCESS_TOKEN: token, ...blobEnv });
  let counting: CountingStore | undefined;
  const app = await startApp(config, {
    log: createLogger(config.logLevel), graphCaCert: spec.caCert, notify: { wrapStore: (inner) => (counting = new CountingStore(inner)) },
  });
  try {
    const stores = config.storage.azure ? await openBlobStores(config.storage.azure) : createStores({ dataDir });
    await addWatches(stores.kv, spec, token);
    await mark('setup');
    counting?.take(SUBSCRIPTIONS_PREFIX);
    const subscriptionTouches: KeyCounts[] = [];
    const result = await measureCycles(spec.cycles, mark, async () => {
      const result = await app.poller.runCycle();
      if (result.kind !== 'polled' || result.failedReads > 0 || result.sent > 0) throw new Error(`the poll cycle did not read quietly: ${JSON.stringify(result)}`);
      subscriptionTouches.push(counting!.take(SUBSCRIPTIONS_PREFIX));
      return result.objects;
    });
    return { ...result, subscriptionTouches };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Spreads every profile and app over `spec.conversations` channels, each watch with its current state as baseline. */
async function addWatches(store: KeyValueStore, spec: PollClientSpec, token: string): Promise<void> {
  const targets: WatchTarget[] = [
    ...Array.from({ length: spec.profiles }, (_, i): WatchTarget => ({ kind: 'profile', id: benchProfileId(i), name: `Bench School ${i}` })),
    ...Array.from({ length: spec.apps }, (_, i): WatchTarget => ({ kind: 'app', id: benchAppId(i), name: `Bench App ${i}` })),
  ];
  const baselines = await currentState(spec, token, targets);
  const writes: (() => Promise<unknown>)[] = [];
  for (let c = 0; c < spec.conversations; c++) {
    const activity = message(NOWHERE, 'watch', { scope: 'channel', conversationId: `19:bench-${c}@thread.tacv2` });
    const address = addressOf(activity as unknown as Activity);
    const conversationId = address.reference.conversation!.id;
    const mine = targets.filter((_, i) => i % spec.conversations === c);
    const record: ConversationRecord = {
      conversationId, address,
      watches: mine.map((target) => ({ target, only: 'all', since: new Date().toISOString(), by: 'Ada Lovelace' })),
    };
    writes.push(() => store.write(conversationRecordKey(conversationId), record));
    const byObject = Object.fromEntries(mine.map((target) => [objectKey(target), { baseline: baselines.get(objectKey(target)) }]));
    writes.push(() => store.write(subscriptionsKey(conversationId), { conversationId, byObject } satisfies SubscriptionRecord));
  }
  for (let i = 0; i < writes.length; i += WRITES_AT_ONCE) await Promise.all(writes.slice(i, i + WRITES_AT_ONCE).map((write) => write()));
}

/** What Graph answers now, as the poller's own reader snapshots it. */
async function currentState(spec: PollClientSpec, token: string, targets: readonly WatchTarget[]) {
  const graph = new GraphRequester({ baseUrl: spec.baseUrl, tokens: { getAccessToken: async () => token }, timeoutMs: 30_000, retryDeadlineMs: 0, caCert: spec.caCert });
  try {
    const reading = await readWatched(new GraphGateway(graph), targets);
    const baselines = new Map<string, Subscription['baseline']>();
    for (const [key, observation] of reading.observations) if (observation.kind === 'seen') baselines.set(key, observation.snapshot);
    if (baselines.size !== targets.length) throw new Error(`only ${baselines.size} of ${targets.length} watched objects could be read`);
    return baselines;
  } finally {
    await graph.close();
  }
}
