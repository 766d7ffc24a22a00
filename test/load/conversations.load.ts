/**
 * 50 busy conversations at once for LOAD_SECONDS (default 20), one of them with a Bot Connector that
 * never answers: every other conversation gets its cards in time, every Confirm runs once, and the poll
 * cycle ends within its deadline. `npm run test:load`; the figures go to the `load:` line it prints.
 */
import { DEMO } from '../../bot/emulator/demoIds';
import { cardAction, message, type Where } from '../support/activities';
import { actionsOf, invokeCard, onlyCard, titleOf } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import { freshConversation, patchState } from '../support/sdsHelpers';
import { ManualClock, notifyBot, pollOnce } from '../integration/notify.support';

const CONVERSATIONS = 50;
const LOAD_MS = Number(process.env.LOAD_SECONDS ?? 20) * 1000;
const clock = new ManualClock();
const bot = notifyBot(clock, {}, { deadlines: { connectorMs: 500 }, now: () => new Date() });
beforeAll(() => bot.start());
afterAll(() => bot.stop());

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const figures = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) });

async function timed<T>(work: () => Promise<T>, into: number[]): Promise<T> {
  const started = performance.now();
  const value = await work();
  into.push(Math.round(performance.now() - started));
  return value;
}

it('keeps 49 conversations served while one hangs: cards in time, each Confirm once, and the poll cycle bounded', async () => {
  const rooms = Array.from({ length: CONVERSATIONS }, () => freshConversation('groupChat'));
  const [hung, ...busy] = rooms;
  bot.connector.hangNext(Number.MAX_SAFE_INTEGER, (call) => call.conversationId === hung!.conversationId);
  const proposeMs: number[] = [];
  const confirmMs: number[] = [];
  const titles: string[] = [];
  let refusals = 0;
  const started = performance.now();
  const hungAnswers: { status: number }[] = [];
  /** One conversation's admin, proposing and confirming one change after another until the time is up. */
  const admin = async (where: Where) => {
    for (let round = 0; performance.now() - started < LOAD_MS; round++) {
      // Pause, then resume, …: whichever the profile's state refuses (already paused) is a refusal card, also an answer.
      const proposal = message(bot.connector.url, `${round % 2 ? 'resume' : 'pause'} profile Contoso High School CSV`, where);
      const answer = await timed(() => bot.post(proposal), proposeMs);
      expect(answer.status).toBe(200);
      const card = onlyCard(bot.connector.calls.filter((c) => c.activityId === proposal.id));
      const confirm = actionsOf(card).find((a) => a.title === 'Confirm');
      if (!confirm) {
        refusals += 1;
        continue;
      }
      const clicked = await timed(() => bot.post(cardAction(bot.connector.url, confirm.verb, confirm.data, `msg-${proposal.id}`, where)), confirmMs);
      titles.push(titleOf(invokeCard(clicked.body)));
    }
  };
  const asker = async () => {
    while (performance.now() - started < LOAD_MS) hungAnswers.push(await bot.post(message(bot.connector.url, 'profiles', hung!)));
  };
  await Promise.all([asker(), ...busy.map(admin)]);
  const roundMs = Math.round(performance.now() - started);
  expect(hungAnswers.every((a) => a.status === 200)).toBe(true);
  expect(titles.every((t) => /^((Paused|Resumed) by|Running…|(Pause|Resume) failed|Microsoft Graph)/.test(t))).toBe(true);
  const changes = (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && /\/(pause|resume)$/.test(r.path));
  expect(changes).toHaveLength(confirmMs.length);

  // Every conversation watches the profile; it changes; one cycle tells all but the hung one.
  for (const where of rooms) await bot.post(message(bot.connector.url, 'watch profile Contoso High School CSV', where));
  await pollOnce(bot, clock);
  await patchState(bot, { profiles: { [DEMO.profiles.contosoHighCsv]: { status: { status: 'error' } } } });
  const cycleStarted = performance.now();
  const { result, posts } = await pollOnce(bot, clock);
  const cycleMs = Math.round(performance.now() - cycleStarted);
  expect(result).toMatchObject({ kind: 'polled', sent: busy.length });
  expect(new Set(posts.map((p) => p.conversationId)).size).toBe(busy.length);

  const report = { conversations: CONVERSATIONS, ranMs: roundMs, changes: confirmMs.length, refusals, changesPerSecond: Math.round((confirmMs.length / roundMs) * 10_000) / 10, proposeMs: figures(proposeMs), confirmMs: figures(confirmMs), cycleMs, hungCalls: bot.connector.hung.length };
  process.stdout.write(`load: ${JSON.stringify(report)}\n`);
  // Loose bounds (a shared 2-core machine): no answer fell back to the request deadline, and the cycle did not wait on the hung one for long.
  expect(bot.logs.entries().filter((e) => e.event === 'request.overran')).toEqual([]);
  expect(Math.max(report.proposeMs.max, report.confirmMs.max)).toBeLessThan(8000);
  expect(cycleMs).toBeLessThan(10_000);
});
