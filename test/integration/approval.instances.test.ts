/** Two bot processes on one DATA_DIR and one Graph: an approval given through either one runs the change once. */
import { DEMO } from '../../bot/emulator';
import { GRACE, type Person } from '../support/activities';
import { actionsOf, titleOf } from '../support/cards';
import { as, cardText, clickCard, freshConversation, postsOf, propose } from '../support/sdsHelpers';
import type { TestBot } from '../support/testBot';
import { ManualClock, startBotPair, type BotPair } from './notify.support';

const P = DEMO.profiles;
const LINUS: Person = { id: '29:linus', name: 'Linus Torvalds', aadObjectId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' };
let pair: BotPair;
let first: TestBot;
let second: TestBot;
const clock = new ManualClock();

beforeAll(async () => {
  pair = await startBotPair(clock, { APPROVAL_REQUIRED: 'reset-profile' });
  ({ first, second } = pair);
});
afterAll(() => pair.stop());

/** Proposed and confirmed through the first process; the Approve button of the waiting card. */
async function waitingOnFirst() {
  const where = freshConversation('groupChat');
  const { confirm } = await propose(first, 'reset profile Woodgrove Academy OneRoster', where);
  const waiting = await clickCard(first, confirm, where);
  expect(titleOf(waiting)).toBe('Waiting for approval: reset Woodgrove Academy OneRoster');
  return { where, approve: actionsOf(waiting).find((a) => a.title === 'Approve')! };
}

it('runs a change approved through the other process', async () => {
  const before = (await postsOf(first, P.woodgroveOneRoster, 'reset')).length;
  const { where, approve } = await waitingOnFirst();
  expect(titleOf(await clickCard(second, approve, as(where, GRACE)))).toMatch(/^Reset by Grace Hopper at /);
  expect(await postsOf(first, P.woodgroveOneRoster, 'reset')).toHaveLength(before + 1);
});

it('runs it once when two admins approve through both processes at the same moment', async () => {
  const before = (await postsOf(first, P.woodgroveOneRoster, 'reset')).length;
  const { where, approve } = await waitingOnFirst();
  const cards = await Promise.all([clickCard(first, approve, as(where, GRACE)), clickCard(second, approve, as(where, LINUS))]);
  expect(cards.map(titleOf).filter((title) => title.startsWith('Reset by'))).toHaveLength(1);
  expect(cards.map(cardText).join('\n')).toMatch(/Already approved by (Grace Hopper|Linus Torvalds)/);
  expect(await postsOf(first, P.woodgroveOneRoster, 'reset')).toHaveLength(before + 1);
});
