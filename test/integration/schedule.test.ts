/** Scheduled changes: confirmed now, run by the poller's leader at their time, exactly once; an injected clock, no waiting. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SCHEDULES_PREFIX } from '../../bot/operations/schedule';
import { FileStore } from '../../bot/store';
import { DEMO } from '../../bot/emulator';
import { GRACE, type Where } from '../support/activities';
import { actionsOf, onlyCard, titleOf, type Card } from '../support/cards';
import {
  as, auditOf, cardOf, cardText, clickCard, freshConversation, injectGraphFault, mutationsAt, patchState, postsOf, propose, TestClock, updatesOf,
} from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';
import { J, jobPosts } from '../support/jobHelpers';
import { cardOfPost, forgetWatches } from './notify.support';

const P = DEMO.profiles;
const CONTOSO = 'Contoso High School CSV';
const clock = new TestClock();
const bot = useTestBot({ APPROVAL_REQUIRED: 'reset-profile' }, { now: clock.now }, () => clock.reset());
// The clock starts again each test, so one test's schedules would fall due in the next: each starts with none.
afterEach(async () => {
  await forgetSchedules();
  await forgetWatches(bot);
});

async function forgetSchedules(): Promise<void> {
  const store = new FileStore(join(bot.dataDir, 'kv'));
  for (const key of await store.list(SCHEDULES_PREFIX)) await store.delete(key);
}

/** `{{DATE(…)}} {{TIME(…)}}`: how a card shows a moment, for each reader in their own zone. */
const shown = (iso: string) => `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;

/** Proposes and confirms a scheduled change; returns the card everyone sees afterwards. */
async function schedule(text: string, where: Where, messageId = `msg-${randomUUID()}`): Promise<Card> {
  const { confirm } = await propose(bot, text, where);
  return clickCard(bot, confirm, where, messageId);
}

/** The poller's cycle after `minutes` have passed; returns the cards it posted (not the cards it updated). */
async function cycleAfter(minutes: number): Promise<Card[]> {
  clock.advanceMinutes(minutes);
  const before = bot.connector.calls.length;
  await bot.poller.runCycle();
  return bot.connector.calls.slice(before).filter((call) => call.kind !== 'update').map(cardOfPost);
}

function button(card: Card, title: string) {
  const found = actionsOf(card).find((a) => a.title === title);
  if (!found) throw new Error(`no ${title} on "${titleOf(card)}": ${cardText(card)}`);
  return found;
}

describe.each(['personal', 'channel'] as const)('a change scheduled in a %s conversation', (scope) => {
  it('says when it will run, runs nothing at Confirm, and runs once at its time with the result posted', async () => {
    const where = freshConversation(scope);
    const { card: proposal, confirm } = await propose(bot, `pause profile ${CONTOSO} in 30m`, where);
    expect(cardText(proposal)).toContain(`Scheduled: after Confirm it runs ${shown('2026-03-14T10:32:00Z')} ("in 30m", UTC), not now.`);
    const messageId = `msg-${randomUUID()}`;
    const scheduled = await clickCard(bot, confirm, where, messageId);
    expect(titleOf(scheduled)).toBe(`Scheduled: pause ${CONTOSO}`);
    expect(cardText(scheduled)).toContain(`Runs ${shown('2026-03-14T10:32:00Z')} ("in 30m", UTC)`);
    expect(actionsOf(scheduled).map((a) => a.title)).toEqual(['Cancel']);
    expect(await cycleAfter(29)).toEqual([]);
    expect(await mutationsAt(bot)).toEqual([]);

    const posted = await cycleAfter(1);
    expect(posted.map(titleOf)).toEqual(['Paused by Ada Lovelace, as scheduled']);
    expect(cardText(posted[0]!)).toContain(`Ran as scheduled for ${shown('2026-03-14T10:32:00Z')}.`);
    expect(await postsOf(bot, P.contosoHighCsv, 'pause')).toEqual([expect.objectContaining({ user: where.from!.aadObjectId, status: 200 })]);
    expect(bot.connector.calls.filter((call) => call.kind !== 'update').at(-1)!.conversationId).toBe(where.conversationId);
    // The "Scheduled" card, with its Cancel, now shows the result too.
    const updated = updatesOf(bot, messageId).map(cardOf);
    expect(updated.map(titleOf)).toEqual([`Scheduled: pause ${CONTOSO}`, 'Paused by Ada Lovelace, as scheduled']);
    // No stale Cancel: only the next steps of a finished pause.
    expect(actionsOf(updated[1]!).map((a) => a.title)).toEqual(['Resume', 'Show profile']);
    expect(await cycleAfter(1)).toEqual([]);
    expect(await postsOf(bot, P.contosoHighCsv, 'pause')).toHaveLength(1);
    const { entries } = await auditOf(bot, where);
    // One line for the action (proposed, confirmed to run later, started, succeeded): its latest state and who decided.
    expect(entries[0]).toMatch(/^succeeded · pauseProfile · .*proposed by Ada Lovelace .*confirmed by Ada Lovelace /);
    expect(entries.filter((e) => / · pauseProfile · /.test(e))).toHaveLength(1);
  });
});

describe('at HH:MM', () => {
  it('reads the time on the admin\'s own clock, from the activity\'s time zone', async () => {
    const where = { ...freshConversation('personal'), timeZone: 'America/New_York' };
    // 10:02 UTC is 06:02 in New York (EDT from 8 March): 07:00 there is 11:00 UTC today.
    const scheduled = await schedule(`pause profile ${CONTOSO} at 07:00`, where);
    expect(cardText(scheduled)).toContain(`Runs ${shown('2026-03-14T11:00:00Z')} ("at 07:00", America/New_York)`);
  });

  it('means tomorrow when the time has passed today', async () => {
    const where = { ...freshConversation('personal'), timeZone: 'Europe/Berlin' };
    const scheduled = await schedule(`pause profile ${CONTOSO} at 09:00`, where);
    expect(cardText(scheduled)).toContain(`Runs ${shown('2026-03-15T08:00:00Z')} ("at 09:00", Europe/Berlin)`);
  });
});

describe('after downtime', () => {
  it('runs a change scheduled before a restart, and a restart after it ran never runs it again', async () => {
    await schedule(`pause profile ${CONTOSO} in 10m`, freshConversation('personal'));
    await bot.restart();
    expect((await cycleAfter(10)).map(titleOf)).toEqual(['Paused by Ada Lovelace, as scheduled']);
    expect(await postsOf(bot, P.contosoHighCsv, 'pause')).toHaveLength(1);
    await bot.restart(); // the demo tenant restarts with the bot: its request log starts empty
    expect(await cycleAfter(1)).toEqual([]);
    expect(await postsOf(bot, P.contosoHighCsv, 'pause')).toEqual([]);
  });

  it('runs a change less than 15 minutes late, and says how late', async () => {
    await schedule(`pause profile ${CONTOSO} in 10m`, freshConversation('personal'));
    const posted = await cycleAfter(10 + 14);
    expect(posted.map(titleOf)).toEqual(['Paused by Ada Lovelace, as scheduled']);
    expect(cardText(posted[0]!)).toContain('14 minutes late (SyncOps was not running at its time)');
    expect(await postsOf(bot, P.contosoHighCsv, 'pause')).toHaveLength(1);
  });

  it('reports a change 15 minutes late or more as missed, and runs nothing', async () => {
    const where = freshConversation('personal');
    await schedule(`pause profile ${CONTOSO} in 10m`, where);
    const posted = await cycleAfter(10 + 15);
    expect(posted.map(titleOf)).toEqual([`Missed: pause ${CONTOSO} did not run`]);
    expect(cardText(posted[0]!)).toContain('found it 15 minutes late; changes more than 15 minutes late do not run');
    expect(await mutationsAt(bot)).toEqual([]);
    expect((await auditOf(bot, where)).entries[0]).toMatch(/^missed · pauseProfile · /);
    expect(await cycleAfter(1)).toEqual([]);
  });
});

it('runs a due change while the poller backs off from Graph throttling', async () => {
  const where = freshConversation('personal');
  expect(titleOf(onlyCard(await bot.say(`watch profile ${CONTOSO}`, where)))).toBe(`Watching ${CONTOSO} here`);
  await schedule(`pause job ${J.workday.jobId} for ${DEMO.servicePrincipals.workday} in 5m`, where);
  await injectGraphFault(bot, { method: 'POST', path: '/\\$batch$', status: 429, retryAfter: 3600, count: 1 });
  expect(await bot.poller.runCycle()).toMatchObject({ kind: 'failed' });
  const before = bot.connector.calls.length;
  clock.advanceMinutes(5);
  expect(await bot.poller.runCycle()).toMatchObject({ kind: 'skipped', reason: 'backingOff' });
  expect(bot.connector.calls.slice(before).filter((call) => call.kind !== 'update').map(cardOfPost).map(titleOf)).toEqual(['Paused by Ada Lovelace, as scheduled']);
  expect(await jobPosts(bot, J.workday, 'pause')).toHaveLength(1);
});

describe('the state check before running', () => {
  it('skips a pause of a profile someone already paused, and says so', async () => {
    const where = freshConversation('channel');
    await schedule(`pause profile ${CONTOSO} in 30m`, where);
    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } });
    const posted = await cycleAfter(30);
    expect(posted.map(titleOf)).toEqual([`Skipped: pause ${CONTOSO} did not run`]);
    expect(cardText(posted[0]!)).toContain('It is already paused.');
    expect(await mutationsAt(bot)).toEqual([]);
    expect((await auditOf(bot, where)).entries[0]).toMatch(/^skipped · pauseProfile · .*It is already paused/);
  });

  it('reports a Graph failure at the time as the result, without retrying blindly', async () => {
    await schedule(`pause profile ${CONTOSO} in 30m`, freshConversation('personal'));
    await injectGraphFault(bot, { method: 'POST', path: `${P.contosoHighCsv}/pause$`, status: 500, count: 5 });
    const posted = await cycleAfter(30);
    expect(posted.map(titleOf)).toEqual(['Pause failed']);
    expect(await postsOf(bot, P.contosoHighCsv, 'pause')).not.toEqual([]);
    expect(await cycleAfter(1)).toEqual([]);
  });
});

describe('scheduled, with Cancel', () => {
  it('lists this conversation\'s scheduled changes soonest first, each with Cancel', async () => {
    const where = freshConversation('groupChat');
    await schedule(`pause profile ${CONTOSO} in 2h`, where);
    await schedule('resume profile Contoso High Summer Sessions in 45m', where);
    await schedule(`pause profile ${CONTOSO} in 1h`, freshConversation('groupChat'));
    const list = onlyCard(await bot.say('scheduled', where));
    expect(titleOf(list)).toBe('Scheduled here: 2 changes');
    const text = cardText(list);
    expect(text.indexOf('Resume Contoso High Summer Sessions')).toBeLessThan(text.indexOf(`Pause ${CONTOSO}`));
    expect(actionsOf(list).map((a) => a.title)).toEqual(['Cancel', 'Cancel']);
  });

  it('lists and cancels a channel\'s scheduled changes from another thread of the same channel', async () => {
    const where = freshConversation('channel');
    await schedule(`pause profile ${CONTOSO} in 30m`, where);
    const otherThread = { ...where, conversationId: `${where.conversationId!.split(';')[0]};messageid=${Date.now()}1` };
    const list = onlyCard(await bot.say('scheduled', otherThread));
    expect(titleOf(list)).toBe('Scheduled here: 1 change');
    expect(titleOf(await clickCard(bot, button(list, 'Cancel'), otherThread))).toBe('Cancelled by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
  });

  it('does not list another channel\'s scheduled changes', async () => {
    const where = freshConversation('channel');
    await schedule(`pause profile ${CONTOSO} in 30m`, where);
    const otherChannel = { ...where, conversationId: `19:other-${randomUUID()}@thread.tacv2;messageid=1` };
    expect(titleOf(onlyCard(await bot.say('scheduled', otherChannel)))).toBe('Nothing is scheduled here');
  });

  it('says when nothing is scheduled', async () => {
    expect(titleOf(onlyCard(await bot.say('scheduled', freshConversation('personal'))))).toBe('Nothing is scheduled here');
  });

  it('cancels a scheduled change, which then never runs; a second Cancel is told who cancelled', async () => {
    const where = freshConversation('channel');
    await schedule(`pause profile ${CONTOSO} in 30m`, where);
    const cancel = button(onlyCard(await bot.say('scheduled', where)), 'Cancel');
    expect(titleOf(await clickCard(bot, cancel, as(where, GRACE)))).toBe('Cancelled by Grace Hopper at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(titleOf(onlyCard(await bot.say('scheduled', where)))).toBe('Nothing is scheduled here');
    expect(await cycleAfter(30)).toEqual([]);
    expect(await mutationsAt(bot)).toEqual([]);
    expect(cardText(await clickCard(bot, cancel, where))).toContain('Already cancelled by Grace Hopper at {{TIME(2026-03-14T10:02:00Z)}}.');
  });
});

describe('scheduled changes that need approval', () => {
  it('waits for approval now, then runs at its time as the approver, naming both people', async () => {
    const where = freshConversation('channel');
    const waiting = await schedule('reset profile Woodgrove Academy OneRoster in 2h', where);
    expect(titleOf(waiting)).toBe('Waiting for approval: reset Woodgrove Academy OneRoster');
    expect(cardText(waiting)).toContain(`Once approved, it runs ${shown('2026-03-14T12:02:00Z')}.`);
    const approved = await clickCard(bot, button(waiting, 'Approve'), as(where, GRACE));
    expect(titleOf(approved)).toBe('Scheduled: reset Woodgrove Academy OneRoster');
    expect(cardText(approved)).toContain('Confirmed by Ada Lovelace, approved by Grace Hopper');
    expect(await mutationsAt(bot)).toEqual([]);
    const posted = await cycleAfter(120);
    expect(posted.map(titleOf)).toEqual(['Reset by Grace Hopper, as scheduled']);
    expect(await postsOf(bot, P.woodgroveOneRoster, 'reset')).toEqual([expect.objectContaining({ user: GRACE.aadObjectId })]);
  });

  it('is no longer listed once its approval window closed', async () => {
    const where = freshConversation('channel');
    await schedule('reset profile Woodgrove Academy OneRoster in 3h', where);
    expect(titleOf(onlyCard(await bot.say('scheduled', where)))).toBe('Scheduled here: 1 change');
    clock.advanceMinutes(61);
    expect(titleOf(onlyCard(await bot.say('scheduled', where)))).toBe('Nothing is scheduled here');
  });

  it('expires at its time when nobody approved it, and tells the conversation', async () => {
    const where = freshConversation('groupChat');
    await schedule('reset profile Woodgrove Academy OneRoster in 30m', where);
    const posted = await cycleAfter(30);
    expect(posted.map(titleOf)).toEqual(['Expired: run the command again']);
    expect(cardText(posted[0]!)).toContain('Nobody approved it before its time, so nothing ran.');
    expect(await mutationsAt(bot)).toEqual([]);
  });
});

it('repeats a delay typed in hours as typed on the card', async () => {
  const { card } = await propose(bot, `pause profile ${CONTOSO} in 2h`, freshConversation('personal'));
  expect(cardText(card)).toContain(`Scheduled: after Confirm it runs ${shown('2026-03-14T12:02:00Z')} ("in 2h", UTC), not now.`);
});

describe('bad input', () => {
  it.each([
    ['a time that does not parse', `pause profile ${CONTOSO} at 25:00`, 'I cannot read the time "at 25:00"'],
    ['a 12-hour time', `pause profile ${CONTOSO} at 2pm`, 'I cannot read the time "at 2pm"'],
    ['a delay in days', `pause profile ${CONTOSO} in 2d`, 'I cannot read the time "in 2d"'],
    ['more than 7 days ahead', `pause profile ${CONTOSO} in 200h`, 'Cannot schedule that'],
    ['a delay of zero', `pause profile ${CONTOSO} in 0m`, 'Cannot schedule that'],
    ['a schedule on a read command', `profile ${CONTOSO} at 02:00`, 'Only changes can be scheduled'],
    ['a schedule on a validation (a write with no confirmation)', 'validate sds flow Contoso CSV at 02:00', 'Only changes can be scheduled'],
  ])('answers %s clearly and proposes nothing', async (_case, text, title) => {
    const card = onlyCard(await bot.say(text, freshConversation('personal')));
    expect(titleOf(card)).toBe(title);
    expect(actionsOf(card).filter((a) => a.title === 'Confirm')).toEqual([]);
  });

  it('refuses a Confirm that comes after the scheduled time', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, `pause profile ${CONTOSO} in 1m`, where);
    clock.advanceMinutes(2);
    const card = await clickCard(bot, confirm, where);
    expect(cardText(card)).toContain('Its scheduled time has passed, so nothing was scheduled.');
    expect(await cycleAfter(1)).toEqual([]);
    expect(await mutationsAt(bot)).toEqual([]);
    expect((await auditOf(bot, where)).entries[0]).toMatch(/^expired · pauseProfile · .*Nobody confirmed it before its time/);
  });

  it('refuses a Confirm of an expired scheduled proposal', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, `pause profile ${CONTOSO} in 2h`, where);
    clock.advanceMinutes(16);
    expect(cardText(await clickCard(bot, confirm, where))).toContain('it expired; run the command again');
    expect(await mutationsAt(bot)).toEqual([]);
  });
});
