import { APP_CALLER, type Actor, type Caller } from '../actor';
import type { Command } from '../commands/types';
import { GraphError } from '../graph/errors';
import { compareAndSet } from '../store/keyValue';
import { actionKey, type ActionResult, type StoredAction } from './storedAction';
import type { ActionSpec } from './actionSpec';
import { audit, auditOrUndo, entry, runAction, UNRECORDED } from './proposeConfirm';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { scheduleEntries, scheduleKey, type ScheduleEntry } from './schedule';

/**
 * A change found due after downtime still runs if it is less late than this; later, the state it was
 * confirmed on may be gone and the maintenance window over, so it is reported as missed instead.
 */
export const LATE_LIMIT_MINUTES = 15;

export interface SchedulerDeps extends Omit<OperationContext, 'actor' | 'conversationId' | 'timeZone'> {
  specFor(command: Command): ActionSpec;
  /**
   * Whether a scheduled run can carry this admin's own delegated token (demo tenant, or a Teams SSO token
   * still cached); otherwise it uses the app token, where the API allows one.
   */
  canActAs(actor: Actor): boolean;
  /** Posts the card of a change that ended (ran, skipped, missed, expired) to its conversation. */
  announce(action: StoredAction, note?: string): Promise<void>;
}

/**
 * Runs the scheduled changes that are due, from the poller's leader. Each moves from `scheduled` to
 * `running` by one compare-and-set on its action record, so a second instance, a restart or an
 * overlapping cycle never runs it twice; whoever loses the race does nothing.
 */
export class Scheduler {
  constructor(private readonly deps: SchedulerDeps) {}

  /** Returns how many due entries it handled. One that fails is logged and tried again next cycle. */
  async runDue(): Promise<number> {
    const now = this.deps.now().getTime();
    const due = (await scheduleEntries(this.deps.store)).filter((entry) => Date.parse(entry.runAt) <= now);
    for (const entry of due) {
      try {
        await this.handle(entry);
      } catch (error) {
        this.deps.log.error({ event: 'schedule.failed', actionId: entry.actionId, err: error });
      }
    }
    return due.length;
  }

  private async handle(entry: ScheduleEntry): Promise<void> {
    const action = (await this.deps.store.read<StoredAction>(actionKey(entry.actionId)))?.value;
    if (action?.state === 'scheduled') return this.runOrMiss(action);
    if (action?.state === 'pending' || action?.state === 'awaitingApproval') return this.expire(action);
    // Running: another instance (or a crashed one, which recovery handles) has it. Ended: forget the entry.
    if (action?.state !== 'running') await this.deps.store.delete(scheduleKey(entry.actionId));
  }

  /**
   * Its time came before anyone confirmed (or approved) it: nothing runs. A change someone confirmed was
   * expected to run, so the conversation is told; a proposal nobody confirmed was never promised, so only the audit says it.
   */
  private async expire(action: StoredAction): Promise<void> {
    const isUnconfirmed = action.state === 'pending';
    const headline = isUnconfirmed ? 'Nobody confirmed it before its time' : 'Nobody approved it before its time';
    const ended = await this.end(action, action.state, 'expired', { headline, details: ['Nothing ran.'] });
    if (!ended) return;
    if (isUnconfirmed) await this.deps.store.delete(scheduleKey(action.id));
    else await this.close(ended, `${headline}, so nothing ran.`);
  }

  private async runOrMiss(action: StoredAction): Promise<void> {
    const lateMinutes = Math.floor((this.deps.now().getTime() - Date.parse(action.schedule!.runAt)) / 60_000);
    if (lateMinutes >= LATE_LIMIT_MINUTES) {
      const details = [`SyncOps was not running at its time and found it ${lateMinutes} minutes late; changes more than ${LATE_LIMIT_MINUTES} minutes late do not run. Propose it again if it is still wanted.`];
      const missed = await this.end(action, 'scheduled', 'missed', { headline: 'Missed its time', details });
      if (missed) await this.close(missed);
      return;
    }
    const { changed, value } = await compareAndSet<StoredAction>(this.deps.store, actionKey(action.id), (current) =>
      current?.state === 'scheduled' ? { ...current, state: 'running', schedule: { ...current.schedule!, lateMinutes } } : undefined,
    );
    if (!changed || !value) return;
    await this.run(value);
  }

