import type { Command, CommandKind } from '../commands/types';
import type { ActionSpec, ClickInputs } from './actionSpec';
import { cancelAction, confirmAction, proposeAction } from './actions';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { findApps, listJobs, showJob } from './apps';
import { jobActionSpec } from './jobActions';
import { profileActionSpec } from './profileActions';
import { listProfileErrors, listProfiles, showAudit, showProfile } from './profiles';
import { listWatches, unwatchApp, unwatchProfile, watchApp, watchProfile } from './watches';

/** A click on Confirm or Cancel: it names a stored action, never a command. */
export type ActionClick = { kind: 'confirmAction'; actionId: string; inputs: ClickInputs } | { kind: 'cancelAction'; actionId: string };

type Operation<K extends CommandKind> = (command: Extract<Command, { kind: K }>, ctx: OperationContext) => Promise<Outcome>;
type OperationTable = { [K in CommandKind]?: Operation<K> };

/** Mutations: each proposes through the shared confirm/execute machinery with its spec. */
const ACTION_SPECS: Partial<Record<CommandKind, ActionSpec>> = {
  pauseProfile: profileActionSpec,
  resumeProfile: profileActionSpec,
  resetProfile: profileActionSpec,
  startProfile: profileActionSpec,
  pauseJob: jobActionSpec,
  startJob: jobActionSpec,
  restartJob: jobActionSpec,
};

const OPERATIONS: OperationTable = {
  help: async () => ({ kind: 'info', view: { kind: 'help' } }),
  listProfiles: (_command, ctx) => listProfiles(ctx),
  showProfile,
  listProfileErrors,
  audit: showAudit,
  findApps,
  listJobs,
  showJob,
  watchProfile,
  watchApp,
  unwatchProfile,
  unwatchApp,
  listWatches,
};

function specFor(command: Command): ActionSpec {
  const spec = ACTION_SPECS[command.kind];
  if (!spec) throw new Error(`${command.kind} is not an action`);
  return spec;
}

/** The one entry point for typed commands, command buttons and Confirm/Cancel clicks. */
export function dispatch(request: Command | ActionClick, ctx: OperationContext): Promise<Outcome> {
  if (request.kind === 'confirmAction') return confirmAction(request.actionId, request.inputs, specFor, ctx);
  if (request.kind === 'cancelAction') return cancelAction(request.actionId, ctx);
  const command: Command = request;
  const spec = ACTION_SPECS[command.kind];
  if (spec) return proposeAction(command, spec, ctx);
  const operation = OPERATIONS[command.kind] as Operation<typeof command.kind> | undefined;
  if (!operation) return Promise.resolve({ kind: 'info', view: { kind: 'planned', command } });
  return operation(command as never, ctx);
}
