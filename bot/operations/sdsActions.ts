/**
 * `start sds run` and `reset sds flow`: the new SDS's two changes, through the one propose/confirm machine.
 * Both answer 202 at Graph; a started run is then followed on the same card until it ends.
 */
import { byId } from '../commands/types';
import { INDUSTRY_DATA, provisioningFlowResetPath } from '../graph/industryData';
import type { SdsRun } from '../graph/industryDataTypes';
import { describeRunNow, localTime } from '../present/sdsWords';
import type { StoredAction } from './storedAction';
import type { ActionSpec } from './actionSpec';
import type { OperationContext } from './context';
import { followingOf, followUntil } from './follow';
import type { Outcome } from './outcome';
import { newestFirst, startBudget } from '../domain/sdsRuns';
import { findOutboundFlow } from './sdsFlows';

const FOLLOWING_NOTE = 'This card follows the run until it ends.';

/** A started run shows up in `runs` within moments; one that started this long before the Confirm is someone else's. */
const CLOCK_SKEW_MS = 60_000;

export const startSdsRunSpec: ActionSpec<'startSdsRun'> = {
  /** Refused up front when no start is left: the service's answer past five is undocumented (reference §4). */
  async prepare(command, ctx) {
    const runs = newestFirst(await ctx.gateway.industryData.listRuns());
    const now = ctx.now();
    const budget = startBudget(runs, now);
    if (budget.used >= budget.limit)
      return { kind: 'refused', title: 'No School Data Sync start left', reason: `${budget.used} runs started in the last 12 hours; the service allows ${budget.limit}. The next start frees up at ${localTime(budget.freesAt)}.` };
    return {
      kind: 'proposal', command, targetLabel: 'School Data Sync (whole tenant)',
      plan: {
        question: 'Start a School Data Sync run now?', verb: 'Start', pastTense: 'Started', graphCall: `POST ${INDUSTRY_DATA}/runs/start`,
        effects: [
          'Runs every active inbound flow of the tenant, then the outbound flows that provision users and classes: there is no per-flow run.',
          'A run cannot be paused or cancelled once started.',
          'If the next scheduled run is due within 10 hours, Microsoft skips it.',
          // A time goes in text, not in a fact: Teams evaluates DATE()/TIME() in TextBlocks only.
          ...(budget.freesAt ? [`The oldest of the runs counted frees its start at ${localTime(budget.freesAt)}.`] : []),
        ],
        warnings: budget.running ? [`A run is already running (started ${localTime(budget.running.startDateTime)}).`] : [],
        facts: [
          { title: 'Starts used', value: `${budget.used} of ${budget.limit} in the last 12 hours` },
          ...(runs[0] ? [{ title: 'Latest run', value: describeRunNow(runs[0], now) }] : []),
        ],
      },
    };
  },

  async execute(_command, ctx, caller) {
    const receipt = await ctx.gateway.industryData.startRun(caller);
    return { state: 'succeeded', headline: 'Run started', details: [FOLLOWING_NOTE], graphRequestId: receipt.requestId };
  },

  async readBack(_command, ctx) {
    const latest = newestFirst(await ctx.gateway.industryData.listRuns())[0];
    return latest ? describeRunNow(latest, ctx.now()) : 'No run listed yet';
  },

  // Five starts in 12 hours are shared by the whole tenant: a team may want a second admin to spend one.
  approvalOperations: () => ['start-sds-run'],

  follow: (action, ctx) => followRun(action, ctx),
};

/** The started run (the newest one that began after the Confirm), read until it ends or the bound passes. */
async function* followRun(action: StoredAction, ctx: OperationContext): AsyncGenerator<Outcome> {
  const since = Date.parse(action.decidedAt ?? action.createdAt) - CLOCK_SKEW_MS;
  let runId: string | undefined;
  const read = async (): Promise<SdsRun | undefined> => {
    if (runId) return ctx.gateway.industryData.getRun(runId);
    const run = newestFirst(await ctx.gateway.industryData.listRuns()).find((r) => Date.parse(r.startDateTime ?? '') >= since);
    runId = run?.id;
    return run;
  };
  const following = followingOf(ctx);
  // The same result card, with the run's state now and one line on what the card does next.
  const show = (stateAfter: string, detail: string): Outcome => ({ kind: 'done', action: { ...action, result: { ...action.result!, stateAfter, details: [detail] } } });
  const now = (run: SdsRun | undefined) => (run ? describeRunNow(run, ctx.now()) : 'Not listed yet');
  for await (const step of followUntil(read, (run) => run !== undefined && run.status !== 'running', following.runs, following, ctx.now)) {
    if (step.kind === 'progress') yield show(now(step.value), FOLLOWING_NOTE);
    else if (step.kind === 'ended') yield show(now(step.value), `Type sds run ${step.value!.id} for its statistics.`);
    else if (step.kind === 'gaveUp') yield show(now(step.last), `SyncOps stopped following after ${Math.round(step.afterMs / 60_000)} min; the run goes on. Type sds runs to see it.`);
    else yield show('Unknown', `SyncOps could not read the run any more (${(step.error as Error).message || 'no answer'}); type sds runs to see it.`);
  }
}

export const resetSdsFlowSpec: ActionSpec<'resetSdsFlow'> = {
  async prepare(command, ctx) {
    const { flow } = command;
    const found = await findOutboundFlow(flow, ctx, (id) => ({ kind: 'resetSdsFlow', flow: byId(id) }));
    if (found.kind !== 'flow') return found;
    const { set, flow: target } = found.outbound;
    return {
      kind: 'proposal', command: { kind: 'resetSdsFlow', flow: { by: 'id', value: `${set.id}/${target.id}` } }, targetLabel: `${target.displayName} (${set.displayName})`,
      plan: {
        question: `Reset ${target.displayName}?`, verb: 'Reset', pastTense: 'Reset', graphCall: `POST ${provisioningFlowResetPath(set.id, target.id)}`,
        // The documented consequences (industrydata-provisioningflow-reset, beta).
        effects: ['The flow reprovisions all current data as if it were its first run.', "The flow's errors are cleared."],
        warnings: ['Destructive: every user, class or group this flow provisions is written again from the current SDS data at the next run.'],
        facts: [{ title: 'Outbound flow', value: target.displayName }, { title: 'Flow set', value: set.displayName }, { title: 'Readiness', value: target.readinessStatus }],
      },
    };
  },

  // Destructive: APPROVAL_REQUIRED names reset-sds-flow by default (DESIGN.md).
  approvalOperations: () => ['reset-sds-flow'],

  async execute(command, ctx, caller) {
    const [setId, flowId] = command.flow.value.split('/') as [string, string];
    const receipt = await ctx.gateway.industryData.resetProvisioningFlow(setId, flowId, caller);
    return { state: 'succeeded', headline: 'Reset', details: ['Graph accepted the reset (202); it takes effect with the next run.'], graphRequestId: receipt.requestId };
  },

  async readBack(command, ctx) {
    const [setId, flowId] = command.flow.value.split('/');
    const flow = (await ctx.gateway.industryData.listFlowSets()).find((s) => s.id === setId)?.flows.find((f) => f.id === flowId);
    return flow ? `Readiness ${flow.readinessStatus}` : 'The flow is no longer listed';
  },
};
