import { byId, type RestartScope } from '../commands/types';
import { DEFAULT_RESET_FLAGS, describeJobAction } from '../graph/gateway';
import { RESTART_FLAGS, type Job, type ResetScope, type RestartFlag, type ServicePrincipal } from '../graph/types';
import { describeJob } from '../present/jobWords';
import type { ActionPlan } from './storedAction';
import type { CommandOf } from '../commands/types';
import type { ActionSpec, Proposal } from './actionSpec';
import { findJob } from './appLookup';
import type { Outcome } from './outcome';

type JobActionKind = 'pauseJob' | 'startJob' | 'restartJob';
type JobCommand = CommandOf<JobActionKind>;

/** What each restart flag does, in one line (reference §5.6), shown next to its tick box. */
export const FLAG_EXPLANATIONS: Record<RestartFlag | 'Full', string> = {
  Watermark: 're-evaluate every object, not only changes since the last run',
  Escrows: 'forget the objects that failed and are being retried; they are not retried any more',
  QuarantineState: 'lift the quarantine for this run',
  ConnectorDataStore: 'clear the service\'s cached state of every object: Microsoft says not to use it without Support',
  ForceDeletes: 'push through the deletions that accidental-deletion prevention held back',
  Full: 'Watermark, Escrows, QuarantineState and ConnectorDataStore together (not ForceDeletes)',
};

/** Flags that can delete data or need Microsoft Support: an extra warning and a second tick (reference §1 row 2). */
export const DANGEROUS: readonly (RestartFlag | 'Full')[] = ['ConnectorDataStore', 'ForceDeletes', 'Full'];

const PLANS = {
  pauseJob: { verb: 'Pause', pastTense: 'Paused', path: 'pause', effects: ['The job stops; its progress and state are kept.', 'Start resumes it from where it stopped.'] },
  startJob: { verb: 'Start', pastTense: 'Started', path: 'start', effects: ['A paused job continues from where it stopped.', 'A quarantined job has its quarantine cleared and runs again.'] },
  restartJob: { verb: 'Restart', pastTense: 'Restarted', path: 'restart', effects: ['The job reprocesses every object in scope, as chosen below.'] },
} as const;

/** pause / start / restart job: one spec, the same confirm path as the SDS profiles. */
export const jobActionSpec: ActionSpec<JobActionKind> = {
  async prepare(command, ctx) {
    const { kind, jobId, app } = command;
    // Each choose-one button repeats the whole command, scope included.
    const found = await findJob(jobId, app, ctx, (appId) => ({ ...command, app: byId(appId) }));
    if (found.kind !== 'job') return found;
    return refusalFor(kind, found.job, found.app) ?? proposal(command, found.app, found.job);
  },

  async execute(command, ctx, caller) {
    const { jobId } = command;
    const appId = resolvedApp(command);
    const receipt = command.kind === 'restartJob' ? await ctx.gateway.restartJob(appId, jobId, toResetScope(command.scope), caller)
      : command.kind === 'pauseJob' ? await ctx.gateway.pauseJob(appId, jobId, caller)
      : await ctx.gateway.startJob(appId, jobId, caller);
    return { state: 'succeeded', headline: PLANS[command.kind].pastTense, details: [], graphRequestId: receipt.requestId };
  },

  async readBack(command, ctx) {
    return describeJob(await ctx.gateway.getJob(resolvedApp(command), command.jobId));
  },

  approvalOperations(command) {
    if (command.kind !== 'restartJob') return [];
    const isDestructive = flagsOf(command.scope).some((flag) => DANGEROUS.includes(flag));
    return isDestructive ? ['restart-job', 'restart-job-destructive'] : ['restart-job'];
  },

  applyInputs(command, inputs, plan) {
    if (command.kind !== 'restartJob') return { command, plan };
    const chosen = parseChosenScope(inputs.scope);
    if (typeof chosen === 'string') return { problem: chosen };
    const scope: RestartScope = chosen.includes('Full') ? { kind: 'full' } : { kind: 'flags', flags: chosen as RestartFlag[] };
    const applied = {
      command: { ...command, scope },
      plan: {
        ...plan, warnings: warningsFor(chosen), choice: scopeChoice(scope),
        graphCall: describeJobAction(resolvedApp(command), command.jobId, 'restart', toResetScope(scope)),
      },
    };
    const dangerous = chosen.filter((flag) => DANGEROUS.includes(flag));
    // The choice is kept with the problem, so the card shown again still has what the admin ticked.
    if (dangerous.length && inputs.acknowledge !== 'true')
      return { ...applied, problem: `${dangerous.join(' and ')} ${dangerous.length === 1 ? 'needs' : 'need'} the second tick: read the warning and tick "I understand" to confirm.` };
    return applied;
  },
};

