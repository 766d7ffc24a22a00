import { randomBytes } from 'node:crypto';
import type { Caller } from '../actor';
import type { Command } from '../commands/types';
import { GraphError } from '../graph/errors';
import type { AuditEntry } from '../store/auditLog';
import { compareAndSet, type Stored } from '../store/keyValue';
import { baseConversationId } from '../notify/keys';
import { ACTION_ID_PATTERN, actionKey, type ActionResult, type ActionSchedule, type StoredAction } from './storedAction';
import type { ActionSpec, ClickInputs } from './actionSpec';
import { approvalHint, gateAfterConfirm } from './approvalPolicy';
import { auditEntry, personOf } from './auditEntry';
import type { OperationContext } from './context';
import { sleep } from './sleep';
import type { Outcome } from './outcome';
import { cardClock } from '../present/times';
import { type AuditAction, holdHere, isStuck, recoverStuckAction, thisRunner } from './recovery';

/** A new opaque action id: 128 random bits, the only thing a confirmation button carries. */
export function newActionId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Step 1 of a mutation: resolve, check, store as pending, audit, and ask for confirmation. A `schedule`
 * (operations/schedule.ts) makes Confirm set it up to run later instead of running it now.
 */
export async function proposeAction(command: Command, spec: ActionSpec, ctx: OperationContext, schedule?: ActionSchedule): Promise<Outcome> {
  const prepared = await spec.prepare(command, ctx);
  if (prepared.kind !== 'proposal') return prepared;
  const now = ctx.now();
  const action: StoredAction = {
    id: ctx.newActionId(),
    command: prepared.command,
    targetLabel: prepared.targetLabel,
    plan: prepared.plan,
    conversationId: ctx.conversationId,
    ...(ctx.actor.tenantId ? { tenantId: ctx.actor.tenantId } : {}),
    proposedBy: personOf(ctx.actor),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ctx.config.actionExpiryMinutes * 60_000).toISOString(),
    state: 'pending',
    ...(schedule ? { schedule } : {}),
  };
  const hint = approvalHint(spec, action.command, ctx.config);
  if (hint) action.approvalHint = { ...hint, ...(ctx.isPersonalChat ? { isPersonalChat: true } : {}) };
  await ctx.store.write(actionKey(action.id), action, { ifNoneMatch: '*' });
  await auditOrUndo(() => audit(ctx, action, 'proposed'), () => ctx.store.delete(actionKey(action.id)), action.id, ctx);
  return { kind: 'needsConfirmation', action };
}

/**
 * Step 2: only the click that moves the action from pending to running (one compare-and-set) calls
 * Graph. Every other click (double click, replay, a second person, a second bot instance) is told who
 * confirmed it and when. A call slower than `runningAfterMs` answers "Running…" and finishes later.
 */
export async function confirmAction(actionId: string, inputs: ClickInputs, specFor: (command: Command) => ActionSpec, ctx: OperationContext): Promise<Outcome> {
  const loaded = await loadForClick(actionId, ctx, 'confirm');
  if (loaded.kind !== 'action') return loaded;
  const spec = specFor(loaded.action.command);
  if (isStuck(loaded.action, ctx.now(), ctx.config)) return { kind: 'done', action: await recoverStuckAction(loaded.action, spec, ctx, auditOf(ctx)) };
  const chosen = spec.applyInputs?.(loaded.action.command, inputs, loaded.action.plan) ?? { command: loaded.action.command, plan: loaded.action.plan };
  if ('problem' in chosen) {
    if (loaded.action.state !== 'pending') return alreadyDecided(loaded.action, ctx);
    const { problem, ...choice } = chosen;
    // Still pending, but with what the admin chose, so ticking the missing box runs that choice.
    const { value } = await compareAndSet<StoredAction>(ctx.store, actionKey(actionId), (current) =>
      current?.state === 'pending' && choice.command && choice.plan ? { ...current, command: choice.command, plan: choice.plan } : undefined,
    );
    await ctx.audit.append(entry(ctx, loaded.action, 'refused', { outcome: problem }));
    return { kind: 'done', action: value ?? loaded.action, note: problem, isRefusal: true };
  }
  // Runs now, or waits for a second admin (approval) or for its time (schedule): operations/approvalPolicy.ts.
  const gate = gateAfterConfirm(loaded.action, spec, chosen.command, ctx);
  if ('refusal' in gate) {
    await ctx.audit.append(entry(ctx, loaded.action, 'refused', { outcome: `confirm: ${gate.refusal}` }));
    return { kind: 'done', action: loaded.action, note: gate.refusal, isRefusal: true };
  }
  const decider = personOf(ctx.actor);
  const at = ctx.now().toISOString();
  // Held from before the compare-and-set, so a second click meanwhile never takes this run for a dead one.
  const release = holdHere(actionId);
  let isHandedOver = false;
  try {
    let before: StoredAction | undefined;
    const { changed, value } = await compareAndSet<StoredAction>(ctx.store, actionKey(actionId), (current) => {
      before = current;
      return current?.state === 'pending'
        ? {
          ...current, ...chosen, ...gate, decidedBy: decider, decidedAt: at,
          ...(current.schedule && ctx.cardMessageId ? { cardMessageId: ctx.cardMessageId } : {}),
          // Only a run that starts now names its runner: a scheduled or approved run starts elsewhere, later.
          ...(gate.state === 'running' ? { runner: thisRunner } : {}), ...(ctx.card ? { card: ctx.card } : {}),
        }
        : undefined;
    }, knownIfPending(loaded));
    if (!changed || !value) return await alreadyDecided(value ?? loaded.action, ctx);
    const undo = () => undoDecision(actionId, value.state, at, before!, ctx);
    if (value.state !== 'running') {
      const outcome = value.state === 'scheduled' ? `scheduled for ${value.schedule?.runAt}` : `waiting for approval (${value.approval?.operation}) until ${value.approval?.until}`;
      await auditOrUndo(() => ctx.audit.append(entry(ctx, value, 'confirmed', { outcome })), undo, actionId, ctx);
      return { kind: 'done', action: value };
    }
    isHandedOver = true;
    // Audit before acting: without the entry nothing runs, and the action is as it was, to confirm once storage works.
    return await startRun(value, spec, ctx, 'confirmed', undo, release);
  } finally {
    if (!isHandedOver) release();
  }
}

