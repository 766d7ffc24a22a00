/** Two bot processes on one DATA_DIR and one Graph: a due scheduled change runs once, whichever process leads. */
import { randomUUID } from 'node:crypto';
import { DEMO } from '../../bot/emulator';
import { titleOf } from '../support/cards';
import { clickCard, freshConversation, postsOf, propose } from '../support/sdsHelpers';
import type { TestBot } from '../support/testBot';
import { cardOfPost, ManualClock, startBotPair, type BotPair } from './notify.support';

const P = DEMO.profiles;
let pair: BotPair;
let first: TestBot;
let second: TestBot;
const clock = new ManualClock();

beforeAll(async () => {
  pair = await startBotPair(clock);
  ({ first, second } = pair);
});
afterAll(() => pair.stop());

/** Proposed through one process, confirmed through the other: the action lives in the shared store. */
async function scheduleAcrossProcesses(text: string) {
  const where = freshConversation('channel');
  const { confirm } = await propose(second, text, where);
  const card = await clickCard(first, confirm, where, `msg-${randomUUID()}`);
  expect(titleOf(card)).toMatch(/^Scheduled: /);
  return where;
}

/** Titles of the cards either process posted, not updated (the address is whichever connector the conversation last came through). */
function postedSince(marks: [number, number]): string[] {
  const calls = [...first.connector.calls.slice(marks[0]), ...second.connector.calls.slice(marks[1])];
  return calls.filter((call) => call.kind !== 'update').map(cardOfPost).map(titleOf);
}

const marks = (): [number, number] => [first.connector.calls.length, second.connector.calls.length];

/** Both processes run a poll cycle at the same moment. */
async function bothCycle(minutes: number) {
  clock.advance(minutes * 60_000);
  const before = marks();
  const results = await Promise.all([first.poller.runCycle(), second.poller.runCycle()]);
  return { kinds: results.map((r) => r.kind), posted: postedSince(before) };
}

it('runs a due schedule once when both processes cycle at the same moment', async () => {
  await scheduleAcrossProcesses('pause profile Contoso High School CSV in 30m');
  expect((await bothCycle(29)).posted).toEqual([]);
  const due = await bothCycle(1);
  expect(due.kinds.filter((k) => k === 'polled')).toHaveLength(1);
  expect(due.posted).toEqual(['Paused by Ada Lovelace, as scheduled']);
  expect(await postsOf(first, P.contosoHighCsv, 'pause')).toHaveLength(1);
  expect((await bothCycle(1)).posted).toEqual([]);
  expect(await postsOf(first, P.contosoHighCsv, 'pause')).toHaveLength(1);
});

it('does not run it again when the leader stops after running it and the other process takes over', async () => {
  await scheduleAcrossProcesses('resume profile Contoso High Summer Sessions in 10m');
  clock.advance(10 * 60_000);
  const before = marks();
  const leader = (await first.poller.runCycle()).kind === 'polled' ? first : second;
  if (leader === second) await second.poller.runCycle();
  const follower = leader === first ? second : first;
  expect(postedSince(before)).toEqual(['Resumed by Ada Lovelace, as scheduled']);
  await leader.poller.stop();
  clock.advance(60_000);
  expect(await follower.poller.runCycle()).toMatchObject({ kind: 'polled' });
  expect(await postsOf(first, P.contosoHighSummer, 'resume')).toHaveLength(1);
  expect(postedSince(before)).toHaveLength(1);
});
