/** `watch sds` / `unwatch sds`: the tenant's new SDS in this conversation's notifications. */
import type { Command } from '../commands/types';
import { readSdsSnapshot, SDS_TARGET } from '../notify/sdsObserve';
import { sameTarget, WatchBook } from '../notify/watchBook';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { addWatch, record } from './watches';

/** Its state now (runs, flows, the latest run's statistics: 3 GETs) is the baseline; later changes are posted here. */
export async function watchSds(_command: Extract<Command, { kind: 'watchSds' }>, ctx: OperationContext): Promise<Outcome> {
  return addWatch(SDS_TARGET, 'all', await readSdsSnapshot(ctx.gateway, ctx.now()), ctx);
}

export async function unwatchSds(_command: Extract<Command, { kind: 'unwatchSds' }>, ctx: OperationContext): Promise<Outcome> {
  const removed = await new WatchBook(ctx.store).unwatch(ctx.conversationId, (w) => sameTarget(w.target, SDS_TARGET));
  if (removed.length === 0) return { kind: 'refused', title: 'School Data Sync is not watched here', reason: 'Nothing to stop; type watch sds to be told here when a run or a flow needs attention.' };
  await record(ctx, { event: 'unwatched', command: 'unwatchSds', target: SDS_TARGET, outcome: `Stopped watching ${SDS_TARGET.name}` });
  return { kind: 'info', view: { kind: 'watchChanged', change: 'removed', target: SDS_TARGET, only: 'all' } };
}
