/** Reads every watched object once per cycle, in shared $batch requests, with the app's own token. */
import type { BatchRead, GraphGateway } from '../graph/gateway';
import type { Job, ProfileStatus } from '../graph/types';
import { objectKey } from './keys';
import type { Observation } from './decide';
import type { WatchTarget } from './model';
import { appSnapshot, newestErrors, profileSnapshot } from './snapshot';
import { readSdsSnapshot } from './sdsObserve';
import { GraphError } from '../graph/errors';

/** How many errors a notification lists, out of the first page read. */
const NEWEST_ERRORS = 3;
const ERRORS_PAGE = 100;
const THROTTLED_STATUSES = new Set([429, 503, 504]);

export interface Reading {
  /** By objectKey; an object whose read failed has none, so it cannot look changed. */
  observations: Map<string, Observation>;
  /** Objects without an observation: their read failed, or was not tried once Graph throttled. */
  failedReads: number;
  /** Items Graph throttled or was too busy to serve (429/503/504): the cycle backs off. */
  isThrottled: boolean;
  /** The longest Retry-After among them, in seconds. */
  retryAfterSeconds?: number;
}

/**
 * Graph reads per gateway call, 50 $batch requests: only one slice's raw answers are in memory at once (at
 * 12,000 objects, all of them took about 100 MB). A multiple of 20 keeps a cycle at ⌈n/20⌉ requests.
 */
export const READ_SLICE = 1_000;

export async function readWatched(gateway: GraphGateway, targets: readonly WatchTarget[], now: Date = new Date()): Promise<Reading> {
  const reading: Reading = { observations: new Map(), failedReads: 0, isThrottled: false };
  for (let start = 0; start < targets.length; start += READ_SLICE) {
    // Graph asked us to slow down: the rest is read after the back-off rather than pressed on it now, and a
    // slice's own waits for Retry-After cannot add up past the poller's lease.
    if (reading.isThrottled) {
      reading.failedReads += targets.length - start;
      break;
    }
    await readSlice(gateway, targets.slice(start, start + READ_SLICE), reading, now);
  }
  return reading;
}

async function readSlice(gateway: GraphGateway, targets: readonly WatchTarget[], reading: Reading, now: Date): Promise<void> {
  const profiles = targets.filter((t) => t.kind === 'profile');
  const apps = targets.filter((t) => t.kind === 'app');
  for (const target of targets.filter((t) => t.kind === 'sds')) await readSds(gateway, target, reading, now);
  if (profiles.length === 0 && apps.length === 0) return;
  const states = await gateway.readSyncStates(profiles.map((t) => t.id), apps.map((t) => t.id));
  for (const target of profiles) record(reading, target, states.profiles.get(target.id), observeProfile);
  for (const target of apps) record(reading, target, states.apps.get(target.id), observeApp);
}

const observeProfile = (status: ProfileStatus): Observation => ({ kind: 'seen', snapshot: profileSnapshot(status) });
const observeApp = (jobs: readonly Job[]): Observation => ({ kind: 'seen', snapshot: appSnapshot(jobs) });

/** The new SDS: its own reads (not batched with the rest); a failure is no observation, like any failed read. */
async function readSds(gateway: GraphGateway, target: WatchTarget, reading: Reading, now: Date): Promise<void> {
  try {
    reading.observations.set(objectKey(target), { kind: 'seen', snapshot: await readSdsSnapshot(gateway, now) });
  } catch (error) {
    record(reading, target, { ok: false, error: error instanceof GraphError ? error : new GraphError('unavailable', 0, 'unknown', (error as Error).message, undefined) }, () => ({ kind: 'missing' }));
  }
}

/** A 404 is an observation (the object may be gone); any other failure is no observation at all. */
function record<T>(reading: Reading, target: WatchTarget, read: BatchRead<T> | undefined, observe: (value: T) => Observation): void {
  if (read?.ok) {
    reading.observations.set(objectKey(target), observe(read.value));
    return;
  }
  if (read?.error.failure === 'notFound') {
    reading.observations.set(objectKey(target), { kind: 'missing' });
    return;
  }
  if (read?.error.failure === 'retired') {
    reading.observations.set(objectKey(target), { kind: 'retired' });
    return;
  }
  reading.failedReads += 1;
  // Throttling and outage answers slow the whole cycle down; another item's 500 or 403 is that item's problem.
  if (!read || THROTTLED_STATUSES.has(read.error.status)) {
    reading.isThrottled = true;
    const seconds = Math.max(reading.retryAfterSeconds ?? 0, read?.error.retryAfterSeconds ?? 0);
    if (seconds > 0) reading.retryAfterSeconds = seconds;
  }
}

/** Adds the newest errors to the observations of profiles whose error count went up (one more batched read). */
export async function addNewestErrors(gateway: GraphGateway, reading: Reading, profileIds: readonly string[]): Promise<void> {
  if (profileIds.length === 0) return;
  const pages = await gateway.listProfileErrorsOfMany(profileIds, ERRORS_PAGE);
  for (const [id, errors] of pages) {
    const key = objectKey({ kind: 'profile', id });
    const observation = reading.observations.get(key);
    if (observation?.kind === 'seen') reading.observations.set(key, { ...observation, newestErrors: newestErrors(errors, NEWEST_ERRORS) });
  }
}
