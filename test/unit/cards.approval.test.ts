/** The cards of approvals and scheduled changes: valid for the official model, wrapped, small, times in the reader's zone. */
import { presentOutcome, presentParseError } from '../../bot/present/outcome';
import { presentAction } from '../../bot/present/action';
import type { StoredAction } from '../../bot/operations/storedAction';
import type { AdaptiveCard } from '../../cards/render';
import { cardProblems } from '../support/adaptiveCards';
import { actionsOf, textsOf, titleOf } from '../support/cards';

const long = (n: number) => 'x'.repeat(n);
const action = (over: Partial<StoredAction> = {}): StoredAction => ({
  id: 'a'.repeat(22), command: { kind: 'resetProfile', profile: { by: 'id', value: '00000000-0000-4000-8000-000000000001' } },
  targetLabel: `Woodgrove ${long(200)}`, conversationId: 'c', proposedBy: { name: 'Ada Lovelace' }, createdAt: '2026-03-14T10:02:00.000Z',
  expiresAt: '2026-03-14T10:17:00.000Z', state: 'pending',
  plan: { question: 'Reset Woodgrove?', verb: 'Reset', pastTense: 'Reset', graphCall: `POST /education/synchronizationProfiles/${long(300)}/reset`, effects: ['e'], warnings: ['w'], facts: [{ title: 'Profile', value: long(300) }], choice: 'reset scope Full' },
  ...over,
});
const approval = { operation: 'reset-profile' as const, until: '2026-03-14T11:02:00.000Z' };
const schedule = { runAt: '2026-03-14T12:00:00.000Z', timeZone: 'Europe/Berlin', typed: 'at 13:00' };
const decided = { decidedBy: { name: 'Ada Lovelace' }, decidedAt: '2026-03-14T10:02:00.000Z' };

const CARDS: [string, AdaptiveCard][] = [
  ['proposal, approval and schedule', presentAction(action({ schedule, approvalHint: { operation: 'reset-profile', isConditional: false } }))],
  ['waiting for approval', presentAction(action({ ...decided, state: 'awaitingApproval', approval }))],
  ['waiting for approval, scheduled, refused click', presentAction(action({ ...decided, state: 'awaitingApproval', approval, schedule }), 'You cannot approve this.')],
  ['rejected', presentAction(action({ ...decided, state: 'rejected', approval: { ...approval, rejectedBy: { name: 'Grace Hopper' }, rejectedAt: '2026-03-14T10:05:00.000Z' } }))],
  ['scheduled', presentAction(action({ ...decided, state: 'scheduled', schedule }))],
  ['missed', presentAction(action({ ...decided, state: 'missed', schedule, result: { headline: 'Missed its time', details: ['late'] } }))],
  ['skipped', presentAction(action({ ...decided, state: 'skipped', schedule, result: { headline: 'Skipped', details: ['It is already paused.'] } }))],
  ['ran late, approved', presentAction(action({ ...decided, state: 'succeeded', schedule: { ...schedule, lateMinutes: 7 }, approval: { ...approval, approvedBy: { name: 'Grace Hopper' }, approvedAt: '2026-03-14T10:05:00.000Z' }, result: { headline: 'Reset', details: [] } }))],
  ['scheduled list: none', presentOutcome({ kind: 'info', view: { kind: 'scheduledList', actions: [] } })],
  ['scheduled list: 40', presentOutcome({ kind: 'info', view: { kind: 'scheduledList', actions: Array.from({ length: 40 }, () => action({ ...decided, state: 'scheduled', schedule })) } })],
  ['bad time', presentParseError({ reason: 'badTime', words: 'at 25:00', problem: '25:00 is not a time of day (00:00 to 23:59)' })],
  ['schedule on a read', presentParseError({ reason: 'scheduleOnRead', usage: 'profile <name|id>' })],
];

/** Every TextBlock of a card, anywhere in it. */
function textBlocks(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(textBlocks);
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  return [...(element.type === 'TextBlock' ? [element] : []), ...Object.values(element).flatMap(textBlocks)];
}

describe.each(CARDS)('the %s card', (_name, card) => {
  it('parses with the official Adaptive Cards model without a warning', () => {
    expect(cardProblems(card)).toEqual([]);
  });

  it('wraps every TextBlock and stays under 28 KB', () => {
    expect(textBlocks(card.body).filter((block) => block.wrap !== true)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(28 * 1024);
  });
});

describe('times on these cards', () => {
  it('are the DATE()/TIME() functions, so each reader sees their own zone', () => {
    const texts = textsOf(presentAction(action({ ...decided, state: 'awaitingApproval', approval, schedule }))).join('\n');
    expect(texts).toContain('Approve by {{DATE(2026-03-14T11:02:00Z, SHORT)}} {{TIME(2026-03-14T11:02:00Z)}}, or it expires and nothing runs.');
    expect(texts).toContain('Once approved, it runs {{DATE(2026-03-14T12:00:00Z, SHORT)}} {{TIME(2026-03-14T12:00:00Z)}}.');
  });

  it('say how late a scheduled change ran', () => {
    const card = presentAction(action({ ...decided, state: 'succeeded', schedule: { ...schedule, lateMinutes: 1 }, result: { headline: 'Reset', details: [] } }));
    expect(titleOf(card)).toBe('Reset by Ada Lovelace, as scheduled');
    expect(textsOf(card)).toContain('Ran as scheduled for {{DATE(2026-03-14T12:00:00Z, SHORT)}} {{TIME(2026-03-14T12:00:00Z)}}, 1 minute late (SyncOps was not running at its time).');
  });
});

describe('buttons', () => {
  it('Approve and Reject carry only the action id, and only while it waits', () => {
    const waiting = presentAction(action({ ...decided, state: 'awaitingApproval', approval }));
    expect(actionsOf(waiting)).toEqual([
      { title: 'Approve', verb: 'approve', data: { v: 1, actionId: 'a'.repeat(22) } },
      { title: 'Reject', verb: 'reject', data: { v: 1, actionId: 'a'.repeat(22) } },
    ]);
    expect(actionsOf(presentAction(action({ ...decided, state: 'rejected', approval })))).toEqual([]);
  });

  it('each scheduled change has its own Cancel', () => {
    const list = presentOutcome({ kind: 'info', view: { kind: 'scheduledList', actions: [action({ id: 'b'.repeat(22), state: 'scheduled', schedule }), action({ state: 'awaitingApproval', approval, schedule })] } });
    expect(actionsOf(list).map((a) => a.data)).toEqual([{ v: 1, actionId: 'b'.repeat(22) }, { v: 1, actionId: 'a'.repeat(22) }]);
  });
});
