/**
 * The on-demand start budget: "up to five successful runs every 12 hours", and an on-demand run skips the
 * next scheduled run if it is due within 10 hours
 * (https://learn.microsoft.com/graph/api/industrydata-industrydatarun-start?view=graph-rest-beta).
 * Graph does not mark which runs were on demand, so every run that started in the last 12 hours and did not
 * fail is counted: the card may say fewer starts are left than the service would allow, never more.
 */
import type { SdsRun } from '../graph/industryDataTypes';

export const RUN_START_LIMIT = 5;
const WINDOW_MS = 12 * 3_600_000;

export interface StartBudget {
  used: number;
  limit: number;
  /** When the oldest counted run leaves the 12-hour window: the next start frees up then. */
  freesAt?: string;
  /** A run that is running now, if any. */
  running?: SdsRun;
}

export function startBudget(runs: readonly SdsRun[], now: Date): StartBudget {
  const since = now.getTime() - WINDOW_MS;
  const counted = runs.filter((run) => run.status !== 'failed' && run.startDateTime && Date.parse(run.startDateTime) > since);
  const oldest = Math.min(...counted.map((run) => Date.parse(run.startDateTime!)));
  const running = runs.find((run) => run.status === 'running');
  return {
    used: counted.length, limit: RUN_START_LIMIT,
    ...(counted.length > 0 ? { freesAt: new Date(oldest + WINDOW_MS).toISOString() } : {}),
    ...(running ? { running } : {}),
  };
}

/** Newest first: the order every SDS card uses. Runs without a start time go last. */
export function newestFirst(runs: readonly SdsRun[]): SdsRun[] {
  return [...runs].sort((a, b) => (Date.parse(b.startDateTime ?? '') || 0) - (Date.parse(a.startDateTime ?? '') || 0));
}
