/** A Bot Connector (or Graph) that never answers: every request still gets its answer in time, and one conversation's trouble stays its own. */
import { DEMO } from '../../bot/emulator/demoIds';
import { message } from '../support/activities';
import { invokeCard, onlyCard, titleOf } from '../support/cards';
import { emulatorRequests, injectFault, resetEmulator } from '../support/emulatorControl';
import { auditOf, freshConversation, patchState, propose } from '../support/sdsHelpers';
import { ManualClock, notifyBot, pollOnce } from './notify.support';

const CONNECTOR_MS = 300;
const REQUEST_MS = 1500;
const clock = new ManualClock();
const bot = notifyBot(clock, { GRAPH_TIMEOUT_MS: '3000' }, { deadlines: { connectorMs: CONNECTOR_MS, requestMs: REQUEST_MS } });
beforeAll(() => bot.start());
afterAll(() => bot.stop());
beforeEach(async () => {
  await resetEmulator(bot);
  bot.connector.clear();
});

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

describe('a reply that hangs', () => {
  it('does not hold the message request open: answered within the connector deadline, logged, and the next message is served', async () => {
    bot.connector.hangNext(1, (call) => call.kind === 'reply');
    const activity = message(bot.connector.url, 'help');
    const { value: answer, ms } = await timed(bot.post(activity));
    expect(answer.status).toBe(200);
    expect(ms).toBeLessThan(CONNECTOR_MS + 2000);
    expect(bot.connector.hung).toHaveLength(1);
    expect(bot.logs.entries().some((e) => e.event === 'reply.timeout' && e.activityId === activity.id)).toBe(true);
    expect(titleOf(onlyCard(await bot.say('help')))).toBe('What SyncOps can do');
  });
});

describe('a shared card update that hangs', () => {
  it('does not hold the clicker\'s answer: it comes long before the update\'s own deadline, and the change runs once, audited', async () => {
    // Its own bot, with the default 5 s connector deadline: an answer that waited for the update would take that long.
    const patient = notifyBot(clock);
    await patient.start();
    try {
      const where = freshConversation('groupChat');
      const { confirm } = await propose(patient, 'pause profile Contoso High School CSV', where);
      patient.connector.hangNext(1, (call) => call.kind === 'update');
      const { value: answer, ms } = await timed(patient.click(confirm.verb, confirm.data, 'msg-shared', where));
      expect(ms).toBeLessThan(3000);
      expect(titleOf(invokeCard(answer.body))).toMatch(/^Paused by Ada Lovelace at /);
      expect(patient.connector.hung.map((c) => c.activityId)).toEqual(['msg-shared']);
      expect(patient.logs.entries().some((e) => e.event === 'card.update.failed')).toBe(false); // still waiting on it
      expect((await emulatorRequests(patient)).filter((r) => r.method === 'POST' && r.path.endsWith('/pause'))).toHaveLength(1);
      expect((await auditOf(patient, where, 3)).entries.join('\n')).toMatch(/succeeded/);
    } finally {
      await patient.stop();
    }
  });
});

describe('a turn that waits on a hung Graph', () => {
  it('is answered at the request deadline, logged as overrun, and its reply still comes when Graph gives up', async () => {
    await injectFault(bot, { method: 'GET', path: 'synchronizationProfiles$', hang: true, count: 1 });
    const activity = message(bot.connector.url, 'profiles');
    const { value: answer, ms } = await timed(bot.post(activity));
    expect(answer.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(REQUEST_MS - 50);
    expect(ms).toBeLessThan(REQUEST_MS + 1000);
    expect(bot.logs.entries().some((e) => e.event === 'request.overran' && e.activityId === activity.id)).toBe(true);
    // The typing indicator shows meanwhile; the reply is the message that follows it.
    const reply = await bot.connector.waitFor((call) => call.activityId === activity.id && call.body.type !== 'typing', 10_000);
    expect(bot.typingFor(activity.id).length).toBeGreaterThanOrEqual(1);
    expect(titleOf(onlyCard([reply]))).toBe('Microsoft Graph did not answer in time');
  });
});

describe('notifications while one conversation\'s connector hangs', () => {
  it('reach the other conversations in the same cycle, and the hung one is retried later, not lost', async () => {
    const stuck = freshConversation('groupChat');
    const fine = freshConversation('personal');
    for (const where of [stuck, fine]) onlyCard(await bot.say('watch profile Contoso High School CSV', where));
    expect((await pollOnce(bot, clock)).posts).toEqual([]);
    await patchState(bot, { profiles: { [DEMO.profiles.contosoHighCsv]: { status: { status: 'paused' } } } });
    bot.connector.hangNext(1, (call) => call.conversationId === stuck.conversationId);
    const { value: cycle, ms } = await timed(pollOnce(bot, clock));
    expect(cycle.result).toMatchObject({ kind: 'polled', sent: 1 });
    expect(ms).toBeLessThan(CONNECTOR_MS + 2000);
    expect(cycle.posts.map((p) => p.conversationId)).toEqual([fine.conversationId]);
    expect(bot.logs.entries().some((e) => e.event === 'notify.failed' && e.code === 'Timeout')).toBe(true);
    clock.advance(10 * 60_000);
    const again = await pollOnce(bot, clock);
    expect(again.posts.map((p) => p.conversationId)).toEqual([stuck.conversationId]);
  });
});
