/** The poller leader's sweep of stored actions: stuck runs ended and shown on their cards, old records deleted, the audit kept. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TurnContext, type Activity } from 'botbuilder';
import type { StoredAction } from '../../bot/operations/storedAction';
import { FileStore } from '../../bot/store';
import { cardAction } from '../support/activities';
import { invokeCard, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests, resetEmulator } from '../support/emulatorControl';
import { auditOf, clickCard, freshConversation, propose } from '../support/sdsHelpers';
import { ManualClock, notifyBot, pollOnce } from './notify.support';

const clock = new ManualClock();
const bot = notifyBot(clock);
beforeAll(() => bot.start());
afterAll(() => bot.stop());
beforeEach(() => resetEmulator(bot));

const store = () => new FileStore(join(bot.dataDir, 'kv'));
const idOf = (data: unknown) => (data as { actionId: string }).actionId;
const fileOf = (id: string) => join(bot.dataDir, 'kv', 'actions', `${id}.json`);

/** A proposal turned into a run whose process has died, as a kill -9 leaves it, with the card it was confirmed on. */
async function stuckRun(where: ReturnType<typeof freshConversation>, messageId: string): Promise<string> {
  const { confirm } = await propose(bot, 'pause profile Contoso High School CSV', where);
  const id = idOf(confirm.data);
  const reference = TurnContext.getConversationReference(cardAction(bot.connector.url, confirm.verb, confirm.data, messageId, where) as unknown as Activity);
  const stored = (await store().read<StoredAction>(`actions/${id}`))!.value;
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  await store().write(`actions/${id}`, {
    ...stored, state: 'running', decidedBy: { name: 'Ada Lovelace' }, decidedAt: clock.now().toISOString(),
    runner: { host: hostname(), pid: dead, instance: 'before-the-crash' }, card: { reference, messageId },
  } satisfies StoredAction);
  return id;
}

it('ends a run whose process died as "outcome unknown" on the next cycle, updates its card in place, audits it, and sends nothing', async () => {
  const where = freshConversation('groupChat');
  const id = await stuckRun(where, 'msg-stuck');
  const before = (await emulatorRequests(bot)).filter((r) => r.method === 'POST').length;
  bot.connector.clear();
  expect((await pollOnce(bot, clock)).result.kind).toBe('polled');
  const update = await bot.connector.waitFor((c) => c.kind === 'update' && c.activityId === 'msg-stuck');
  expect(titleOf(onlyCard([update]))).toBe('Outcome unknown');
  expect((await store().read<StoredAction>(`actions/${id}`))!.value.state).toBe('outcomeUnknown');
  expect((await emulatorRequests(bot)).filter((r) => r.method === 'POST')).toHaveLength(before);
  expect((await auditOf(bot, where, 3)).entries.join('\n')).toMatch(/outcomeUnknown/);
  // The next cycle finds nothing more to do.
  bot.connector.clear();
  await pollOnce(bot, clock);
  expect(bot.connector.calls.filter((c) => c.kind === 'update')).toEqual([]);
});

it('leaves a run alone while its process lives and it is within the bound', async () => {
  const where = freshConversation('personal');
  const id = await stuckRun(where, 'msg-live');
  const record = (await store().read<StoredAction>(`actions/${id}`))!.value;
  await store().write(`actions/${id}`, { ...record, runner: { ...record.runner!, pid: process.ppid } });
  await pollOnce(bot, clock);
  expect((await store().read<StoredAction>(`actions/${id}`))!.value.state).toBe('running');
});

it('deletes finished and unanswered actions a day after their cards expired, audits the unanswered one as expired, and keeps newer ones', async () => {
  const where = freshConversation('personal');
  const old = await propose(bot, 'pause profile Contoso High School CSV', where);
  clock.advance(24 * 60 * 60_000 + 16 * 60_000); // past expiry (15 min) plus the day kept
  const recent = await propose(bot, 'pause profile Contoso High School CSV', where);
  await pollOnce(bot, clock);
  expect(existsSync(fileOf(idOf(old.confirm.data)))).toBe(false);
  expect(existsSync(fileOf(idOf(recent.confirm.data)))).toBe(true);
  const stale = await clickCard(bot, old.confirm, where);
  expect(textsOf(stale).join(' ')).toMatch(/no record of this action \(finished ones are kept for a day after they end\)/);
  // One audit line per action: the swept one ended expired, the newer one is still only proposed.
  const { entries } = await auditOf(bot, where, 5);
  expect(entries.filter((e) => /^expired · pauseProfile · .*proposed by Ada Lovelace/.test(e))).toHaveLength(1);
  expect(entries.filter((e) => /^proposed · pauseProfile · /.test(e))).toHaveLength(1);
});

it('keeps a change that ended late (a scheduled run) for a day after it ended, not after its card expired', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, 'pause profile Contoso High School CSV', where);
  const id = idOf(confirm.data);
  const stored = (await store().read<StoredAction>(`actions/${id}`))!.value;
  const longAgo = new Date(clock.now().getTime() - 3 * 24 * 60 * 60_000).toISOString();
  await store().write(`actions/${id}`, { ...stored, state: 'succeeded', expiresAt: longAgo, finishedAt: clock.now().toISOString() } satisfies StoredAction);
  await pollOnce(bot, clock);
  expect(existsSync(fileOf(id))).toBe(true);
  clock.advance(25 * 60 * 60_000);
  await pollOnce(bot, clock);
  expect(existsSync(fileOf(id))).toBe(false);
});

it('never takes a run for a dead one while its own process is starting it: ten clicks at once, one run, no "outcome unknown"', async () => {
  const where = freshConversation('groupChat');
  const { confirm } = await propose(bot, 'pause profile Contoso High School CSV', where);
  const before = (await emulatorRequests(bot)).filter((r) => r.method === 'POST').length;
  const answers = await Promise.all(Array.from({ length: 10 }, () => bot.click(confirm.verb, confirm.data, 'msg-race', where)));
  const titles = answers.map((a) => titleOf(invokeCard(a.body)));
  expect(titles).not.toContain('Outcome unknown');
  expect(titles.every((t) => /^(Paused by Ada Lovelace|Running… pause)/.test(t))).toBe(true);
  expect((await emulatorRequests(bot)).filter((r) => r.method === 'POST')).toHaveLength(before + 1);
});
