/**
 * Due scheduled changes get their own check between poll cycles: with POLL_INTERVAL_SECONDS at 15 minutes a
 * change scheduled "in 1m" runs at its time, not a poll interval later (when it would be missed).
 */
import { join } from 'node:path';
import { SCHEDULES_PREFIX } from '../../bot/operations/schedule';
import { FileStore } from '../../bot/store';
import { DEMO } from '../../bot/emulator';
import { titleOf } from '../support/cards';
import { clickCard, freshConversation, postsOf, propose, TestClock } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';
import { cardOfPost } from './notify.support';

const clock = new TestClock();
const bot = useTestBot({ POLL_INTERVAL_SECONDS: '900' }, { now: clock.now }, () => clock.reset());
afterEach(async () => {
  const store = new FileStore(join(bot.dataDir, 'kv'));
  for (const key of await store.list(SCHEDULES_PREFIX)) await store.delete(key);
});
const pauses = () => postsOf(bot, DEMO.profiles.contosoHighCsv, 'pause');

/** The schedule check after `minutes`; returns the titles of the cards it posted. */
async function checkAfter(minutes: number): Promise<string[]> {
  clock.advanceMinutes(minutes);
  const before = bot.connector.calls.length;
  expect(await bot.poller.checkSchedules()).toEqual({ kind: 'scheduled' });
  return bot.connector.calls.slice(before).filter((call) => call.kind !== 'update').map((call) => titleOf(cardOfPost(call)));
}

it('runs a change at its time on the schedule check, without a poll cycle, and once', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, 'pause profile Contoso High School CSV in 1m', where);
  expect(titleOf(await clickCard(bot, confirm, where))).toBe('Scheduled: pause Contoso High School CSV');
  expect(await checkAfter(1)).toEqual(['Paused by Ada Lovelace, as scheduled']);
  expect(await pauses()).toHaveLength(1);
  expect(await checkAfter(1)).toEqual([]);
  expect(await pauses()).toHaveLength(1);
});

it('runs nothing on a check before the change is due', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, 'pause profile Contoso High School CSV in 2m', where);
  await clickCard(bot, confirm, where);
  expect(await checkAfter(1)).toEqual([]);
  expect(await pauses()).toEqual([]);
});