/** A proposal always resolves the app to its id, so the stored command names it. */
function resolvedApp(command: JobCommand): string {
  if (!command.app) throw new Error(`${command.kind} ran without its app`);
  return command.app.value;
}

/** Start on a running job can make the service stop (reference §5.3); pause on a paused job does nothing. */
function refusalFor(kind: JobCommand['kind'], job: Job, app: ServicePrincipal): Outcome | undefined {
  const code = job.status?.code;
  const refuse = (reason: string): Outcome => ({ kind: 'refused', title: `Cannot ${PLANS[kind].verb.toLowerCase()} ${job.id}`, reason: `${reason} (${app.displayName})` });
  if (kind === 'pauseJob' && code === 'Paused') return refuse('The job is already paused.');
  if (kind === 'startJob' && code === 'Active' && !job.status?.quarantine)
    return refuse('The job is already running on its schedule; Microsoft advises not to start a running job. Use restart to reprocess everything.');
  if (code === 'NotConfigured') return refuse('The job is not configured yet; finish its setup in the Microsoft Entra admin center.');
  return undefined;
}

function proposal(command: JobCommand, app: ServicePrincipal, job: Job): Proposal {
  const { verb, pastTense, path, effects } = PLANS[command.kind];
  const resolved: JobCommand = { ...command, app: byId(app.id) };
  const scope = command.kind === 'restartJob' ? flagsOf(command.scope) : [];
  const plan: ActionPlan = {
    question: `${verb} ${job.id}?`, verb, pastTense,
    graphCall: describeJobAction(app.id, job.id, path, command.kind === 'restartJob' ? toResetScope(command.scope) : undefined),
    effects: [...effects], warnings: warningsFor(scope),
    facts: [{ title: 'App', value: app.displayName }, { title: 'Job', value: job.id }, { title: 'Status when asked', value: describeJob(job) }],
    ...(command.kind === 'restartJob' ? { choice: scopeChoice(command.scope) } : {}),
  };
  return { kind: 'proposal', command: resolved, targetLabel: `${job.id} (${app.displayName})`, plan };
}

function warningsFor(flags: readonly (RestartFlag | 'Full')[]): string[] {
  return flags.filter((f) => DANGEROUS.includes(f)).map((f) => `${f}: ${FLAG_EXPLANATIONS[f]}.`);
}

export function flagsOf(scope: RestartScope): (RestartFlag | 'Full')[] {
  if (scope.kind === 'full') return ['Full'];
  return scope.kind === 'default' ? [...DEFAULT_RESET_FLAGS] : [...scope.flags];
}

function toResetScope(scope: RestartScope): ResetScope {
  return scope.kind === 'full' ? { kind: 'full' } : { kind: 'flags', flags: flagsOf(scope) as RestartFlag[] };
}

function scopeChoice(scope: RestartScope): string {
  return `reset scope ${scope.kind === 'full' ? 'Full' : flagsOf(scope).join(', ')}`;
}

/** The multi-select's value: comma-separated flag names from our own choices, nothing else. */
function parseChosenScope(value: string | undefined): (RestartFlag | 'Full')[] | string {
  const picked = (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  const valid: readonly string[] = [...RESTART_FLAGS, 'Full'];
  if (picked.length === 0) return 'Tick at least one reset scope flag (the default is Watermark, Escrows, QuarantineState).';
  const unknown = picked.filter((p) => !valid.includes(p));
  if (unknown.length) return `Unknown reset scope ${unknown.slice(0, 3).join(', ').slice(0, 80)}; valid flags: ${valid.join(', ')}.`;
  if (picked.includes('Full') && picked.length > 1) return 'Full already includes Watermark, Escrows, QuarantineState and ConnectorDataStore: choose Full alone, or the flags without Full.';
  return [...new Set(picked)] as (RestartFlag | 'Full')[];
}
