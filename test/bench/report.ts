/** The one table `npm run bench` prints (Markdown, so it goes into the README as it is). */
import type { BenchReport, LoadReport } from './bench';
import { BLOB_ROWS, LOAD_ROWS, loadRuns, POLL_ROWS, type Check } from './goals';
import type { LoadResult } from './load';
import type { PollMeasurement, PollReport } from './pollCycle';
import { round } from './stats';

type Row = [what: string, measured: string, baseline: string, goal: string, key: string];

export function renderTable(report: BenchReport, checks: readonly Check[]): string {
  const runs = loadRuns(report);
  const { poll, coldStart, settings } = report;
  // One line per run of the load scenarios in each cell, so the spread between runs shows.
  const eachRun = (show: (run: LoadReport) => string) => runs.map((run, i) => (runs.length > 1 ? `run ${i + 1}: ` : '') + show(run)).join('<br>');
  const vsEcho = (pick: (run: LoadReport) => LoadResult) => eachRun((run) => {
    const load = pick(run);
    return `p99 ${ratio(load.p99, run.echo.p99)} · req/s ${ratio(load.rps, run.echo.rps)} · CPU ${ratio(load.cpuMsPerRequest, run.echo.cpuMsPerRequest)}`;
  });
  const rows: Row[] = [
    ['echo bot: message (baseline)', eachRun((run) => timings(run.echo)), '1×', '', LOAD_ROWS.echo],
    ['SyncOps: `help`', eachRun((run) => timings(run.help)), vsEcho((run) => run.help), 'p99 ≤ 1.3× · req/s ≥ 0.8×', LOAD_ROWS.help],
    ['SyncOps: `profiles` (emulator, no added latency)', eachRun((run) => timings(run.profiles)), vsEcho((run) => run.profiles), 'p99 ≤ 2×', LOAD_ROWS.profiles],
    [`Confirm click, end to end (${report.load.confirm.connections} connections, each also proposing; CPU includes the proposal)`, eachRun((run) => timings(run.confirm, 'click')),
      eachRun((run) => `p99 ${ratio(run.confirm.p99, run.echo.p99)}`), 'p99 ≤ 3× · p99 < 100 ms', LOAD_ROWS.confirm],
    ['its proposals (`pause`/`resume profile <id>`), driven alongside; CPU counted with the click', eachRun((run) => timings(run.confirm.propose)),
      eachRun((run) => `p99 ${ratio(run.confirm.propose.p99, run.echo.p99)}`), '', ''],
    ...report.graphCalls.map((c): Row => [
      `Graph calls: \`${c.command}\``,
      c.calls > c.minimum ? `${c.calls}: ${c.requests.join(', ')}` : String(c.calls),
      `minimum ${c.minimum}: ${c.why}`, '= minimum', `Graph calls: ${c.command}`,
    ]),
    pollRow(poll, poll.poller, `poll cycle: \`Poller.runCycle()\` in the bot, ${size(poll)}, watches in the file store, nothing changed`),
    pollRow(poll, poll.reads, 'poll reads only: `getProfileStatuses` + `listJobsOfMany`, same objects (what Graph costs of the cycle)'),
    ...(coldStart ? [[
      'cold start: `node dist/bot/index.js` → /healthz 200', `${coldStart.botMs} ms (median of ${coldStart.runs.botMs.length})`,
      `${ratio(coldStart.botMs, coldStart.restifyMs)} empty restify (${coldStart.restifyMs} ms)`, '≤ 1.5 s', 'cold start',
    ] satisfies Row] : []),
    ...(report.blob ? blobRows(report.blob, poll) : []),
    ...[...(report.stores ?? []), ...(report.blob?.stores ?? [])].map((s): Row => [
      `store alone: ${s.op}, ${s.store}`, `p50 ${s.p50.toFixed(2)} ms · p99 ${s.p99.toFixed(2)} ms · ${s.opsPerSecond.toLocaleString('en')} ops/s`,
      `${s.callers} callers at once`, '', '',
    ]),
  ];
  const header = `SyncOps bench, ${report.date.slice(0, 16).replace('T', ' ')} UTC · ${report.machine.cpus} cores (${report.machine.cpuModel}), ${report.machine.memoryGiB} GiB · Node ${report.machine.node}`
    + ` · load average ${report.loadAverage.before} before, ${report.loadAverage.after} after`
    + ` · ${settings.load.connections} connections, ${settings.load.warmupMs / 1000} s warm-up + ${settings.load.durationMs / 1000} s per load scenario in ${settings.load.rounds} interleaved slices`
    + `${runs.length > 1 ? `, ${runs.length} runs (a timing goal is met only when every run meets it)` : ''} · ${report.isolation}`;
  const lines = [
    header, '',
    '| scenario | measured | vs echo bot / minimum | goal | result |',
    '|---|---|---|---|---|',
    ...rows.map(([what, measured, baseline, goal, key]) => `| ${what} | ${measured} | ${baseline} | ${goal} | ${result(checks.filter((c) => c.what === key))} |`),
  ];
  return lines.join('\n');
}