  /** Audit first, then check the object is still as the change expects, then the ordinary run. */
  private async run(action: StoredAction): Promise<void> {
    const runner = runnerOf(action);
    const ctx: OperationContext = { ...this.deps, actor: runner, conversationId: action.conversationId };
    const spec = this.deps.specFor(action.command);
    try {
      await audit(ctx, action, 'started');
    } catch (error) {
      this.deps.log.error({ event: 'schedule.audit.failed', actionId: action.id, err: error });
      const failed = await this.end(action, 'running', 'failed', { headline: 'Not run: the audit trail could not be written', details: [] });
      if (failed) await this.close(failed);
      return;
    }
    const stale = await this.precheck(action, spec, ctx);
    if (stale) {
      const skipped = await this.end(action, 'running', 'skipped', { headline: 'Skipped: the state changed since it was scheduled', details: [stale] });
      if (skipped) await this.close(skipped);
      return;
    }
    const caller: Caller = this.deps.canActAs(runner) ? { kind: 'user', actor: runner } : APP_CALLER;
    const outcome = await runAction(action, spec, ctx, caller);
    if (outcome.kind !== 'done') return;
    this.deps.log.info({ event: 'schedule.ran', actionId: action.id, command: action.command.kind, outcome: outcome.action.state, caller: caller.kind, lateMinutes: action.schedule?.lateMinutes });
    await this.close(outcome.action, caller.kind === 'app' ? appTokenNote(outcome.action, runner) : undefined);
  }

  /**
   * The proposal's own checks, run again: a pause of a profile someone already paused, a start of a
   * running job, a target gone. Returns why it would no longer do what was confirmed, or undefined.
   */
  private async precheck(action: StoredAction, spec: ActionSpec, ctx: OperationContext): Promise<string | undefined> {
    let prepared: Awaited<ReturnType<ActionSpec['prepare']>>;
    try {
      prepared = await spec.prepare(action.command, ctx);
    } catch (error) {
      this.deps.log.warn({ event: 'schedule.precheck.failed', actionId: action.id, err: error });
      const why = error instanceof GraphError ? `Microsoft Graph answered ${error.status || 'nothing'} ${error.graphCode}` : 'an unexpected error';
      return `SyncOps could not read the current state (${why}), so it did not act blind.`;
    }
    return prepared.kind === 'proposal' ? undefined : describeStale(prepared);
  }

  /**
   * Moves the action from `from` to its end and audits it; undefined when another instance got there first.
   * If the entry cannot be written, a change that had not started is put back (auditOrUndo) and the next
   * cycle tries again; one already `running` (audited when it started) keeps its end, since putting it back
   * would leave it running, and its card says the trail may lack the ending, as runAction's does.
   * The schedule entry stays until the ending is audited and announced (`close`).
   */
  private async end(action: StoredAction, from: StoredAction['state'], state: StoredAction['state'], result: ActionResult): Promise<StoredAction | undefined> {
    const finishedAt = this.deps.now().toISOString();
    let before = action;
    const { changed, value } = await compareAndSet<StoredAction>(this.deps.store, actionKey(action.id), (current) => {
      if (current?.state !== from) return undefined;
      before = current;
      return { ...current, state, result, finishedAt };
    });
    if (!changed || !value) return undefined;
    this.deps.log.info({ event: `schedule.${state}`, actionId: action.id, command: action.command.kind });
    const ctx = { ...this.deps, actor: runnerOf(value), conversationId: value.conversationId };
    const record = () => this.deps.audit.append(entry(ctx, value, state, { outcome: [result.headline, ...result.details].join(': ') }));
    if (from !== 'running') {
      const undo = () => compareAndSet<StoredAction>(this.deps.store, actionKey(action.id), (current) =>
        current?.state === state && current.finishedAt === finishedAt ? before : undefined);
      await auditOrUndo(record, undo, action.id, this.deps);
      return value;
    }
    try {
      await record();
      return value;
    } catch (error) {
      this.deps.log.error({ event: 'action.record.failed', actionId: action.id, err: error });
      return { ...value, result: { ...result, details: [...result.details, UNRECORDED] } };
    }
  }

  /**
   * Tells the conversation, then forgets the schedule entry: it outlives a failed audit or announcement.
   * A failed post does not throw (teams/scheduledPosts.ts logs it); if `announce` does, runDue logs
   * schedule.failed and the next cycle, finding the action ended, forgets the entry.
   */
  private async close(ended: StoredAction, note?: string): Promise<void> {
    await this.deps.announce(ended, note);
    await this.deps.store.delete(scheduleKey(ended.id));
  }
}

/** Who a scheduled change runs for: the approver when there was one, else whoever confirmed it. */
function runnerOf(action: StoredAction): Actor {
  const person = action.approval?.approvedBy ?? action.decidedBy ?? action.proposedBy;
  return { teamsId: '', name: person.name, ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}), ...(action.tenantId ? { tenantId: action.tenantId } : {}) };
}

function describeStale(outcome: Outcome): string {
  if (outcome.kind === 'refused') return outcome.reason;
  if (outcome.kind === 'notFound') return `The ${outcome.what} "${outcome.query}" is gone.`;
  return 'The target no longer resolves to the object that was confirmed.';
}

/** Graph refusing the app token means this API (or tenant) wants a person: say whose sign-in is needed. */
function appTokenNote(action: StoredAction, runner: Actor): string | undefined {
  const failure = action.result?.error?.failure;
  if (failure !== 'forbidden' && failure !== 'unauthenticated') return undefined;
  return `Microsoft Graph refused SyncOps's own app token for this change, and ${runner.name}'s sign-in is not available at the scheduled time: ${runner.name} must run it again, signed in. Nothing ran.`;
}
