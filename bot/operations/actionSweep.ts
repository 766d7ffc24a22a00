/**
 * The poller leader's rounds over stored actions: runs whose process stopped are ended as "outcome
 * unknown" (recovery.ts), and records whose cards can no longer act are deleted. The audit keeps them.
 */
import type { Command } from '../commands/types';
import { actionKey, type StoredAction } from './storedAction';
import { audit, auditOf } from './proposeConfirm';
import type { ActionSpec } from './actionSpec';
import type { OperationContext } from './context';
import { isStuck, recoverStuckAction, SYSTEM_ACTOR } from './recovery';

/**
 * How long a record outlives its card's buttons (they stop at expiresAt): a copy of the card that was
 * never refreshed can still be told who decided and how it ended for a day; after that a click hears
 * "no record of this action". Without a limit, records grow by one file per proposal for ever.
 */
export const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60_000;

/** States no click or run can change any more, so the record only serves a stale card. */
const SETTLED: ReadonlySet<StoredAction['state']> = new Set(['succeeded', 'failed', 'outcomeUnknown', 'cancelled', 'expired', 'rejected', 'missed', 'skipped']);

export type SweepContext = Omit<OperationContext, 'actor' | 'conversationId' | 'card'>;

export interface SweepReport {
  /** Runs ended as "outcome unknown" by this sweep, to update their cards. */
  recovered: StoredAction[];
  deleted: number;
}

/** One round over every stored action; a failure on one is logged and the round goes on. */
export async function sweepActions(ctx: SweepContext, specFor: (command: Command) => ActionSpec): Promise<SweepReport> {
  const report: SweepReport = { recovered: [], deleted: 0 };
  for (const key of await ctx.store.list('actions/')) {
    try {
      const action = (await ctx.store.read<StoredAction>(key))?.value;
      if (!action) continue;
      const own = { ...ctx, actor: SYSTEM_ACTOR, conversationId: action.conversationId };
      if (isStuck(action, ctx.now(), ctx.config)) {
        report.recovered.push(await recoverStuckAction(action, specFor(action.command), own, auditOf(own)));
      } else if (isPastKeeping(action, ctx.now())) {
        // A proposal nobody answered ends here: the audit says so before its record goes.
        if (action.state === 'pending') await audit(own, { ...action, state: 'expired' }, 'expired');
        await ctx.store.delete(actionKey(action.id));
        report.deleted += 1;
      }
    } catch (error) {
      ctx.log.error({ event: 'action.sweep.failed', key, err: error });
    }
  }
  if (report.recovered.length + report.deleted > 0) ctx.log.info({ event: 'action.swept', recovered: report.recovered.length, deleted: report.deleted });
  return report;
}

/** A day past the later of its buttons' expiry and its end (a scheduled change can end days after its card expired). */
function isPastKeeping(action: StoredAction, now: Date): boolean {
  const isOver = SETTLED.has(action.state) || action.state === 'pending';
  const lastUse = Math.max(Date.parse(action.expiresAt), action.finishedAt ? Date.parse(action.finishedAt) : 0);
  return isOver && now.getTime() > lastUse + KEEP_AFTER_EXPIRY_MS;
}