/** The Blob measurements as ratios to the same work on the file store, measured in the same run. */
function blobRows(blob: NonNullable<BenchReport['blob']>, poll: PollReport): Row[] {
  const { confirmFile, confirmBlob } = blob;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const cycleRatio = (pick: (c: PollMeasurement['cycles'][number]) => number) => ratio(median(blob.poll.cycles.map(pick)), median(poll.poller.cycles.map(pick)));
  const touches = blob.poll.subscriptionTouches ?? [];
  return [
    ['Confirm click on Azure Blob state (Azurite), in slices interleaved with the same clicks on the file store', timings(confirmBlob, 'click'),
      `p99 ${ratio(confirmBlob.p99, confirmFile.p99)} · clicks/s ${ratio(confirmBlob.rps, confirmFile.rps)} · CPU ${ratio(confirmBlob.cpuMsPerRequest, confirmFile.cpuMsPerRequest)} the file store (${timings(confirmFile, 'click')})`,
      'no failed click', BLOB_ROWS.confirm],
    [...pollRow(poll, blob.poll, `poll cycle on Azure Blob state (Azurite): \`Poller.runCycle()\`, ${size(poll)}, nothing changed`).slice(0, 3) as [string, string, string],
      `requests = ${blob.poll.expectedRequests}`, BLOB_ROWS.poll],
    ['subscription records per poll cycle on Blob: most store reads / writes of any one record', touches.map((t) => `${t.maxReads} / ${t.maxWrites}`).join(' · '),
      `CPU ${cycleRatio((c) => c.cpuMs)} · wall ${cycleRatio((c) => c.wallMs)} the file store's cycle (medians)`, 'each read ≤ 1 · written ≤ 1', BLOB_ROWS.records],
  ];
}

/** Cycles are listed first to last: the first one is cold (JIT, TLS, file cache), later ones are the steady state. */
function pollRow(poll: PollReport, measured: PollMeasurement, what: string): Row {
  const each = (values: number[], unit: string, scale = 1) => values.map((v) => `${round(v / scale, 2)}${unit}`).join(' / ');
  return [
    what,
    `${measured.requests.join(' / ')} requests (${measured.batchedReads.join(' / ')} reads) · CPU ${each(measured.cycles.map((c) => c.cpuMs), ' s', 1000)}`
      + ` · wall ${each(measured.cycles.map((c) => c.wallMs), ' s', 1000)} · RSS ${Math.round(measured.rssBeforeMb)} → peak ${Math.round(measured.peakRssMb)} MB`,
    measured.mode === 'poller' ? `⌈(${poll.size.profiles} + ${poll.size.apps})/20⌉ = ${measured.expectedRequests}` : `⌈${poll.size.profiles}/20⌉ + ⌈${poll.size.apps}/20⌉ = ${measured.expectedRequests}`,
    `requests = ${measured.expectedRequests} · CPU < 2 s · RSS < 250 MB`, POLL_ROWS[measured.mode],
  ];
}

function size(poll: PollReport): string {
  return `${poll.size.profiles.toLocaleString('en')} profiles + ${poll.size.apps.toLocaleString('en')} apps (1 job each) over ${poll.size.conversations} channels`;
}

function timings(load: LoadResult, unit = 'req'): string {
  const cpu = Number.isFinite(load.cpuMsPerRequest) ? ` · CPU ${load.cpuMsPerRequest.toFixed(1)} ms/${unit}` : '';
  return `p50 ${load.p50.toFixed(2)} ms · p99 ${load.p99.toFixed(2)} ms · ${load.rps.toLocaleString('en')} ${unit}/s${cpu}`;
}

function ratio(value: number, baseline: number): string {
  return Number.isFinite(value / baseline) ? `${round(value / baseline, 2)}×` : '—';
}

/** Each goal of the row: met or missed, with its margin in every run (how far inside the limit, as a share of it). */
function result(checks: readonly Check[]): string {
  if (!checks.length) return '';
  const timed = checks.filter((c) => c.margins);
  const margins = timed.map((c) => `${c.goal}: ${c.margins!.join(' / ')}`).join('; ');
  const missed = checks.filter((c) => !c.isMet);
  const verdict = missed.length ? missed.map((c) => (c.isGating ? `FAILED: ${c.miss}` : `missed: ${c.goal} (${c.miss})`)).join('; ') : 'met';
  return timed.length ? `${verdict} · margin ${margins}` : verdict;
}
