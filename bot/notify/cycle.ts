/** One poll cycle: read every watched object once, decide per conversation, deliver what is due. */
import { randomUUID } from 'node:crypto';
import type { GraphGateway } from '../graph/gateway';
import type { Logger } from '../log';
import type { Clock } from './clock';
import type { Courier, DueNotice } from './courier';
import { decide, isUnchanged, type DecideContext, type Observation } from './decide';
import { objectKey } from './keys';
import type { ConversationRecord, Subscription, SubscriptionRecord, Watch, WatchTarget } from './model';
import { forEachInPool } from './pool';
import { addNewestErrors, readWatched } from './reader';
import type { ByObject, Subscriptions } from './subscriptions';
import type { WatchBook } from './watchBook';

/** Conversations delivered to at once: enough to keep a slow one from holding up the rest. */
const PARALLEL_CONVERSATIONS = 4;
/**
 * Store reads and writes in flight at once. Starting them all together finishes no sooner on one disk, and
 * holds every read's buffers and promises at the same moment (500 MB at 12,000 watches, one key each).
 */
const PARALLEL_STORE_CALLS = 16;

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
  watch: Watch;
  /** objectKey of the watched object: where its observation and its subscription are found. */
  key: string;
  subscription: Subscription;
}

/** One conversation's watches with their subscriptions, as read once this cycle, and the etag they were read at. */
interface Conversation {
  record: ConversationRecord;
  stored: SubscriptionRecord;
  etag: string;
  entries: Entry[];
}

/** Throws when Graph cannot be read at all (the poller then backs off); per-item failures are in the report. */
export async function runPollCycle(deps: CycleDeps): Promise<CycleReport> {
  const records = await deps.book.list();
  // Without it those watches wait (they have no subscription yet); the others are polled as usual.
  await deps.subscriptions.adoptLegacy(records).catch((error: unknown) => deps.log.error({ event: 'notify.legacy.failed', err: error }));
  const active = records.filter((record) => !record.suspended && record.address);
  const conversations = await readConversations(deps, active);
  const targets = watchedTargets(conversations, deps.clock.now());
  const reading = await readWatched(deps.gateway, targets, deps.clock.now());
  // The newest errors only add detail to a card; without them the change is still posted.
  await addNewestErrors(deps.gateway, reading, profilesWithMoreErrors(conversations, reading.observations))
    .catch((error: unknown) => deps.log.warn({ event: 'notify.errors.unread', err: error }));
  const now = deps.clock.now();
  await forEachInPool(conversations, PARALLEL_STORE_CALLS, (conversation) => decideFor(deps, conversation, reading.observations, now));
  const sent = await deliverAll(deps, conversations);
  return {
    conversations: active.length, objects: targets.length, failedReads: reading.failedReads, sent,
    isThrottled: reading.isThrottled, ...(reading.retryAfterSeconds ? { retryAfterSeconds: reading.retryAfterSeconds } : {}),
  };
}

/** Each conversation's subscriptions, one store read per conversation; a watch without one (being added or removed right now) is left out. */
async function readConversations(deps: CycleDeps, records: readonly ConversationRecord[]): Promise<Conversation[]> {
  const read: (Conversation | undefined)[] = new Array(records.length);
  await forEachInPool(records, PARALLEL_STORE_CALLS, async (record, i) => {
    const stored = await deps.subscriptions.readAll(record.conversationId);
    if (!stored) return;
    const entries: Entry[] = [];
    for (const watch of record.watches) {
      const key = objectKey(watch.target);
      const subscription = stored.value.byObject[key];
      if (subscription) entries.push({ watch, key, subscription });
    }
    read[i] = { record, stored: stored.value, etag: stored.etag, entries };
  });
  return read.filter((conversation) => conversation !== undefined);
}

/** A watch of a retired SDS (Classic) is read again this long after Graph last said so (not every cycle). */
export const RETIRED_RECHECK_MS = 24 * 3_600_000;

/** Each watched object once, however many conversations watch it; resting retired watches are left out. */
function watchedTargets(conversations: readonly Conversation[], now: Date): WatchTarget[] {
  const targets = new Map<string, WatchTarget>();
  for (const { entries } of conversations) {
    for (const { key, watch, subscription } of entries) {
      const isResting = subscription.retiredAt !== undefined && now.getTime() - Date.parse(subscription.retiredAt) < RETIRED_RECHECK_MS;
      if (!targets.has(key) && !isResting) targets.set(key, watch.target);
    }
  }
  return [...targets.values()];
}

/**
 * A conversation's decisions about its objects, written back in one conditional write, only when one changed
 * something. If someone wrote the record since it was read, all are decided again on what is stored now.
 */
async function decideFor(deps: CycleDeps, conversation: Conversation, observations: ReadonlyMap<string, Observation>, now: Date): Promise<void> {
  const { record, entries, stored } = conversation;
  // Each new notice's id is fixed before the first decision, so deciding again gives it the same id.
  const contexts: (DecideContext | undefined)[] = new Array(entries.length);
  const decideEach = (byObject: ByObject): ByObject | undefined => {
    let next: ByObject | undefined;
    for (let i = 0; i < entries.length; i++) {
      const { watch, key } = entries[i]!;
      const observation = observations.get(key);
      const current = byObject[key];
      if (!observation || !current || isUnchanged(current, observation)) continue;
      const context = (contexts[i] ??= { now, intervalMs: deps.intervalMs, only: watch.only, noticeId: randomUUID() });
      const decided = decide(current, observation, context);
      if (decided) (next ??= { ...byObject })[key] = decided;
    }
    return next;
  };
  try {
    const next = decideEach(stored.byObject);
    if (!next) return;
    const saved = (await deps.subscriptions.replace(record.conversationId, { ...stored, byObject: next }, conversation.etag))
      ? next
      : await deps.subscriptions.updateAll(record.conversationId, decideEach);
    for (const entry of entries) entry.subscription = saved[entry.key] ?? entry.subscription;
  } catch (error) {
    deps.log.error({ event: 'notify.decide.failed', watches: entries.length, err: error });
  }
}

/** Profiles whose error count rose since some conversation last heard: their newest errors go on the card. */
function profilesWithMoreErrors(conversations: readonly Conversation[], observations: ReadonlyMap<string, Observation>): string[] {
  const ids = new Set<string>();
  for (const { entries } of conversations) {
    for (const { watch, key, subscription } of entries) {
      const seen = observations.get(key);
      const before = subscription.pending?.from ?? subscription.baseline;
      if (seen?.kind === 'seen' && seen.snapshot.kind === 'profile' && before?.kind === 'profile' && seen.snapshot.errorCount > before.errorCount) ids.add(watch.target.id);
    }
  }
  return [...ids];
}

async function deliverAll(deps: CycleDeps, conversations: readonly Conversation[]): Promise<number> {
  let sent = 0;
  await forEachInPool(conversations, PARALLEL_CONVERSATIONS, async ({ record, entries }) => {
    const due = entries.filter((entry): entry is Entry & DueNotice => entry.subscription.pending !== undefined);
    if (due.length === 0) return;
    try {
      // Not `sent += await …`: that reads `sent` before the await, and parallel deliveries would overwrite each other's counts.
      const delivered = await deps.courier.deliver(record, due);
      sent += delivered;
    } catch (error) {
      deps.log.error({ event: 'notify.delivery.failed', err: error });
    }
  });
  return sent;
}
