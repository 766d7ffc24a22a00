import type { Caller } from '../actor';
import type { Command, CommandKind, CommandOf } from '../commands/types';
import type { ApprovalOperation } from '../config';
import type { ActionPlan, ActionResult, StoredAction } from './storedAction';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';

export type { CommandOf } from '../commands/types';

/** A mutation that can be confirmed: the resolved command, what it targets, and the card's promise. */
export interface Proposal {
  kind: 'proposal';
  command: Command;
  targetLabel: string;
  plan: ActionPlan;
}

/**
 * How the call ended when Graph answered; `failed` covers answers such as "Not started" too, and
 * `outcomeUnknown` a 2xx whose body does not say how it ended.
 */
export interface Execution extends ActionResult {
  state: 'succeeded' | 'failed' | 'outcomeUnknown';
}

/**
 * What the shared confirm/execute machinery needs to know about the mutations of kinds K; each method receives
 * its own command type, so a spec calls the gateway's methods by name without casts. What it returns is a
 * plain Command, so one spec may serve several kinds.
 */
export interface ActionSpec<in K extends CommandKind = CommandKind> {
  /** Resolves the target and refuses up front what the API would refuse; otherwise proposes. */
  prepare(command: CommandOf<K>, ctx: OperationContext): Promise<Proposal | Outcome>;
  /** Makes the Graph call once (no retry of an unknown outcome); the machinery reads the state back after. */
  execute(command: CommandOf<K>, ctx: OperationContext, caller: Caller): Promise<Execution>;
  /** The target's current state in words, for the result card. */
  readBack(command: CommandOf<K>, ctx: OperationContext): Promise<string>;
  /**
   * Folds the card's inputs (the restart scope picker) into the command before it runs, or says what is
   * missing; the action then stays pending so the admin can fix the choice and confirm again.
   */
  applyInputs?(command: CommandOf<K>, inputs: ClickInputs, plan: ActionPlan): Chosen | (Partial<Chosen> & { problem: string });
  /**
   * The APPROVAL_REQUIRED names this exact command falls under (the approval policy of the change, declared
   * with it): a restart with a destructive scope is both `restart-job` and `restart-job-destructive`.
   */
  approvalOperations?(command: CommandOf<K>): ApprovalOperation[];
  /**
   * After a call Graph accepted as long-running (202: an SDS run), the same card's later states until it ends;
   * lazy, so nothing is read until the card is being updated.
   */
  follow?(action: StoredAction, ctx: OperationContext): AsyncIterable<Outcome>;
}

/** The command and plan as the card's inputs chose them. */
export interface Chosen {
  command: Command;
  plan: ActionPlan;
}

/** Values of the inputs on a confirmation card, as Teams merges them into the click's data. */
export interface ClickInputs {
  scope?: string;
  acknowledge?: string;
}
