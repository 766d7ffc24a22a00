/** watch / unwatch / watching: this conversation's notification subscriptions. Nothing here talks to Teams. */
import { formatCommand } from '../commands/format';
import { byId, type CommandOf, type Target, type WatchFilter } from '../commands/types';
import { describeSnapshot } from '../present/changeWords';
import type { Snapshot, WatchTarget } from '../notify/model';
import { appSnapshot, profileSnapshot } from '../notify/snapshot';
import { sameTarget, WatchBook } from '../notify/watchBook';
import { findApp } from './appLookup';
import { auditEntry } from './auditEntry';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { findProfile } from './profileLookup';
import { matchByName } from './resolve';

/** `watch profile <name|id> [only …]`: the profile's state now is the baseline; later changes are posted here. */
export async function watchProfile(command: CommandOf<'watchProfile'>, ctx: OperationContext): Promise<Outcome> {
  const found = await findProfile(command.profile, ctx, (id) => ({ ...command, profile: byId(id) }));
  if (found.kind !== 'profile') return found;
  const status = await ctx.gateway.getProfileStatus(found.profile.id);
  return addWatch({ kind: 'profile', id: found.profile.id, name: found.profile.displayName }, command.only, profileSnapshot(status), ctx);
}

/** `watch app <name|id> [only …]`: every provisioning job of the app, including jobs added later. */
export async function watchApp(command: CommandOf<'watchApp'>, ctx: OperationContext): Promise<Outcome> {
  const found = await findApp(command.app, ctx, (id) => ({ ...command, app: byId(id) }));
  if (found.kind !== 'app') return found;
  const jobs = await ctx.gateway.listJobs(found.app.id);
  return addWatch({ kind: 'app', id: found.app.id, name: found.app.displayName }, command.only, appSnapshot(jobs), ctx);
}

export function unwatchProfile(command: CommandOf<'unwatchProfile'>, ctx: OperationContext): Promise<Outcome> {
  return removeWatch('profile', command.profile, ctx);
}

export function unwatchApp(command: CommandOf<'unwatchApp'>, ctx: OperationContext): Promise<Outcome> {
  return removeWatch('app', command.app, ctx);
}

/** `watching`: the list, with an Unwatch button each. */
export async function listWatches(_command: CommandOf<'listWatches'>, ctx: OperationContext): Promise<Outcome> {
  const book = new WatchBook(ctx.store);
  const resumed = await resumeHere(book, ctx);
  const watches = (await book.read(ctx.conversationId))?.watches ?? [];
  return { kind: 'info', view: { kind: 'watchList', watches, ...(resumed ? { resumed } : {}) } };
}

export async function addWatch(target: WatchTarget, only: WatchFilter, baseline: Snapshot, ctx: OperationContext): Promise<Outcome> {
  const book = new WatchBook(ctx.store);
  const address = (await book.read(ctx.conversationId))?.address;
  // The bot middleware records the address before any command runs; without it nothing could be posted.
  if (!address) return { kind: 'refused', title: 'SyncOps cannot post here yet', reason: 'It does not know how to reach this conversation. Send the command again in a moment.' };
  const resumed = await resumeHere(book, ctx);
  const change = await book.watch(ctx.conversationId, address, { target, only, since: ctx.now().toISOString(), by: ctx.actor.name }, baseline);
  if (change !== 'unchanged') await record(ctx, { event: 'watched', command: WATCH_COMMANDS[target.kind], target, outcome: `Watching ${target.name}${onlyClause(only)}` });
  return { kind: 'info', view: { kind: 'watchChanged', change, target, only, current: describeSnapshot(baseline), ...(resumed ? { resumed } : {}) } };
}

/** Matched against this conversation's watches, not Graph: a deleted profile can still be unwatched by name. */
async function removeWatch(kind: 'profile' | 'app', wanted: Target, ctx: OperationContext): Promise<Outcome> {
  const book = new WatchBook(ctx.store);
  const watches = ((await book.read(ctx.conversationId))?.watches ?? []).filter((w) => w.target.kind === kind);
  const sameId = watches.filter((w) => w.target.id.toLowerCase() === wanted.value.toLowerCase());
  const match = sameId.length === 1 ? { kind: 'one' as const, item: sameId[0]! } : matchByName(watches, wanted.value, (w) => w.target.name);
  if (match.kind === 'none') return { kind: 'info', view: { kind: 'notWatching', what: kind, query: wanted.value, watched: watches.map((w) => w.target.name) } };
  if (match.kind === 'several') {
    const options = match.items.map((w) => ({ label: w.target.name, command: formatCommand(kind === 'app' ? { kind: 'unwatchApp', app: byId(w.target.id) } : { kind: 'unwatchProfile', profile: byId(w.target.id) }) }));
    return { kind: 'chooseOne', what: kind, query: wanted.value, options };
  }
  const target = match.item.target;
  const removed = await book.unwatch(ctx.conversationId, (w) => sameTarget(w.target, target));
  if (removed.length) await record(ctx, { event: 'unwatched', command: kind === 'app' ? 'unwatchApp' : 'unwatchProfile', target, outcome: `Stopped watching ${target.name}` });
  return { kind: 'info', view: { kind: 'watchChanged', change: removed.length ? 'removed' : 'unchanged', target, only: match.item.only } };
}

const WATCH_COMMANDS: Record<WatchTarget['kind'], string> = { profile: 'watchProfile', app: 'watchApp', sds: 'watchSds' };

/** A command from the conversation shows the bot is back in it: suspended notifications resume. */
export async function resumeHere(book: WatchBook, ctx: OperationContext) {
  const lifted = await book.resume(ctx.conversationId);
  if (lifted) await record(ctx, { event: 'resumed', command: 'notify', outcome: `Notifications resume (suspended since ${lifted.at}: ${lifted.status} ${lifted.code})` });
  return lifted;
}

/** Who set up or ended notifications is audited like any other change to what the bot does. */
export function record(ctx: OperationContext, entry: { event: string; command: string; target?: WatchTarget; outcome: string }): Promise<void> {
  const { event, command, target, outcome } = entry;
  return ctx.audit.append(auditEntry(ctx, ctx.now(), { event, command, outcome, ...(target ? { target: target.id } : {}) }));
}

function onlyClause(only: WatchFilter): string {
  return only === 'all' ? '' : ` only ${only}`;
}
