/** Reads every watched object once per cycle, in shared $batch requests, with the app's own token. */
import type { BatchRead, GraphGateway } from '../graph/gateway';
import { objectKey } from './keys';
import type { Observation } from './decide';
import type { WatchTarget } from './model';
import { appSnapshot, newestErrors, profileSnapshot } from './snapshot';

/** How many errors a notification lists, out of the first page read. */
const NEWEST_ERRORS = 3;
const ERRORS_PAGE = 100;
const THROTTLED_STATUSES = new Set([429, 503, 504]);

export interface Reading {
  /** By objectKey; an object whose read failed has none, so it cannot look changed. */
  observations: Map<string, Observation>;
  failedReads: number;
  /** Items Graph throttled or was too busy to serve (429/503/504): the cycle backs off. */
  isThrottled: boolean;
  /** The longest Retry-After among them, in seconds. */
  retryAfterSeconds?: number;
}

export async function readWatched(gateway: GraphGateway, targets: readonly WatchTarget[]): Promise<Reading> {
  const profiles = targets.filter((t) => t.kind === 'profile');
  const apps = targets.filter((t) => t.kind === 'app');
  const states = await gateway.readSyncStates(profiles.map((t) => t.id), apps.map((t) => t.id));
  const reading: Reading = { observations: new Map(), failedReads: 0, isThrottled: false };
  profiles.forEach((t) => record(reading, t, states.profiles.get(t.id), (status) => ({ kind: 'seen', snapshot: profileSnapshot(status) })));
  apps.forEach((t) => record(reading, t, states.apps.get(t.id), (jobs) => ({ kind: 'seen', snapshot: appSnapshot(jobs) })));
  return reading;
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
