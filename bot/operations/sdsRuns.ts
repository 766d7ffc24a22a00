/** `sds runs` and `sds run <runId|latest>`: the new SDS's runs, read with the app's token. */
import type { Command } from '../commands/types';
import { GraphError } from '../graph/errors';
import type { SdsRun } from '../graph/industryDataTypes';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { newestFirst, startBudget } from '../domain/sdsRuns';
import type { RunWithStatistics } from './sdsViews';

/** Runs on the list card: five days of scheduled runs, and the statistics of all of them in one $batch. */
export const RUNS_SHOWN = 10;
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `sds runs`: 1 list (every page) + ⌈N/20⌉ $batch requests for the statistics. */
export async function listSdsRuns(_command: Extract<Command, { kind: 'listSdsRuns' }>, ctx: OperationContext): Promise<Outcome> {
  const all = newestFirst(await ctx.gateway.industryData.listRuns());
  const runs = await withStatistics(all.slice(0, RUNS_SHOWN), ctx);
  return { kind: 'info', view: { kind: 'sdsRunList', runs, total: all.length, budget: startBudget(all, ctx.now()), at: ctx.now().toISOString() } };
}

/**
 * `sds run <runId|latest>`: the run with its activities (1 GET), the list to find the run before it (1 GET),
 * and both runs' statistics (1 $batch), so the card can say "errors 12 → 40".
 */
export async function showSdsRun(command: Extract<Command, { kind: 'showSdsRun' }>, ctx: OperationContext): Promise<Outcome> {
  const wanted = command.run.toLowerCase();
  if (wanted !== 'latest' && !RUN_ID.test(wanted))
    return { kind: 'refused', title: `"${command.run.slice(0, 60)}" is not a run id`, reason: 'A run id is a GUID, as sds runs shows it; or type sds run latest.' };
  const all = newestFirst(await ctx.gateway.industryData.listRuns());
  const id = wanted === 'latest' ? all[0]?.id : wanted;
  if (!id) return { kind: 'refused', title: 'No School Data Sync runs yet', reason: 'This tenant has no runs of the new School Data Sync. Set up its inbound flows in the SDS portal, or type start sds run.' };
  const run = await readRun(id, ctx);
  if (!run) return { kind: 'notFound', what: 'SDS run', query: command.run, closest: [] };
  const index = all.findIndex((r) => r.id.toLowerCase() === run.id.toLowerCase());
  const before = index >= 0 ? all[index + 1] : undefined;
  const [current, previous] = await withStatistics(before ? [run, before] : [run], ctx);
  return { kind: 'info', view: { kind: 'sdsRun', current: current!, ...(previous ? { previous } : {}), at: ctx.now().toISOString() } };
}

/** A run id Graph does not know (or no longer knows) is "not found", not a failure. */
export async function readRun(id: string, ctx: OperationContext): Promise<SdsRun | undefined> {
  try {
    return await ctx.gateway.industryData.getRun(id);
  } catch (error) {
    if (error instanceof GraphError && error.failure === 'notFound') return undefined;
    throw error;
  }
}

/** Each run with its statistics; a run whose statistics Graph did not give is shown without them. */
export async function withStatistics(runs: readonly SdsRun[], ctx: OperationContext): Promise<RunWithStatistics[]> {
  if (runs.length === 0) return [];
  const reads = await ctx.gateway.industryData.readRunStatistics(runs.map((run) => run.id));
  const failures = [...reads.values()].filter((read) => !read.ok);
  // No statistics at all is an answer about access or Graph, not about the runs: said as such.
  if (failures.length === runs.length && !failures[0]!.ok) throw failures[0]!.error;
  return runs.map((run) => {
    const read = reads.get(run.id);
    return { run, ...(read?.ok ? { statistics: read.value } : {}) };
  });
}
