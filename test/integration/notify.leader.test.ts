/** Two bot processes on one DATA_DIR and one Graph: the `poller` lease lets exactly one of them poll and post. */
import { DEMO } from '../../bot/emulator';
import { onlyCard, titleOf } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import { freshConversation, patchState } from '../support/sdsHelpers';
import type { TestBot } from '../support/testBot';
import { INTERVAL_SECONDS, ManualClock, startBotPair, titlesOf, type BotPair } from './notify.support';

const P = DEMO.profiles;
let pair: BotPair;
let first: TestBot;
let second: TestBot;
let clock: ManualClock;

// Each test starts its own pair of processes on a fresh DATA_DIR and emulator, so tests pass in any order.
beforeEach(async () => {
  clock = new ManualClock();
  pair = await startBotPair(clock);
  ({ first, second } = pair);
  // The chat talks to the second process, so its address (and every card) goes to the second one's connector.
  const where = freshConversation('personal');
  expect(titleOf(onlyCard(await second.say('watch profile Contoso High School CSV', where)))).toBe('Watching Contoso High School CSV here');
});
afterEach(() => pair.stop());

/** One interval passes; both processes run a cycle at the same moment. */
async function bothPoll() {
  clock.advance(INTERVAL_SECONDS * 1000);
  const before = second.connector.calls.length;
  const [a, b] = await Promise.all([first.poller.runCycle(), second.poller.runCycle()]);
  return { kinds: [a.kind, b.kind], posts: second.connector.calls.slice(before) };
}

const contosoReads = async () => (await emulatorRequests(first)).filter((r) => r.path.endsWith(`${P.contosoHighCsv}/profileStatus`)).length;

it('only one process polls Graph and posts; the other skips, cycle after cycle', async () => {
  await patchState(first, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } });
  const readsBefore = await contosoReads();
  const cycles = [await bothPoll(), await bothPoll(), await bothPoll()];
  const polled = cycles.map((c) => c.kinds.filter((k) => k === 'polled').length);
  expect(polled).toEqual([1, 1, 1]);
  expect(cycles.map((c) => c.kinds)).toEqual([cycles[0]!.kinds, cycles[0]!.kinds, cycles[0]!.kinds]); // the same leader each time
  expect(cycles.flatMap((c) => titlesOf(c.posts))).toEqual(['Contoso High School CSV: Synced → Paused']);
  expect((await contosoReads()) - readsBefore).toBe(3);
});

it('when the leader stops, the other process takes over without posting anything again', async () => {
  await patchState(first, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } });
  expect(titlesOf((await bothPoll()).posts)).toEqual(['Contoso High School CSV: Synced → Paused']); // what the conversation was told last
  const { kinds } = await bothPoll();
  const leader = kinds[0] === 'polled' ? first : second;
  const follower = leader === first ? second : first;
  await leader.poller.stop(); // what closing the process does: the lease is released

  clock.advance(INTERVAL_SECONDS * 1000);
  expect(await follower.poller.runCycle()).toMatchObject({ kind: 'polled', sent: 0 });
  await patchState(first, { profiles: { [P.contosoHighCsv]: { status: { status: 'error' } } } });
  clock.advance(INTERVAL_SECONDS * 1000);
  const before = second.connector.calls.length;
  expect(await follower.poller.runCycle()).toMatchObject({ kind: 'polled', sent: 1 });
  expect(titlesOf(second.connector.calls.slice(before))).toEqual(['Contoso High School CSV: Paused → Error']);
  expect(await leader.poller.runCycle()).toMatchObject({ kind: 'skipped', reason: 'notLeader' });
});

it('a leader that stopped renewing (hung, killed) is replaced once its lease expires, and then steps back', async () => {
  const leader = (await first.poller.runCycle()).kind === 'polled' ? first : second;
  const other = leader === first ? second : first;
  clock.advance(60 * 1000);
  expect(await other.poller.runCycle()).toMatchObject({ kind: 'skipped', reason: 'notLeader' });
  clock.advance(4 * 60 * 1000); // past the lease (3 intervals) without the leader renewing it
  expect(await other.poller.runCycle()).toMatchObject({ kind: 'polled' });
  expect(await leader.poller.runCycle()).toMatchObject({ kind: 'skipped', reason: 'notLeader' });
});
