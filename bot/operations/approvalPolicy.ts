import type { Command } from '../commands/types';
import type { ApprovalOperation, Config } from '../config';
import type { ActionApproval, StoredAction } from './storedAction';
import type { ActionSpec } from './actionSpec';
import type { OperationContext } from './context';

/**
 * How long a second admin has to approve, from Confirm: long enough to reach a colleague, short enough
 * that the state the proposal showed is still the state it acts on. A scheduled change must be approved
 * before its time, whichever comes first.
 */
export const APPROVAL_WINDOW_MINUTES = 60;

/** The APPROVAL_REQUIRED name this exact command falls under, most specific first; undefined: no second admin. */
export function requiredApproval(spec: ActionSpec, command: Command, config: Config): ApprovalOperation | undefined {
  const operations = spec.approvalOperations?.(command) ?? [];
  return [...operations].reverse().find((operation) => config.approvals.required.includes(operation));
}

/**
 * What the proposal card says about approval. A restart's scope can still change on the card, so with only
 * `restart-job-destructive` required, a restart with the default scope may need approval after all.
 */
export function approvalHint(spec: ActionSpec, command: Command, config: Config): StoredAction['approvalHint'] {
  const operation = requiredApproval(spec, command, config);
  if (operation) return { operation, isConditional: false };
  if (command.kind === 'restartJob' && config.approvals.required.includes('restart-job-destructive'))
    return { operation: 'restart-job-destructive', isConditional: true };
  return undefined;
}

export type ConfirmGate = { state: 'running' | 'scheduled' } | { state: 'awaitingApproval'; approval: ActionApproval } | { refusal: string };

/** Where Confirm takes an action: run now, wait for its time, or wait for a second admin first. */
export function gateAfterConfirm(action: StoredAction, spec: ActionSpec, command: Command, ctx: Pick<OperationContext, 'config' | 'now' | 'isPersonalChat'>): ConfirmGate {
  const now = ctx.now().getTime();
  const runAt = action.schedule ? Date.parse(action.schedule.runAt) : undefined;
  if (runAt !== undefined && runAt <= now) return { refusal: 'Its scheduled time has passed, so nothing was scheduled. Propose it again with a later time.' };
  const operation = requiredApproval(spec, command, ctx.config);
  // Nobody else sees a personal chat's cards, so an approval asked for there could never come.
  if (operation && ctx.isPersonalChat)
    return { refusal: `This change needs a second admin's approval (APPROVAL_REQUIRED lists ${operation}), and nobody else sees this personal chat. Propose it in a channel or group chat where another admin can approve it.` };
  if (operation) {
    const until = Math.min(now + APPROVAL_WINDOW_MINUTES * 60_000, runAt ?? Infinity);
    return { state: 'awaitingApproval', approval: { operation, until: new Date(until).toISOString() } };
  }
  return { state: runAt === undefined ? 'running' : 'scheduled' };
}
