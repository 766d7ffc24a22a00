/**
 * 500 watched provisioning jobs, the worst case for batching: 500 apps of one job each. The emulator answers
 * each app's jobs from an injected fault body (the demo tenant has only a few apps), so every read is a real
 * Graph call through the real client and $batch, counted in the emulator's request log. The watches are put
 * straight into the notification store, an in-memory one: 1,000 fsync'd file writes would only slow the test.
 */
import { DEMO } from '../../bot/emulator';
import type { LoggedRequest } from '../../bot/emulator';
import { appSnapshot } from '../../bot/notify/snapshot';
import { WatchBook } from '../../bot/notify/watchBook';
import type { Job } from '../../bot/graph/types';
import { MemoryStore } from '../../bot/store';
import { onlyCard, titleOf } from '../support/cards';
import { emulatorRequests, resetEmulator } from '../support/emulatorControl';
import { freshConversation, injectGraphFault } from '../support/sdsHelpers';
import { ManualClock, notifyBot, pollOnce, titlesOf } from './notify.support';

const APPS = 500;
const CHATS = 50;
const clock = new ManualClock();
const store = new MemoryStore();
const book = new WatchBook(store);
const bot = notifyBot(clock, {}, { notify: { wrapStore: () => store } });
const appId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const job = (code: string, quarantine?: object) => ({
  id: 'scim.0a1b2c3d4e5f40718293a4b5c6d7e8f9', templateId: 'scim', schedule: { interval: 'PT40M', state: 'Active' },
  status: { code, quarantine: quarantine ?? null, lastExecution: null },
}) as unknown as Job;
const chats = Array.from({ length: CHATS }, () => freshConversation('personal'));

/** Watches apps from a chat whose address the bot recorded when it heard from it. */
async function watchApps(where: (typeof chats)[number], apps: { id: string; name: string }[], baseline: Job[]) {
  const { address } = (await book.read(where.conversationId!))!;
  for (const app of apps) {
    const watch = { target: { kind: 'app' as const, ...app }, only: 'all' as const, since: clock.now().toISOString(), by: 'Ada Lovelace' };
    await book.watch(where.conversationId!, address!, watch, appSnapshot(baseline));
  }
}

beforeAll(async () => {
  await bot.start();
  for (const [c, where] of chats.entries()) {
    expect(titleOf(onlyCard(await bot.say('help', where)))).toBe('What SyncOps can do');
    const apps = Array.from({ length: APPS / CHATS }, (_, i) => c + i * CHATS).map((n) => ({ id: appId(n), name: `App ${n}` }));
    await watchApps(where, apps, [job('Active')]);
  }
});
afterAll(() => bot.stop());

// Every test starts from the same baseline, in any order: the extra Workday watches go, and one cycle with
// every job Active brings each snapshot back (its cards are the restoring, not the test's).
afterEach(async () => {
  for (const where of chats) await book.unwatch(where.conversationId!, (w) => w.target.id === DEMO.servicePrincipals.workday);
  await resetEmulator(bot);
  await answerJobs();
  await pollOnce(bot, clock);
});

/** Every app's jobs: one Active job, except `changed`, whose job is now in quarantine. */
async function answerJobs(changed?: number) {
  const jobsOf = (n: string) => `^/beta/servicePrincipals/${n}/synchronization/jobs$`;
  if (changed !== undefined) await injectGraphFault(bot, { method: 'GET', path: jobsOf(appId(changed)), status: 200, count: 1, body: { value: [job('Quarantine', { reason: 'TooManyDeletes' })] } });
  await injectGraphFault(bot, { method: 'GET', path: jobsOf('00000000-0000-4000-8000-\\d{12}'), status: 200, count: APPS, body: { value: [job('Active')] } });
}

/** Requests that reached the emulator over HTTP: the $batch posts and anything not inside one. */
function httpRequests(log: LoggedRequest[]) {
  const batches = log.filter((r) => r.path === '/beta/$batch');
  const inner = batches.reduce((sum, b) => sum + (b.body as { requests: unknown[] }).requests.length, 0);
  return { batches, inner, outside: log.length - batches.length - inner };
}

it(`reads ${APPS} watched jobs in ${APPS / 20} $batch requests of 20, with the app's token, and posts nothing when nothing changed`, async () => {
  await resetEmulator(bot);
  await answerJobs();
  const { result, posts } = await pollOnce(bot, clock);
  expect(result).toMatchObject({ kind: 'polled', objects: APPS, failedReads: 0 });
  const { batches, inner, outside } = httpRequests(await emulatorRequests(bot));
  expect(batches).toHaveLength(25);
  expect(batches.every((b) => (b.body as { requests: unknown[] }).requests.length === 20)).toBe(true);
  expect(batches.every((b) => b.tokenKind === 'app')).toBe(true);
  expect(inner).toBe(APPS);
  expect(outside).toBe(0);
  expect(posts).toEqual([]);
});

it('posts exactly one card, in the chat watching the one job that changed, within the same 25 requests', async () => {
  await resetEmulator(bot);
  await answerJobs(137);
  const { posts } = await pollOnce(bot, clock);
  expect(httpRequests(await emulatorRequests(bot)).batches.length).toBeLessThanOrEqual(25);
  expect(posts.map((p) => p.conversationId)).toEqual([chats[137 % CHATS]!.conversationId]);
  expect(titlesOf(posts)).toEqual(['App 137: scim.0a1b entered quarantine']);
});

it('reads each watched object once, however many chats watch it', async () => {
  await resetEmulator(bot);
  for (const where of chats.slice(0, 5)) await watchApps(where, [{ id: DEMO.servicePrincipals.workday, name: 'Workday' }], []);
  await answerJobs();
  await pollOnce(bot, clock);
  const workdayReads = (await emulatorRequests(bot)).filter((r) => r.path === `/beta/servicePrincipals/${DEMO.servicePrincipals.workday}/synchronization/jobs`);
  expect(workdayReads).toHaveLength(1);
});