/**
 * Audits the start, then calls Graph; a call slower than `runningAfterMs` answers "Running…" and finishes
 * later. Only the caller that moved the action to running (one compare-and-set) gets here. `undo` puts the
 * action back when the start cannot be audited; without one it ends as failed, "Not run". The run holds
 * the action as this process's (recovery.ts) until it ends; `release` ends the hold.
 */
export async function startRun(
  value: StoredAction, spec: ActionSpec, ctx: OperationContext, event: 'confirmed' | 'approved',
  undo?: () => Promise<void>, release = holdHere(value.id),
): Promise<Outcome> {
  const notRun = () => ctx.store.write(actionKey(value.id), { ...value, state: 'failed', finishedAt: ctx.now().toISOString(), result: { headline: 'Not run: the audit trail could not be written', details: [] } });
  try {
    await auditOrUndo(() => audit(ctx, value, event), undo ?? notRun, value.id, ctx);
  } catch (error) {
    release();
    throw error;
  }
  const completion = runAction(value, spec, ctx).finally(release);
  const early = await Promise.race([completion, sleep(ctx.runningAfterMs).then(() => undefined)]);
  return early ?? { kind: 'running', action: value, completion };
}

/** Cancel: the same compare-and-set from pending (or a change scheduled or waiting for approval), to cancelled. */
export async function cancelAction(actionId: string, ctx: OperationContext, specFor: (command: Command) => ActionSpec): Promise<Outcome> {
  const loaded = await loadForClick(actionId, ctx, 'cancel');
  if (loaded.kind !== 'action') return loaded;
  if (isStuck(loaded.action, ctx.now(), ctx.config)) return { kind: 'done', action: await recoverStuckAction(loaded.action, specFor(loaded.action.command), ctx, auditOf(ctx)) };
  const at = ctx.now().toISOString();
  let before: StoredAction | undefined;
  const { changed, value } = await compareAndSet<StoredAction>(ctx.store, actionKey(actionId), (current) => {
    before = current;
    return current && CANCELLABLE.includes(current.state) ? { ...current, state: 'cancelled', decidedBy: personOf(ctx.actor), decidedAt: at, finishedAt: at } : undefined;
  }, knownIfPending(loaded));
  if (!changed || !value) return alreadyDecided(value ?? loaded.action, ctx);
  await auditOrUndo(() => audit(ctx, value, 'cancelled'), () => undoDecision(actionId, 'cancelled', at, before!, ctx), actionId, ctx);
  return { kind: 'done', action: value };
}

const CANCELLABLE: readonly StoredAction['state'][] = ['pending', 'scheduled', 'awaitingApproval'];

/** The detail a result card gets when its ending could not be recorded. */
export const UNRECORDED = 'SyncOps could not record this result; the audit trail may lack it.';

/**
 * Makes the call, reads the new state back, records how it ended, audits. Never rejects: every ending
 * is a result card, and a read-back or bookkeeping failure never turns a call Graph accepted into "failed".
 * The caller is the clicking admin, except for a scheduled run (operations/scheduler.ts).
 */
