/**
 * kill -9 of a real bot process while a confirmed change is in flight at Graph: the restarted bot ends
 * that run as "outcome unknown" (never sending it again), frees the profile, and polls at once.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../bot/emulator';
import { mintDemoAppToken } from '../../bot/emulator/tokens';
import { cardAction, message } from '../support/activities';
import { actionsOf, invokeCard, onlyCard, titleOf } from '../support/cards';
import { buildChildBot, ChildBot, removeChildBuild } from '../support/childBot';
import { emulatorRequests, injectFault } from '../support/emulatorControl';
import { FakeConnector } from '../support/fakeConnector';
import { FileStore } from '../../bot/store';
import { auditOf, clickCard, factOf, freshConversation, propose } from '../support/sdsHelpers';
import { TestBot } from '../support/testBot';

let build: string;
let emulator: RunningEmulator;
let bot: TestBot | undefined;
const childConnector = new FakeConnector();
const where = freshConversation('groupChat');

beforeAll(async () => {
  build = buildChildBot();
  emulator = await startEmulator();
  await childConnector.start();
});
afterAll(async () => {
  await bot?.stop();
  await childConnector.close();
  await emulator.close();
  removeChildBuild(build);
});

const pauses = async (on: TestBot) => (await emulatorRequests(on)).filter((r) => r.method === 'POST' && r.path.endsWith('/pause'));

it('a change running when its process is killed is ended as "outcome unknown" on the next click, once, and the object is free again', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'syncops-kill-'));
  const env = { PORT: '0', DATA_DIR: dataDir, GRAPH_BASE_URL: emulator.baseUrl, GRAPH_ACCESS_TOKEN: mintDemoAppToken(), GRAPH_RETRY_DEADLINE_MS: '0' };
  const child = await ChildBot.start(build, env, emulator.caCert);

  // Propose and confirm in the child; Graph never answers the pause.
  const proposal = message(childConnector.url, 'pause profile Contoso High School CSV', where);
  expect((await child.post(proposal)).status).toBe(200);
  const card = onlyCard(childConnector.calls.filter((c) => c.activityId === proposal.id));
  const confirm = actionsOf(card).find((a) => a.title === 'Confirm')!;
  const cancel = actionsOf(card).find((a) => a.title === 'Cancel')!;
  bot = new TestBot(env, { emulator, graphCaCert: emulator.caCert });
  const control = bot; // the emulator's control API, before the restarted bot starts
  await injectFault(control, { method: 'POST', path: '/pause$', hang: true, count: 1 });
  const running = await child.post(cardAction(childConnector.url, confirm.verb, confirm.data, 'msg-card-1', where));
  expect(titleOf(invokeCard(running.body))).toMatch(/^Running… pause /);
  expect((await pauses(control)).map((r) => r.status)).toEqual([0]); // reached Graph, no answer yet

  await child.kill9();
  await bot.start();

  // A click on the old card ends the run: read back, audited, card updated; nothing sent again.
  const ended = await clickCard(bot, cancel, where, 'msg-card-1');
  expect(titleOf(ended)).toBe('Outcome unknown');
  expect(factOf(ended, 'State now')).toBeDefined();
  expect((await pauses(bot))).toHaveLength(1);
  expect(bot.connector.calls.filter((c) => c.kind === 'update' && c.activityId === 'msg-card-1')).toHaveLength(1);
  const trail = (await auditOf(bot, where, 5)).entries.join('\n');
  expect(trail).toMatch(/outcomeUnknown/);
  // A second click is told how it ended; it recovers nothing twice.
  expect(titleOf(await clickCard(bot, confirm, where, 'msg-card-1'))).toBe('Outcome unknown');
  expect((await auditOf(bot, where, 10)).entries.filter((e) => /outcomeUnknown/.test(e))).toHaveLength(1);

  // The poller lease of the killed process is taken at once, not after 3 intervals.
  expect((await bot.poller.runCycle()).kind).toBe('polled');

  // The profile is free: a new proposal runs, once.
  const again = await propose(bot, 'pause profile Contoso High School CSV', where);
  expect(titleOf(await clickCard(bot, again.confirm, where))).toMatch(/^Paused by Ada Lovelace at /);
  expect(await pauses(bot)).toHaveLength(2);
});

it('a lock held by a process killed with kill -9 costs the next write nothing, and start-up sweeps it away', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'syncops-kill-lock-'));
  const holder = spawn(process.execPath, ['-e', `
    const { FileStore } = require(${JSON.stringify(join(build, 'bot/store'))});
    const { withFileLock } = require(${JSON.stringify(join(build, 'bot/store/fileLock'))});
    const { join } = require('node:path');
    new FileStore(join(process.argv[1], 'kv'));
    require('node:fs').mkdirSync(join(process.argv[1], 'kv', 'actions'), { recursive: true });
    withFileLock(join(process.argv[1], 'kv', 'actions', 'a1.json.lock'), () => { process.stdout.write('locked\\n'); return new Promise(() => {}); });
  `, dataDir], { env: { ...process.env, NODE_PATH: join(__dirname, '../../node_modules') } });
  await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
  const killed = new Promise((resolve) => holder.once('exit', resolve));
  holder.kill('SIGKILL');
  await killed;
  expect(existsSync(join(dataDir, 'kv', 'actions', 'a1.json.lock'))).toBe(true);

  const started = Date.now();
  await new FileStore(join(dataDir, 'kv')).write('actions/a1', { state: 'pending' });
  expect(Date.now() - started).toBeLessThan(1000); // not the 10 s stale time

  // The same leftover after another kill: a restarted bot sweeps it before serving.
  writeFileSync(join(dataDir, 'kv', 'actions', 'a2.json.lock'), `${hostname()}:${holder.pid}:0`);
  const restarted = new TestBot({ DATA_DIR: dataDir });
  await restarted.start();
  expect(existsSync(join(dataDir, 'kv', 'actions', 'a2.json.lock'))).toBe(false);
  expect(restarted.logs.entries().some((e) => e.event === 'store.swept' && e.locks === 1)).toBe(true);
  await restarted.stop();
});
