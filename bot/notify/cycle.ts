/** One poll cycle: read every watched object once, decide per conversation, deliver what is due. */
import { randomUUID } from 'node:crypto';
import type { GraphGateway } from '../graph/gateway';
import type { Logger } from '../log';
import type { Clock } from './clock';
import type { Courier, DueNotice } from './courier';
import { decide, type Observation } from './decide';
import { objectKey } from './keys';
import type { ConversationRecord, Subscription, Watch } from './model';
import { addNewestErrors, readWatched } from './reader';
import type { Subscriptions } from './subscriptions';
import type { WatchBook } from './watchBook';

/** Conversations delivered to at once: enough to keep a slow one from holding up the rest. */
const PARALLEL_CONVERSATIONS = 4;

export interface CycleDeps {
  book: WatchBook;
  subscriptions: Subscriptions;
  gateway: GraphGateway;
  courier: Courier;
  clock: Clock;
  intervalMs: number;
  log: Logger;
}

export interface CycleReport {
  conversations: number;
  objects: number;
  failedReads: number;
  sent: number;
  /** Graph throttled or failed some reads: the poller backs off. */
  isThrottled: boolean;
  retryAfterSeconds?: number;
}

interface Entry {
  record: ConversationRecord;
  watch: Watch;
  subscription: Subscription;
}

/** Throws when Graph cannot be read at all (the poller then backs off); per-item failures are in the report. */
export async function runPollCycle(deps: CycleDeps): Promise<CycleReport> {
  const records = (await deps.book.list()).filter((record) => !record.suspended && record.address);
  const entries = await readEntries(deps, records);
  const targets = [...new Map(entries.map((e) => [objectKey(e.watch.target), e.watch.target])).values()];
  const reading = await readWatched(deps.gateway, targets);
  // The newest errors only add detail to a card; without them the change is still posted.
  await addNewestErrors(deps.gateway, reading, profilesWithMoreErrors(entries, reading.observations))
    .catch((error: unknown) => deps.log.warn({ event: 'notify.errors.unread', err: error }));
  await decideAll(deps, entries, reading.observations);
  const sent = await deliverAll(deps, records, entries);
  return {
    conversations: records.length, objects: targets.length, failedReads: reading.failedReads, sent,
    isThrottled: reading.isThrottled, ...(reading.retryAfterSeconds ? { retryAfterSeconds: reading.retryAfterSeconds } : {}),
  };
}

/** Each conversation's decision about its objects, saved with compare-and-set; entries get the saved state. */
async function decideAll(deps: CycleDeps, entries: Entry[], observations: ReadonlyMap<string, Observation>): Promise<void> {
  const now = deps.clock.now();
  for (const entry of entries) {
    const observation = observations.get(objectKey(entry.watch.target));
    if (!observation) continue;
    const context = { now, intervalMs: deps.intervalMs, only: entry.watch.only, noticeId: randomUUID() };
    // Deciding on the state read at the start of the cycle spares a store round trip for the many
    // objects that did not change; a change made meanwhile is decided on in the next cycle.
    if (!decide(entry.subscription, observation, context)) continue;
    try {
      const saved = await deps.subscriptions.update(entry.record.conversationId, entry.watch.target, (current) => decide(current, observation, context));
      entry.subscription = saved ?? entry.subscription;
    } catch (error) {
      deps.log.error({ event: 'notify.decide.failed', target: entry.watch.target.id, err: error });
    }
  }
}

/** Each watch with its subscription; a watch whose subscription is gone (unwatched meanwhile) is left out. */
async function readEntries(deps: CycleDeps, records: readonly ConversationRecord[]): Promise<Entry[]> {
  const pairs = records.flatMap((record) => record.watches.map((watch) => ({ record, watch })));
  const subscriptions = await Promise.all(pairs.map(({ record, watch }) => deps.subscriptions.read(record.conversationId, watch.target)));
  return pairs.flatMap((pair, i) => (subscriptions[i] ? [{ ...pair, subscription: subscriptions[i] }] : []));
}

/** Profiles whose error count rose since some conversation last heard: their newest errors go on the card. */
function profilesWithMoreErrors(entries: readonly Entry[], observations: ReadonlyMap<string, Observation>): string[] {
  const ids = new Set<string>();
  for (const { watch, subscription } of entries) {
    const seen = observations.get(objectKey(watch.target));
    const before = subscription.pending?.from ?? subscription.baseline;
    if (seen?.kind === 'seen' && seen.snapshot.kind === 'profile' && before?.kind === 'profile' && seen.snapshot.errorCount > before.errorCount) ids.add(watch.target.id);
  }
  return [...ids];
}

async function deliverAll(deps: CycleDeps, records: readonly ConversationRecord[], entries: readonly Entry[]): Promise<number> {
  const queue = records.map((record) => ({
    record,
    due: entries.filter((e) => e.record === record && e.subscription.pending).map((e) => ({ watch: e.watch, subscription: e.subscription }) as DueNotice),
  })).filter((item) => item.due.length > 0);
  let sent = 0;
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        sent += await deps.courier.deliver(item.record, item.due);
      } catch (error) {
        deps.log.error({ event: 'notify.delivery.failed', err: error });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_CONVERSATIONS }, worker));
  return sent;
}