export async function runAction(action: StoredAction, spec: ActionSpec, ctx: OperationContext, caller: Caller = { kind: 'user', actor: ctx.actor }): Promise<Outcome> {
  let state: StoredAction['state'];
  let result: ActionResult;
  try {
    const { state: ended, ...execution } = await spec.execute(action.command, ctx, caller);
    const stateAfter = await readBack(action, spec, ctx);
    state = ended;
    result = { ...execution, ...(stateAfter ? { stateAfter } : {}) };
  } catch (error) {
    ({ state, result } = await failureResult(error, action, spec, ctx));
  }
  const finished = { ...action, state, result, finishedAt: ctx.now().toISOString() };
  try {
    await recordEnding(finished, ctx);
  } catch (error) {
    ctx.log.error({ event: 'action.record.failed', actionId: action.id, err: error });
    finished.result = { ...result, details: [...result.details, UNRECORDED] };
  }
  return { kind: 'done', action: finished, ...(state === 'succeeded' && spec.follow ? { follow: spec.follow(finished, ctx) } : {}) };
}

/**
 * Writes the finished record and its audit entry at once (one fsync's wait, not two in turn) and settles
 * only when both have: the reply waits for both to be durable. At once is safe because neither write
 * decides anything: the run was decided by the compare-and-set to running, and Graph has answered, so the
 * entry states a fact whether or not the record lands. If the record fails and the entry lands, the record
 * stays `running` by a run no longer held here, so the next click or the sweep ends it as "outcome unknown"
 * with an entry of its own, after this one: the trail says what Graph answered, then that SyncOps lost it.
 * If the entry fails and the record lands, that is the case writing them in turn had too (record first),
 * and the card says the trail may lack it. Either way the failure is thrown, as one write's would be.
 */
async function recordEnding(finished: StoredAction, ctx: OperationContext): Promise<void> {
  const [record, entry] = await Promise.allSettled([
    ctx.store.write(actionKey(finished.id), finished),
    audit(ctx, finished, finished.state, finished.result),
  ]);
  if (record.status === 'rejected') throw record.reason;
  if (entry.status === 'rejected') throw entry.reason;
}

/** The target's state after the call, or undefined (logged) when Graph does not say. */
async function readBack(action: StoredAction, spec: ActionSpec, ctx: OperationContext): Promise<string | undefined> {
  try {
    return await spec.readBack(action.command, ctx);
  } catch (error) {
    ctx.log.warn({ event: 'action.readBack.failed', actionId: action.id, err: error });
    return undefined;
  }
}

async function failureResult(error: unknown, action: StoredAction, spec: ActionSpec, ctx: OperationContext) {
  if (!(error instanceof GraphError)) {
    ctx.log.error({ event: 'action.failed', actionId: action.id, err: error });
    return { state: 'failed' as const, result: { headline: `${action.plan.verb} failed`, details: ['An unexpected error stopped SyncOps; see the log.'] } };
  }
  const isUnknown = error.failure === 'outcomeUnknown';
  // After an unknown outcome, the state read back is what the admin needs to decide; never retried blindly.
  const stateAfter = isUnknown ? await readBack(action, spec, ctx) : undefined;
  return {
    state: isUnknown ? ('outcomeUnknown' as const) : ('failed' as const),
    result: {
      headline: isUnknown ? 'Outcome unknown' : `${action.plan.verb} failed`,
      details: [],
      ...(error.requestId ? { graphRequestId: error.requestId } : {}),
      ...(stateAfter ? { stateAfter } : {}),
      error: {
        failure: error.failure, status: error.status, code: error.graphCode, message: error.message,
        ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      },
    },
  };
}

/** Checks that a click may act on the action: known, well-formed, this conversation, not expired. */
export async function loadForClick(actionId: string, ctx: OperationContext, verb: string): Promise<LoadedAction | Outcome> {
  const refuse = async (reason: string, action?: StoredAction): Promise<Outcome> => {
    await ctx.audit.append(entry(ctx, action, 'refused', { outcome: `${verb}: ${reason}`, ...(action ? {} : { detail: { actionId: actionId.slice(0, 40) } }) }));
    return { kind: 'refused', title: 'This button cannot be used', reason };
  };
  if (!ACTION_ID_PATTERN.test(actionId)) return refuse('the button does not name a valid action');
  const stored = await ctx.store.read<StoredAction>(actionKey(actionId));
  if (!stored) return refuse('SyncOps has no record of this action (finished ones are kept for a day after they end)');
  const action = stored.value;
  // Cancel only stops things, so it may come from another thread of the same channel: `scheduled` lists a
  // channel's changes, with Cancel, in whichever thread it is asked. Everything else must come from its own.
  const conversationOf = verb === 'cancel' ? baseConversationId : (id: string) => id;
  if (conversationOf(action.conversationId) !== conversationOf(ctx.conversationId)) return refuse('the action belongs to another conversation', action);
  if (action.state === 'pending' && Date.parse(action.expiresAt) <= ctx.now().getTime()) {
    await compareAndSet<StoredAction>(ctx.store, actionKey(actionId), (c) => (c?.state === 'pending' ? { ...c, state: 'expired' } : undefined));
    return refuse('it expired; run the command again', action);
  }
  if (action.state === 'expired') return refuse('it expired; run the command again', action);
  return { kind: 'action', action, etag: stored.etag };
}

