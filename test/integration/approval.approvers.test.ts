/** APPROVERS narrows who may approve; the allow-lists still apply first. */
import { DEMO } from '../../bot/emulator';
import { ADA, GRACE, type Person } from '../support/activities';
import { actionsOf, titleOf } from '../support/cards';
import { as, auditOf, cardText, clickCard, freshConversation, mutationsAt, postsOf, propose } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const LINUS: Person = { id: '29:linus', name: 'Linus Torvalds', aadObjectId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' };
const OUTSIDER: Person = { id: '29:mallory', name: 'Mallory', aadObjectId: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d' };
const bot = useTestBot({
  APPROVAL_REQUIRED: 'reset-profile',
  APPROVERS: GRACE.aadObjectId!,
  ALLOWED_USERS: [ADA, GRACE, LINUS].map((p) => p.aadObjectId).join(','),
});

async function waitingReset() {
  const where = freshConversation('channel');
  const { confirm } = await propose(bot, 'reset profile Woodgrove Academy OneRoster', where);
  const card = await clickCard(bot, confirm, where);
  const approve = actionsOf(card).find((a) => a.title === 'Approve')!;
  return { where, approve };
}

it('refuses an admin the allow-list lets act but APPROVERS does not name, and runs nothing', async () => {
  const { where, approve } = await waitingReset();
  const card = await clickCard(bot, approve, as(where, LINUS));
  expect(cardText(card)).toContain('You cannot approve this: you are not on the list of people who may approve changes (APPROVERS). Nothing ran.');
  expect(await mutationsAt(bot)).toEqual([]);
  expect((await auditOf(bot, where)).entries[0]).toMatch(/^refused · resetProfile · .*by Linus Torvalds.*approve: notApprover/);
});

it('refuses someone outside ALLOWED_USERS before any approval check', async () => {
  const { where, approve } = await waitingReset();
  const card = await clickCard(bot, approve, as(where, OUTSIDER));
  expect(titleOf(card)).toBe('You cannot change synchronization from here');
  expect(await mutationsAt(bot)).toEqual([]);
});

it('lets an approver on APPROVERS approve', async () => {
  const { where, approve } = await waitingReset();
  expect(titleOf(await clickCard(bot, approve, as(where, GRACE)))).toMatch(/^Reset by Grace Hopper at /);
  expect(await postsOf(bot, P.woodgroveOneRoster, 'reset')).toEqual([expect.objectContaining({ user: GRACE.aadObjectId })]);
});
