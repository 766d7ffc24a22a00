/**
 * Runs a poll cycle every POLL_INTERVAL_SECONDS in the one process holding the `poller` lease, and backs
 * off while Graph throttles or fails: a cycle that could not read is skipped, never reported as a change.
 */
import { GraphError } from '../graph/errors';
import type { Logger } from '../log';
import type { Lease } from '../store/lease';
import type { Clock } from './clock';
import { runPollCycle, type CycleDeps, type CycleReport } from './cycle';

/**
 * Due scheduled changes are checked this often between poll cycles, so a change runs within 30 s of its time
 * whatever POLL_INTERVAL_SECONDS is (at 15 minutes or more, waiting for the next cycle made every one "missed").
 */
export const SCHEDULE_CHECK_MS = 30_000;

/** Back-off doubles per failed cycle up to this, unless Graph's Retry-After asks for longer. */
const MAX_BACKOFF_MS = 30 * 60_000;

export type CycleResult =
  | ({ kind: 'polled' } & CycleReport)
  | { kind: 'scheduled' }
  | { kind: 'skipped'; reason: 'busy' | 'notLeader' | 'backingOff' | 'leaseFailed' }
  | { kind: 'failed'; failure: string };

export interface PollerDeps extends CycleDeps {
  lease: Lease;
  clock: Clock;
  log: Logger;
  /** Other work for the one leader, after each cycle it ran (the action sweep). */
  chores?: () => Promise<void>;
  /** Scheduled changes that are due run in the leader only, each cycle before the poll and every SCHEDULE_CHECK_MS (operations/scheduler.ts). */
  scheduler?: { runDue(): Promise<number> };
}

export class Poller {
  private timer?: NodeJS.Timeout;
  private scheduleTimer?: NodeJS.Timeout;
  private running?: Promise<CycleResult>;
  private scheduling?: Promise<CycleResult>;
  private runningSince = 0;
  private failedCycles = 0;
  private resumeAt = 0;

  constructor(private readonly deps: PollerDeps) {}

  /** Polls every interval until stop(); the timer does not keep the process alive on its own. */
  start(): void {
    this.timer ??= setInterval(() => void this.runCycle(), this.deps.intervalMs);
    this.timer.unref();
    if (this.deps.scheduler && this.deps.intervalMs > SCHEDULE_CHECK_MS) {
      this.scheduleTimer ??= setInterval(() => void this.checkSchedules(), SCHEDULE_CHECK_MS);
      this.scheduleTimer.unref();
    }
  }

  /** Stops the timer, lets a running cycle finish and gives the lease up for another process. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.scheduleTimer);
    this.timer = undefined;
    this.scheduleTimer = undefined;
    await this.running;
    await this.scheduling;
    await this.deps.lease.release().catch((error: unknown) => this.deps.log.warn({ event: 'notify.lease.release.failed', err: error }));
  }

  /** One cycle now (the timer calls this; tests call it directly with an injected clock). */
  runCycle(): Promise<CycleResult> {
    if (this.running) {
      // Every outside call of a cycle has a deadline, so this means a cycle slower than the interval: say so.
      this.deps.log.warn({ event: 'notify.cycle.skipped', reason: 'busy', runningForMs: this.deps.clock.now().getTime() - this.runningSince });
      return Promise.resolve({ kind: 'skipped', reason: 'busy' });
    }
    this.runningSince = this.deps.clock.now().getTime();
    this.running = this.cycle().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Only the scheduled changes that are due, in the lease holder, without a poll (the schedule timer calls
   * this; tests call it with an injected clock). Skipped while a cycle runs, which runs them itself; a cycle
   * starting during a check runs them again, which is safe: each change starts by one compare-and-set.
   */
  checkSchedules(): Promise<CycleResult> {
    if (this.running || this.scheduling) return Promise.resolve({ kind: 'skipped', reason: 'busy' });
    this.scheduling = this.lead(async () => {
      await this.runSchedules();
      return { kind: 'scheduled' } as const;
    }).finally(() => {
      this.scheduling = undefined;
    });
    return this.scheduling;
  }

  private async cycle(): Promise<CycleResult> {
    const startedAt = this.deps.clock.now().getTime();
    // Scheduled changes do not wait out Graph's back-off: 15 minutes late, they would be missed.
    if (startedAt < this.resumeAt && !this.deps.scheduler) return this.skip('backingOff');
    return this.lead(async () => {
      await this.runSchedules();
      return this.poll(startedAt);
    });
  }

  /** Runs `work` only in the process holding the lease. */
  private async lead(work: () => Promise<CycleResult>): Promise<CycleResult> {
    try {
      if (!(await this.deps.lease.acquire())) return this.skip('notLeader');
    } catch (error) {
      this.deps.log.warn({ event: 'notify.lease.failed', err: error });
      return this.skip('leaseFailed');
    }
    return work();
  }

  private async poll(startedAt: number): Promise<CycleResult> {
    const { clock, log } = this.deps;
    if (startedAt < this.resumeAt) return this.skip('backingOff');
    try {
      const report = await runPollCycle(this.deps);
      if (report.isThrottled) this.backOff(startedAt, report.retryAfterSeconds);
      else this.failedCycles = 0;
      const tookMs = clock.now().getTime() - startedAt;
      log.info({ event: 'notify.cycle', ...report, tookMs });
      if (tookMs > this.deps.intervalMs) log.warn({ event: 'notify.cycle.overran', tookMs, intervalMs: this.deps.intervalMs });
      return { kind: 'polled', ...report };
    } catch (error) {
      this.backOff(startedAt, error instanceof GraphError ? error.retryAfterSeconds : undefined);
      log.warn({ event: 'notify.cycle.failed', resumeAt: new Date(this.resumeAt).toISOString(), err: error });
      return { kind: 'failed', failure: error instanceof GraphError ? error.failure : 'error' };
    } finally {
      await this.deps.chores?.().catch((error: unknown) => log.error({ event: 'notify.chores.failed', err: error }));
    }
  }

  /** A schedule failure never costs the poll: it is logged, and the entry is tried again next cycle. */
  private async runSchedules(): Promise<void> {
    try {
      await this.deps.scheduler?.runDue();
    } catch (error) {
      this.deps.log.error({ event: 'schedule.cycle.failed', err: error });
    }
  }

  /**
   * After the first failed cycle the next one runs as usual; then 1, 3, 7 … cycles are skipped (the wait
   * doubles), and never fewer than Graph's Retry-After asks for.
   */
  private backOff(startedAt: number, retryAfterSeconds: number | undefined): void {
    this.failedCycles += 1;
    const doubling = Math.min(MAX_BACKOFF_MS, this.deps.intervalMs * 2 ** (this.failedCycles - 1));
    this.resumeAt = startedAt + Math.max(doubling, (retryAfterSeconds ?? 0) * 1000);
  }

  private skip(reason: Extract<CycleResult, { kind: 'skipped' }>['reason']): CycleResult {
    this.deps.log.debug({ event: 'notify.cycle.skipped', reason });
    return { kind: 'skipped', reason };
  }
}
