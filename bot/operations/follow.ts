/**
 * A card that follows a long-running Graph operation in place: read it every interval until it ends, with a
 * bound after which the card says it stopped following (the operation itself goes on at Graph).
 */
import { GraphError } from '../graph/errors';
import { sleep } from './sleep';

export interface FollowPolicy {
  intervalMs: number;
  /** After this long the card stops following and says so. */
  maxMs: number;
}

/** What following needs from the host: a clock, a sleep, and a signal that ends every follow on shutdown. */
export interface Following {
  /** Validation: poll no more often than every 5 s (industry-data reference §4, longRunningOperation docs). */
  validation: FollowPolicy;
  /** A run takes tens of minutes (the demo district's take 40-50); a read every 30 s shows progress without load. */
  runs: FollowPolicy;
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

export const DEFAULT_FOLLOWING: Omit<Following, 'sleep'> = {
  validation: { intervalMs: 5_000, maxMs: 15 * 60_000 },
  runs: { intervalMs: 30_000, maxMs: 3 * 3_600_000 },
};

/** The host's settings, or the defaults with a timer that never keeps the process alive. */
export function followingOf(ctx: { following?: Following }): Following {
  return ctx.following ?? { ...DEFAULT_FOLLOWING, sleep };
}

export type FollowStep<T> =
  | { kind: 'progress'; value: T }
  | { kind: 'ended'; value: T }
  | { kind: 'gaveUp'; last?: T; afterMs: number }
  | { kind: 'failed'; error: unknown; last?: T };

/** Throttling, outages and timeouts pass; three in a row, or anything else, end the follow. */
const TRANSIENT = new Set(['throttled', 'unavailable', 'timeout', 'unreachable']);
const MAX_TRANSIENT_IN_A_ROW = 3;

/** Reads until `hasEnded`, yielding each reading; the last step is `ended`, `gaveUp` or `failed`. */
export async function* followUntil<T>(
  read: () => Promise<T>, hasEnded: (value: T) => boolean, policy: FollowPolicy, following: Following, now: () => Date,
): AsyncGenerator<FollowStep<T>> {
  const started = now().getTime();
  let last: T | undefined;
  let transient = 0;
  for (;;) {
    await following.sleep(policy.intervalMs);
    if (following.signal?.aborted) return;
    try {
      last = await read();
      transient = 0;
    } catch (error) {
      const isTransient = error instanceof GraphError && TRANSIENT.has(error.failure);
      if (!isTransient || ++transient >= MAX_TRANSIENT_IN_A_ROW) {
        yield { kind: 'failed', error, ...(last !== undefined ? { last } : {}) };
        return;
      }
      continue;
    }
    if (hasEnded(last)) {
      yield { kind: 'ended', value: last };
      return;
    }
    const afterMs = now().getTime() - started;
    if (afterMs >= policy.maxMs) {
      yield { kind: 'gaveUp', last, afterMs };
      return;
    }
    yield { kind: 'progress', value: last };
  }
}
