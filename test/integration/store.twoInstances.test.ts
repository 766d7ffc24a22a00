/**
 * Two bot processes share one Azure Blob container (Azurite) and one Graph: what scale-out promises.
 * Duplicate Confirm clicks split across both run one Graph call; a watch made through either is polled and
 * posted by whichever holds the poller's blob lease; kill -9 the leader and the other takes over within a
 * lease period (plus the poll interval it waits for), losing no notification.
 * CONFIRM_CLICKS sets the clicks: 200 in `npm test` (each refused click is audited, so 1,000 take ~30 s on
 * two shared cores, a quarter of the suite's budget); `npm run test:scale` runs the full 1,000.
 */
import { mintDemoAppToken } from '../../bot/emulator/tokens';
import { DEMO } from '../../bot/emulator';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardAction, message, type Where } from '../support/activities';
import { actionsOf, invokeCard, onlyCard, titleOf, type Card } from '../support/cards';
import { blobEnv } from '../support/azureStorage';
import { BotProcess, removeTranspiled, transpileBot } from '../support/botProcess';
import { type EmulatorClient, startEmulatorClient } from '../support/emulatorClient';
import { type ConnectorCall, FakeConnector } from '../support/fakeConnector';
import { cardOfPost } from './notify.support';
import { cardText, freshConversation } from '../support/sdsHelpers';

const P = DEMO.profiles;
const CLICKS = Number(process.env.CONFIRM_CLICKS ?? 200);
const IN_FLIGHT = 40;
const POLL_SECONDS = 5;
/** Azure's shortest blob lease; the leader renews it every third of that. */
const LEASE_MS = 15_000;

jest.setTimeout(120_000);

let dir: string;
let graph: EmulatorClient;
const connector = new FakeConnector();
let bots: BotProcess[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  dir = transpileBot();
  graph = await startEmulatorClient();
  await connector.start();
  const caFile = join(dir, 'graph-ca.pem');
  writeFileSync(caFile, graph.emulator.caCert);
  env = {
    ...blobEnv(), GRAPH_BASE_URL: graph.emulator.baseUrl, GRAPH_ACCESS_TOKEN: mintDemoAppToken(), POLL_INTERVAL_SECONDS: String(POLL_SECONDS),
    LOG_LEVEL: 'info', TEST_GRAPH_CA_FILE: caFile, TEST_LEASE_TTL_MS: String(LEASE_MS),
  };
  bots = await Promise.all(['first', 'second'].map((name) => BotProcess.start(name, dir, env)));
});
// A test that killed an instance brings it back, so the tests pass in any order.
afterEach(async () => {
  bots = await Promise.all(bots.map((bot) => (bot.isAlive ? bot : BotProcess.start(bot.name, dir, env))));
});
afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.stop()));
  await connector.close();
  await graph?.close();
  removeTranspiled(dir);
});

async function post(bot: BotProcess, activity: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function say(bot: BotProcess, text: string, where: Where): Promise<Card> {
  const activity = message(connector.url, text, where);
  expect((await post(bot, activity)).status).toBe(200);
  return onlyCard(connector.calls.filter((call) => call.activityId === activity.id));
}

const pausesOfContoso = async () => (await graph.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(`/${P.contosoHighCsv}/pause`));
/** The change notifications posted anywhere (each test watches in a channel of its own: a new thread per notice). */
const notificationTitles = () => connector.calls
  .filter((call) => call.kind !== 'update').map((call) => titleOfPost(call)).filter((title) => title.startsWith('Contoso High School CSV: '));
function titleOfPost(call: ConnectorCall): string {
  try {
    return titleOf(cardOfPost(call));
  } catch {
    return ''; // a post without a card (a typing indicator, a text reply) is not a notification
  }
}
const sentBy = (bot: BotProcess) => bot.events('notify.sent').length;
const polledBy = (bot: BotProcess) => bot.events('notify.cycle').length;

async function waitUntil<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms; last log lines: ${JSON.stringify(bots.map((bot) => bot.lines.slice(-10)))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it(`runs one Graph call for ${CLICKS} duplicate Confirm clicks split across both instances`, async () => {
  const where = freshConversation('channel');
  const card = await say(bots[0]!, 'pause profile Contoso High School CSV', where);
  const confirm = actionsOf(card).find((a) => a.title === 'Confirm')!;
  expect(confirm).toBeDefined();
  const titles: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < CLICKS) {
      const i = next++;
      const answer = await post(bots[i % 2]!, cardAction(connector.url, confirm.verb, confirm.data, 'msg-confirm', where));
      expect(answer.status).toBe(200);
      titles.push(cardText(invokeCard(answer.body)));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

  expect(titles).toHaveLength(CLICKS);
  // The winning click says it ran (or "Running…" when Graph is slower than the invoke may wait); every
  // other click is told it ran already.
  expect(titles.filter((text) => !text.includes('Already confirmed by Ada Lovelace')))
    .toEqual([expect.stringMatching(/^(Paused by Ada Lovelace|Running… pause Contoso High School CSV)/)]);
  expect(await pausesOfContoso()).toHaveLength(1);
});

it('posts a change watched through one instance from the lease holder, and after kill -9 of the holder from the other within a lease period', async () => {
  const where = freshConversation('channel');
  expect(titleOf(await say(bots[1]!, 'watch profile Contoso High School CSV', where))).toBe('Watching Contoso High School CSV here');
  const leader = await waitUntil('a leader polls', () => bots.find((bot) => polledBy(bot) > 0), 4 * POLL_SECONDS * 1000);
  const follower = bots.find((bot) => bot !== leader)!;

  await graph.control('PATCH', 'state', { profiles: { [P.contosoHighCsv]: { status: { status: 'error' } } } });
  await waitUntil('the first change is posted', () => notificationTitles().length === 1, 4 * POLL_SECONDS * 1000);
  // The sender logs notify.sent once it has recorded the delivery, a moment after Teams has the card.
  await waitUntil('the leader records the send', () => sentBy(leader) === 1, 5_000);
  expect(sentBy(follower)).toBe(0);
  expect(polledBy(follower)).toBe(0);

  await leader.kill();
  const killedAt = Date.now();
  await graph.control('PATCH', 'state', { profiles: { [P.contosoHighCsv]: { status: { status: 'inProgress' } } } });
  await waitUntil('the other instance takes over', () => polledBy(follower) > 0, LEASE_MS + 2 * POLL_SECONDS * 1000);
  const tookOverMs = Date.now() - killedAt;
  await waitUntil('the second change is posted', () => notificationTitles().length === 2, 2 * POLL_SECONDS * 1000);
  await waitUntil('the new leader records the send', () => sentBy(follower) === 1, 5_000);

  // The lease runs out at most LEASE_MS after the leader's last renewal; the follower tries at its next poll tick.
  expect(tookOverMs).toBeLessThanOrEqual(LEASE_MS + POLL_SECONDS * 1000 + 3_000);
  expect(sentBy(follower)).toBe(1);
  expect(notificationTitles()).toEqual([expect.stringMatching(/^Contoso High School CSV: .* → Error$/), expect.stringMatching(/^Contoso High School CSV: Error → In progress$/)]);
  process.stdout.write(`two instances: leader ${leader.name} killed, ${follower.name} took over after ${tookOverMs} ms\n`);
});
