/**
 * Ending a run whose process stopped. A kill -9 (or a result write that failed, disk full) leaves an
 * action `running` for good: its card says "Running…", its buttons answer "Already confirmed", and the
 * audit has no outcome. Such a run is found here and ended as "outcome unknown": Graph may or may not
 * have received the call, so it is never run again; the target's state is read back for the admin.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor';
import type { Config } from '../config';
import { isHolderGone, thisProcess } from '../store/holder';
import { compareAndSet } from '../store/keyValue';
import { actionKey, type ActionResult, type Runner, type StoredAction } from './storedAction';
import type { ActionSpec } from './actionSpec';
import type { AuditEntry } from '../store/auditLog';
import type { OperationContext } from './context';

/** This process as the actions it runs record it; the instance tells it from an earlier one with the same pid. */
export const thisRunner: Runner = { ...thisProcess, instance: randomUUID() };

/** Who the audit names when SyncOps itself ends a stuck run or an old proposal, outside any click. */
export const SYSTEM_ACTOR: Actor = { teamsId: '', name: 'SyncOps' };

/**
 * Actions this process is starting or running now (a count per id: a double click holds twice), a
 * process-wide fact like the pid. An action that names this process as runner but is not held here has
 * ended without its result being recorded. A click holds its action from before its compare-and-set, so
 * a second click arriving while the first writes its audit entry never takes the run for a dead one.
 */
const heldHere = new Map<string, number>();

/** Holds the action as this process's until the returned release is called (more calls do nothing). */
export function holdHere(actionId: string): () => void {
  heldHere.set(actionId, (heldHere.get(actionId) ?? 0) + 1);
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    const left = (heldHere.get(actionId) ?? 1) - 1;
    if (left > 0) heldHere.set(actionId, left);
    else heldHere.delete(actionId);
  };
}

/**
 * After this long a run is stuck whoever runs it (another host, where a pid proves nothing): the call
 * itself ends within GRAPH_TIMEOUT_MS per try and GRAPH_RETRY_DEADLINE_MS in all, the read back within
 * as much again, and the result write in seconds.
 */
export function stuckAfterMs(config: Pick<Config, 'graph'>): number {
  return 2 * (config.graph.timeoutMs + config.graph.retryDeadlineMs) + 60_000;
}

/** Running, and either its process provably stopped or it has run for longer than any live run can. */
export function isStuck(action: StoredAction, now: Date, config: Pick<Config, 'graph'>): boolean {
  if (action.state !== 'running') return false;
  const { runner } = action;
  if (runner && isHolderGone(runner, () => runner.instance === thisRunner.instance && heldHere.has(action.id))) return true;
  return now.getTime() - Date.parse(action.decidedAt ?? action.createdAt) > stuckAfterMs(config);
}

/** Appends an action's audit entry (the propose/confirm machine's own, handed in so this module needs none of it). */
export type AuditAction = (action: StoredAction, event: AuditEntry['event'], result?: ActionResult) => Promise<void>;

const STOPPED = 'SyncOps stopped before it recorded how this ended, and did not send it again: it may or may not have run. Check the state before trying again.';

/**
 * Reads the target back, audits, then records "outcome unknown" in one compare-and-set from this very
 * run (so a run that ends meanwhile, or a second recoverer, wins cleanly). Returns the action as stored now.
 */
export async function recoverStuckAction(action: StoredAction, spec: ActionSpec, ctx: OperationContext, audit: AuditAction): Promise<StoredAction> {
  let stateAfter: string | undefined;
  try {
    stateAfter = await spec.readBack(action.command, ctx);
  } catch (error) {
    ctx.log.warn({ event: 'action.recovery.readBack.failed', actionId: action.id, err: error });
  }
  const result: ActionResult = { headline: 'Outcome unknown', details: [STOPPED], ...(stateAfter ? { stateAfter } : {}) };
  const ended: StoredAction = { ...action, state: 'outcomeUnknown', result, finishedAt: ctx.now().toISOString() };
  // Audited before the state changes; a lost race below at worst repeats this entry, never loses it.
  await audit(ended, 'outcomeUnknown', { ...result, headline: 'Outcome unknown (the run stopped before its result was recorded)' });
  const { changed, value } = await compareAndSet<StoredAction>(ctx.store, actionKey(action.id), (current) =>
    current?.state === 'running' && current.decidedAt === action.decidedAt ? { ...current, state: 'outcomeUnknown', result, finishedAt: ended.finishedAt } : undefined,
  );
  ctx.log.warn({ event: 'action.recovered', actionId: action.id, changed, stateAfter });
  return value ?? action;
}
