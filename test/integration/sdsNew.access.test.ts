/** Who may change the new SDS, and stale clicks: refused with a reason, audited, and nothing reaches Graph. */
import { ADA, GRACE } from '../support/activities';
import { onlyCard, titleOf } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import { as, cardText, clickCard, freshConversation, propose, TestClock } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const clock = new TestClock();
const bot = useTestBot({ ALLOWED_USERS: ADA.aadObjectId }, { now: clock.now }, () => clock.reset());
const posts = async () => (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path.startsWith('/beta/external/'));

it.each(['start sds run', 'reset sds flow Provision users', 'validate sds flow Contoso CSV'])('refuses "%s" from someone ALLOWED_USERS does not name', async (text) => {
  const card = onlyCard(await bot.say(text, freshConversation('channel', GRACE)));
  expect(titleOf(card)).toBe('You cannot change synchronization from here');
  expect(await posts()).toEqual([]);
});

it('lets anyone read runs', async () => {
  expect(titleOf(onlyCard(await bot.say('sds runs', freshConversation('channel', GRACE))))).toBe('School Data Sync runs (4)');
});

it('refuses a Confirm by someone not allowed on an allowed admin\'s card', async () => {
  const where = freshConversation('channel');
  const { confirm } = await propose(bot, 'reset sds flow Provision users', where);
  expect(titleOf(await clickCard(bot, confirm, as(where, GRACE)))).toBe('You cannot change synchronization from here');
  expect(await posts()).toEqual([]);
});

it('refuses a Confirm after the action expired', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, 'reset sds flow Provision users', where);
  clock.advanceMinutes(16);
  const card = await clickCard(bot, confirm, where);
  expect(titleOf(card)).toBe('This button cannot be used');
  expect(cardText(card)).toContain('it expired; run the command again');
  expect(await posts()).toEqual([]);
});

it('refuses a Confirm from another conversation', async () => {
  const { confirm } = await propose(bot, 'reset sds flow Provision users', freshConversation('personal'));
  expect(cardText(await clickCard(bot, confirm, freshConversation('personal')))).toContain('the action belongs to another conversation');
  expect(await posts()).toEqual([]);
});
