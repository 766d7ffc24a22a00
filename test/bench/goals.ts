/** The goals, checked against one report. Only request counts gate the exit code: timings are noisy. */
import type { BenchReport, LoadReport } from './bench';
import { round } from './stats';

export interface Check {
  what: string;
  /** e.g. `p99 ≤ 1.3× echo` */
  goal: string;
  measured: number;
  limit: number;
  isMet: boolean;
  /** Fails the bench (non-zero exit) when missed. */
  isGating: boolean;
  /** How far off, when missed: `+12% over`, `2 requests above`. */
  miss?: string;
  /** Timing goals: how far inside the limit each run of the load scenarios was (`12%`, `-3%` when missed). */
  margins?: string[];
}

/** The table row each load scenario's checks belong to. */
export const LOAD_ROWS: Record<keyof BenchReport['load'], string> = { echo: 'echo bot', help: 'help', profiles: 'profiles', confirm: 'Confirm click' };

/** The table rows of the two poll measurements. */
export const POLL_ROWS = { poller: 'poll cycle', reads: 'poll reads only' } as const;

/** The table rows of the Azure Blob measurements. */
export const BLOB_ROWS = { confirm: 'Confirm click on Blob', poll: 'poll cycle on Blob', records: 'subscription records on Blob' } as const;

/** Every run of the load scenarios: a timing goal is met only when each of them meets it. */
export function loadRuns(report: BenchReport): LoadReport[] {
  return [report.load, ...(report.repeats ?? [])];
}

export function checkGoals(report: BenchReport): Check[] {
  const runs = loadRuns(report);
  const checks: Check[] = [
    everyRun(runs, LOAD_ROWS.help, 'p99 ≤ 1.3× echo', (r) => r.help.p99 / r.echo.p99, 1.3),
    everyRun(runs, LOAD_ROWS.help, 'req/s ≥ 0.8× echo', (r) => r.help.rps / r.echo.rps, 0.8, true),
    everyRun(runs, LOAD_ROWS.profiles, 'p99 ≤ 2× echo', (r) => r.profiles.p99 / r.echo.p99, 2),
    everyRun(runs, LOAD_ROWS.confirm, 'p99 ≤ 3× echo', (r) => r.confirm.p99 / r.echo.p99, 3),
    everyRun(runs, LOAD_ROWS.confirm, 'p99 < 100 ms', (r) => r.confirm.p99, 100),
  ];
  for (const key of Object.keys(LOAD_ROWS) as (keyof LoadReport)[]) {
    const failures = runs.reduce((sum, run) => sum + run[key].failures, 0);
    if (failures > 0) checks.push(count(LOAD_ROWS[key], 'no failed request', failures, 0, 'failed'));
  }
  for (const command of report.graphCalls) checks.push(count(`Graph calls: ${command.command}`, `= ${command.minimum}`, command.calls, command.minimum, 'above'));
  const { poll } = report;
  for (const measured of [poll.poller, poll.reads]) {
    const row = POLL_ROWS[measured.mode];
    checks.push(count(row, `requests = ${measured.expectedRequests}`, Math.max(...measured.requests), measured.expectedRequests, 'above'));
    checks.push(atMost(row, 'CPU < 2 s', Math.max(...measured.cycles.map((c) => c.cpuMs)) / 1000, 2));
    checks.push(atMost(row, 'peak RSS < 250 MB', measured.peakRssMb, 250));
  }
  if (report.coldStart) checks.push(atMost('cold start', '≤ 1.5 s', report.coldStart.botMs / 1000, 1.5));
  if (report.blob) checks.push(...checkBlob(report.blob));
  return checks;
}

/** On Blob state: no click fails, the cycle reads Graph as on files, and touches each subscription record at most once. */
function checkBlob(blob: NonNullable<BenchReport['blob']>): Check[] {
  const { poll } = blob;
  const touches = poll.subscriptionTouches ?? [];
  const checks = [
    count(BLOB_ROWS.confirm, 'no failed request', blob.confirmBlob.failures + blob.confirmFile.failures, 0, 'failed'),
    count(BLOB_ROWS.poll, `requests = ${poll.expectedRequests}`, Math.max(...poll.requests), poll.expectedRequests, 'above'),
    count(BLOB_ROWS.records, 'each read ≤ 1 per cycle', Math.max(...touches.map((t) => t.maxReads)), 1, 'reads above'),
    count(BLOB_ROWS.records, 'each written ≤ 1 per cycle', Math.max(...touches.map((t) => t.maxWrites)), 1, 'writes above'),
  ];
  if (touches.length === 0) checks.push(count(BLOB_ROWS.records, 'counted every cycle', 1, 0, 'cycles uncounted'));
  return checks;
}

/**
 * One timing goal over every run: met only when each run meets it; `measured` is the worst run, and the
 * margins say how far inside (or, negative, outside) the limit each run was, as a share of the limit.
 */
function everyRun(runs: readonly LoadReport[], what: string, goal: string, measure: (run: LoadReport) => number, limit: number, isFloor = false): Check {
  const values = runs.map(measure);
  const margins = values.map((value) => (isFloor ? value / limit - 1 : 1 - value / limit));
  const worst = values[margins.indexOf(Math.min(...margins))]!;
  const check = isFloor ? atLeast(what, goal, worst, limit) : atMost(what, goal, worst, limit);
  return { ...check, margins: margins.map((margin) => `${round(margin * 100, 0)}%`) };
}

function atMost(what: string, goal: string, measured: number, limit: number): Check {
  const isMet = measured <= limit;
  return {
    what, goal, measured: round(measured), limit, isMet, isGating: false, margins: [`${round((1 - measured / limit) * 100, 0)}%`],
    ...(isMet ? {} : { miss: `${round((measured / limit - 1) * 100, 0)}% over` }),
  };
}

function atLeast(what: string, goal: string, measured: number, limit: number): Check {
  const isMet = measured >= limit;
  return {
    what, goal, measured: round(measured), limit, isMet, isGating: false, margins: [`${round((measured / limit - 1) * 100, 0)}%`],
    ...(isMet ? {} : { miss: `${round((1 - measured / limit) * 100, 0)}% under` }),
  };
}

/** Exact counts: above the limit fails the bench. */
function count(what: string, goal: string, measured: number, limit: number, word: string): Check {
  const isMet = measured <= limit;
  return { what, goal, measured, limit, isMet, isGating: true, ...(isMet ? {} : { miss: `${measured - limit} ${word}` }) };
}
