import type { Command, CommandKind } from '../commands/types';
import type { When } from '../commands/when';
import type { ActionSpec, ClickInputs, CommandOf } from './actionSpec';
import { cancelAction, confirmAction, proposeAction } from './proposeConfirm';
import { approveAction, rejectAction } from './approval';
import { listScheduled, proposeScheduled } from './schedule';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { findApps, listJobs, showJob } from './apps';
import { jobActionSpec } from './jobActions';
import { profileActionSpec } from './profileActions';
import { provisionActionSpec } from './provisionActions';
import { explainIdentity, showJobLogs } from './provisioningLogs';
import { listProfileErrors, listProfiles, showAudit, showProfile } from './profiles';
import { listWatches, unwatchApp, unwatchProfile, watchApp, watchProfile } from './watches';
import { resetSdsFlowSpec, startSdsRunSpec } from './sdsActions';
import { listSdsFlows } from './sdsFlows';
import { listSdsRuns, showSdsRun } from './sdsRuns';
import { validateSdsFlow } from './sdsValidate';
import { unwatchSds, watchSds } from './sdsWatch';

/** A click on Confirm, Cancel, Approve or Reject: it names a stored action, never a command. */
export type ActionClick =
  | { kind: 'confirmAction'; actionId: string; inputs: ClickInputs }
  | { kind: 'cancelAction'; actionId: string }
  | { kind: 'approveAction'; actionId: string }
  | { kind: 'rejectAction'; actionId: string };

/** A change typed with `at HH:MM` or `in <n>m|<n>h`: proposed now, run then. */
export type ScheduledChange = { kind: 'scheduleChange'; command: Command; when: When };

type Operation<K extends CommandKind> = (command: CommandOf<K>, ctx: OperationContext) => Promise<Outcome>;

/**
 * Every command kind and where it goes: an operation, or (for mutations) the spec the shared
 * propose/confirm machinery runs. Exhaustive by type, so a new grammar row cannot be forgotten here.
 */
const ROUTES: { [K in CommandKind]: Operation<K> | ActionSpec<K> } = {
  help: async (_command, ctx) => ({ kind: 'info', view: { kind: 'help', approvals: ctx.config.approvals.required } }),
  listProfiles: (_command, ctx) => listProfiles(ctx),
  showProfile,
  listProfileErrors,
  pauseProfile: profileActionSpec,
  resumeProfile: profileActionSpec,
  resetProfile: profileActionSpec,
  startProfile: profileActionSpec,
  findApps,
  listJobs,
  showJob,
  pauseJob: jobActionSpec,
  startJob: jobActionSpec,
  restartJob: jobActionSpec,
  watchProfile,
  watchApp,
  unwatchProfile,
  unwatchApp,
  listWatches,
  audit: showAudit,
  showJobLogs,
  explainIdentity,
  provisionUser: provisionActionSpec,
  listScheduled,
  listSdsRuns,
  showSdsRun,
  listSdsFlows,
  startSdsRun: startSdsRunSpec,
  validateSdsFlow,
  resetSdsFlow: resetSdsFlowSpec,
  watchSds,
  unwatchSds,
};

/** The spec of a mutation's command kind (the scheduler runs stored actions through it too). */
export function specFor(command: Command): ActionSpec {
  const route: Operation<never> | ActionSpec<never> = ROUTES[command.kind];
  if (typeof route === 'function') throw new Error(`${command.kind} is not an action`);
  // The stored command's kind is the key its spec was found under, so the spec accepts it.
  return route as ActionSpec;
}

/**
 * Calls that write at Graph without a confirmation card: a file validation changes no data, but it needs a write
 * permission (IndustryData-DataConnector.Upload), so only people who may change things may ask for one.
 */
const UNCONFIRMED_WRITES: ReadonlySet<CommandKind> = new Set(['validateSdsFlow']);

/** Whether a command changes something (its route is a spec of the propose/confirm machine): the one place this is said. */
export function isMutation(kind: CommandKind): boolean {
  return typeof ROUTES[kind] !== 'function' || UNCONFIRMED_WRITES.has(kind);
}

/** Whether a command can run later: only a spec of the propose/confirm machine can be stored and run by the scheduler. */
export function isSchedulable(kind: CommandKind): boolean {
  return typeof ROUTES[kind] !== 'function';
}

/** The one entry point for typed commands, command buttons and Confirm/Cancel/Approve/Reject clicks. */
export function dispatch(request: Command | ActionClick | ScheduledChange, ctx: OperationContext): Promise<Outcome> {
  if (request.kind === 'confirmAction') return confirmAction(request.actionId, request.inputs, specFor, ctx);
  if (request.kind === 'cancelAction') return cancelAction(request.actionId, ctx, specFor);
  if (request.kind === 'approveAction') return approveAction(request.actionId, specFor, ctx);
  if (request.kind === 'rejectAction') return rejectAction(request.actionId, ctx);
  if (request.kind === 'scheduleChange') return proposeScheduled(request.command, request.when, specFor(request.command), ctx);
  const route = ROUTES[request.kind] as Operation<typeof request.kind> | ActionSpec;
  return typeof route === 'function' ? route(request as never, ctx) : proposeAction(request, route, ctx);
}
