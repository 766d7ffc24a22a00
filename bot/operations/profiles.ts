import { randomBytes } from 'node:crypto';
import { byId, type Command } from '../commands/types';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { findProfile } from './profileLookup';

/** Errors shown per card: each takes five lines, and a card must stay well under 28 KB. */
export const ERRORS_PER_PAGE = 10;

/** A stored "next page" of errors, so a More button carries an opaque id rather than a Graph URL. */
interface ErrorsCursor {
  profileId: string;
  nextLink: string;
  conversationId: string;
  shownBefore: number;
  /** Graph sends @odata.count on the first page only; later pages show the total kept here. */
  total?: number;
}

/** `profiles`: every SDS profile with its state, status and error count (1 list + ⌈N/20⌉ batched reads). */
export async function listProfiles(ctx: OperationContext): Promise<Outcome> {
  const profiles = await ctx.gateway.listProfiles();
  profiles.sort((a, b) => a.displayName.localeCompare(b.displayName));
  const statuses = await ctx.gateway.getProfileStatuses(profiles.filter((p) => p.state === 'provisioned').map((p) => p.id));
  return {
    kind: 'info',
    view: { kind: 'profileList', profiles: profiles.map((profile) => ({ profile, ...(statuses.has(profile.id) ? { status: statuses.get(profile.id)! } : {}) })) },
  };
}

/** `profile <name|id>`: the status card. */
export async function showProfile(command: Extract<Command, { kind: 'showProfile' }>, ctx: OperationContext): Promise<Outcome> {
  const found = await findProfile(command.profile, ctx, (id) => ({ ...command, profile: byId(id) }));
  if (found.kind !== 'profile') return found;
  const status = await ctx.gateway.getProfileStatus(found.profile.id);
  return { kind: 'info', view: { kind: 'profileStatus', profile: found.profile, status } };
}

/** `errors profile <name|id>`: one page of errors; More follows Graph's nextLink through a stored cursor. */
export async function listProfileErrors(command: Extract<Command, { kind: 'listProfileErrors' }>, ctx: OperationContext): Promise<Outcome> {
  const found = await findProfile(command.profile, ctx, (id) => ({ kind: 'listProfileErrors', profile: byId(id) }));
  if (found.kind !== 'profile') return found;
  const cursor = command.cursor ? await readCursor(command.cursor, found.profile.id, ctx) : undefined;
  if (command.cursor && !cursor) return { kind: 'refused', title: 'This page is no longer available', reason: 'Run the errors command again to start from the first page.' };
  const fetched = await ctx.gateway.listProfileErrors(found.profile.id, cursor ? { nextLink: cursor.nextLink } : { top: ERRORS_PER_PAGE });
  const total = fetched.count ?? cursor?.total;
  const page = { ...fetched, ...(total !== undefined ? { count: total } : {}) };
  const shownBefore = cursor ? cursor.shownBefore : 0;
  const nextCursor = page.nextLink
    ? await saveCursor({
      profileId: found.profile.id, nextLink: page.nextLink, conversationId: ctx.conversationId, shownBefore: shownBefore + page.items.length,
      ...(total !== undefined ? { total } : {}),
    }, ctx)
    : undefined;
  return { kind: 'info', view: { kind: 'profileErrors', profile: found.profile, page, shownBefore, ...(nextCursor ? { nextCursor } : {}) } };
}

/** Audit entries one action writes at most: proposed, confirmed (or approved), started when scheduled, and how it ended. */
const ENTRIES_PER_ACTION = 4;

/** `audit [n]`: this conversation's last n audited actions (the card shows one line per action). */
export async function showAudit(command: Extract<Command, { kind: 'audit' }>, ctx: OperationContext): Promise<Outcome> {
  const entries = await ctx.audit.recent(ctx.conversationId, command.count * ENTRIES_PER_ACTION + 1);
  return { kind: 'info', view: { kind: 'audit', entries, requested: command.count } };
}

async function saveCursor(cursor: ErrorsCursor, ctx: OperationContext): Promise<string> {
  const id = randomBytes(12).toString('base64url');
  await ctx.store.write(`cursors/${id}`, cursor);
  return id;
}

/** A cursor is honoured only for the same profile and conversation it was made for. */
async function readCursor(id: string, profileId: string, ctx: OperationContext): Promise<ErrorsCursor | undefined> {
  if (!/^[A-Za-z0-9_-]{16}$/.test(id)) return undefined;
  const stored = await ctx.store.read<ErrorsCursor>(`cursors/${id}`);
  const cursor = stored?.value;
  return cursor && cursor.profileId === profileId && cursor.conversationId === ctx.conversationId ? cursor : undefined;
}
