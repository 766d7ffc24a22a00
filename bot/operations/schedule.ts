import type { Command } from '../commands/types';
import type { When } from '../commands/when';
import { baseConversationId } from '../notify/keys';
import type { KeyValueStore } from '../store/keyValue';
import { actionKey, type StoredAction } from './storedAction';
import type { ActionSpec } from './actionSpec';
import { proposeAction } from './proposeConfirm';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { resolveSchedule } from './scheduleTime';

/**
 * The scheduled record: one small key per scheduled change, so the poller's leader finds what is due by
 * listing `schedules/` instead of reading every action. The action record stays the one source of truth
 * (its state moves by compare-and-set); an entry whose action has ended is removed when it falls due.
 */
export interface ScheduleEntry {
  actionId: string;
  runAt: string;
  conversationId: string;
}

export const SCHEDULES_PREFIX = 'schedules/';

export function scheduleKey(actionId: string): string {
  return `${SCHEDULES_PREFIX}${actionId}`;
}

/** States in which a change still waits for its time (listed by `scheduled`, cancellable). */
const WAITING: readonly StoredAction['state'][] = ['scheduled', 'awaitingApproval'];

/**
 * `<change> at HH:MM | in <n>m|<n>h`: the ordinary proposal with a run time. The scheduled record is
 * written before the card is shown, so any action whose Confirm button exists is found when it falls due.
 */
export async function proposeScheduled(command: Command, when: When, spec: ActionSpec, ctx: OperationContext): Promise<Outcome> {
  const resolved = resolveSchedule(when, ctx.now(), ctx.timeZone);
  if (!resolved.ok) return { kind: 'refused', title: 'Cannot schedule that', reason: `${resolved.reason} Nothing was proposed.` };
  const outcome = await proposeAction(command, spec, ctx, resolved.schedule);
  if (outcome.kind !== 'needsConfirmation') return outcome;
  const { action } = outcome;
  const entry: ScheduleEntry = { actionId: action.id, runAt: resolved.schedule.runAt, conversationId: action.conversationId };
  await ctx.store.write(scheduleKey(action.id), entry, { ifNoneMatch: '*' });
  return outcome;
}

/** `scheduled`: this conversation's changes waiting for their time (or for approval first), soonest first. */
export async function listScheduled(_command: Command, ctx: OperationContext): Promise<Outcome> {
  const here = baseConversationId(ctx.conversationId);
  const actions: StoredAction[] = [];
  for (const entry of await scheduleEntries(ctx.store)) {
    if (baseConversationId(entry.conversationId) !== here) continue;
    const action = (await ctx.store.read<StoredAction>(actionKey(entry.actionId)))?.value;
    if (action && WAITING.includes(action.state) && !isApprovalOverdue(action, ctx.now())) actions.push(action);
  }
  actions.sort((a, b) => (a.schedule?.runAt ?? '').localeCompare(b.schedule?.runAt ?? ''));
  return { kind: 'info', view: { kind: 'scheduledList', actions } };
}

/** Waiting for an approval whose window has closed: it can no longer run, whatever its record says yet. */
function isApprovalOverdue(action: StoredAction, now: Date): boolean {
  return action.state === 'awaitingApproval' && Boolean(action.approval) && Date.parse(action.approval!.until) <= now.getTime();
}

/** Every scheduled record, in key order. */
export async function scheduleEntries(store: KeyValueStore): Promise<ScheduleEntry[]> {
  const entries: ScheduleEntry[] = [];
  for (const key of await store.list(SCHEDULES_PREFIX)) {
    const entry = (await store.read<ScheduleEntry>(key))?.value;
    if (entry) entries.push(entry);
  }
  return entries;
}