/** An action a click may act on, with the etag it was read at. */
export interface LoadedAction {
  kind: 'action';
  action: StoredAction;
  etag: string;
}

/**
 * The click's own read, for the compare-and-set that follows it to start from instead of reading the
 * same record again. Only a pending action: for any other, the compare-and-set changes nothing and its
 * fresh read is what the "Already confirmed" card shows.
 */
function knownIfPending(loaded: LoadedAction): { known?: Stored<StoredAction> } {
  return loaded.action.state === 'pending' ? { known: { value: loaded.action, etag: loaded.etag } } : {};
}

async function alreadyDecided(action: StoredAction, ctx: OperationContext): Promise<Outcome> {
  const rejection = action.state === 'rejected' ? action.approval : undefined;
  const who = (rejection ? rejection.rejectedBy?.name : action.decidedBy?.name) ?? 'someone';
  const what = action.state === 'cancelled' ? 'cancelled' : rejection ? 'rejected' : 'confirmed';
  const note = `Already ${what} by ${who} at ${clock(rejection ? rejection.rejectedAt : action.decidedAt)}.`;
  await ctx.audit.append(entry(ctx, action, 'refused', { outcome: note }));
  return { kind: 'done', action, note, isRefusal: true };
}

/**
 * Nothing changes state without its audit entry: when the entry cannot be written, the change just made
 * is undone and the failure goes on to the storage-failure card, which says nothing was done.
 */
export async function auditOrUndo(write: () => Promise<void>, undo: () => Promise<unknown>, actionId: string, ctx: Pick<OperationContext, 'log'>): Promise<void> {
  try {
    await write();
  } catch (error) {
    await undo().catch((undoError: unknown) => ctx.log.error({ event: 'action.undo.failed', actionId, err: undoError }));
    throw error;
  }
}

/** Puts back the record as it was before this click's decision (made at `decidedAt`), unless something has changed it since. */
async function undoDecision(actionId: string, decided: StoredAction['state'], decidedAt: string, before: StoredAction, ctx: OperationContext): Promise<void> {
  await compareAndSet<StoredAction>(ctx.store, actionKey(actionId), (current) =>
    current?.state === decided && current.decidedAt === decidedAt ? before : undefined);
}

/** `audit` bound to a context, for the recovery of stuck runs. */
export function auditOf(ctx: OperationContext): AuditAction {
  return (action, event, result) => audit(ctx, action, event, result);
}

/** Each entry names what was chosen (the reset scope) and, for an approved change, both people. */
export function audit(ctx: OperationContext, action: StoredAction, event: AuditEntry['event'], result?: ActionResult): Promise<void> {
  const approver = action.approval?.approvedBy;
  const people = approver ? `asked by ${action.proposedBy.name}, confirmed by ${action.decidedBy?.name ?? 'someone'}, approved by ${approver.name}` : undefined;
  const outcome = [result?.headline, action.plan.choice, people].filter(Boolean).join(', ');
  return ctx.audit.append(entry(ctx, action, event, {
    ...(result?.graphRequestId ? { graphRequestId: result.graphRequestId } : {}),
    ...(outcome ? { outcome } : {}),
  }));
}

export function entry(ctx: OperationContext, action: StoredAction | undefined, event: AuditEntry['event'], extra: Partial<AuditEntry>): AuditEntry {
  return auditEntry(ctx, ctx.now(), {
    event, command: action?.command.kind ?? 'click',
    ...(action ? { actionId: action.id, target: `${action.targetLabel} (${targetIdOf(action.command)})` } : {}),
    ...extra,
  });
}

function targetIdOf(command: Command): string {
  if ('profile' in command) return command.profile.value;
  if ('jobId' in command && command.jobId) return command.app ? `${command.app.value}/${command.jobId}` : command.jobId;
  if ('flow' in command) return command.flow.value;
  return command.kind;
}


/** The time of day on a card, in each reader's own zone. */
export function clock(iso: string | undefined): string {
  return cardClock(iso);
}
