import { randomBytes } from 'node:crypto';
import { DEMO } from '../../bot/emulator';
import { cardAction, GRACE } from '../support/activities';
import { invokeCard, titleOf } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import {
  as, auditOf, cardOf, cardText, clickCard, freshConversation, mutationsAt, postsOf, propose, TestClock, updatesOf,
} from '../support/sdsHelpers';
import { TestBot, useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const clock = new TestClock();
const bot = useTestBot({}, { now: clock.now }, () => clock.reset());

const PAUSE = 'pause profile Contoso High School CSV';
const pauses = () => postsOf(bot, P.contosoHighCsv, 'pause');

describe('a confirmation runs once', () => {
  it('answers a double click with who confirmed and when, and calls Graph once', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PAUSE, where);
    expect(titleOf(await clickCard(bot, confirm, where, 'msg-double'))).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    const second = await clickCard(bot, confirm, where, 'msg-double');
    expect(cardText(second)).toContain('Already confirmed by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}.');
    expect(await pauses()).toHaveLength(1);
    expect(updatesOf(bot, 'msg-double')).toHaveLength(1);
  });

  it('calls Graph once when the same invoke is replayed', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(bot, PAUSE, where);
    const invoke = cardAction(bot.connector.url, confirm.verb, confirm.data, 'msg-replay', where);
    const first = invokeCard((await bot.post(invoke)).body);
    const replay = invokeCard((await bot.post(invoke)).body);
    expect(titleOf(first)).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(cardText(replay)).toContain('Already confirmed by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}.');
    expect(await pauses()).toHaveLength(1);
  });

  it('tells the second person who confirmed first', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(bot, PAUSE, where);
    await clickCard(bot, confirm, where);
    const grace = await clickCard(bot, confirm, as(where, GRACE));
    expect(cardText(grace)).toContain('Already confirmed by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}.');
    expect(await pauses()).toEqual([expect.objectContaining({ user: where.from!.aadObjectId })]);
  });

  it('calls Graph once when two people click at the same moment', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(bot, PAUSE, where);
    const cards = await Promise.all([clickCard(bot, confirm, where), clickCard(bot, confirm, as(where, GRACE))]);
    const posts = await pauses();
    expect(posts).toHaveLength(1);
    const winner = posts[0]!.user === GRACE.aadObjectId ? 'Grace Hopper' : 'Ada Lovelace';
    expect(cards.map(titleOf).filter((t) => t === `Paused by ${winner} at {{TIME(2026-03-14T10:02:00Z)}}`)).toHaveLength(1);
    expect(cards.filter((c) => cardText(c).includes(`Already confirmed by ${winner} at {{TIME(2026-03-14T10:02:00Z)}}.`))).toHaveLength(1);
  });

  it('calls Graph once for 20 identical confirm invokes sent at once', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PAUSE, where);
    const cards = await Promise.all(Array.from({ length: 20 }, () => clickCard(bot, confirm, where, 'msg-20')));
    expect(await pauses()).toHaveLength(1);
    expect(cards.filter((c) => titleOf(c) === 'Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}' && !cardText(c).includes('Already'))).toHaveLength(1);
    expect(cards.filter((c) => cardText(c).includes('Already confirmed by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}.'))).toHaveLength(19);
  });
});

describe('Cancel', () => {
  it('says who cancelled, for everyone, and calls nothing', async () => {
    const where = freshConversation('channel');
    const { cancel } = await propose(bot, PAUSE, where);
    const card = await clickCard(bot, cancel, as(where, GRACE), 'msg-cancel');
    expect(titleOf(card)).toBe('Cancelled by Grace Hopper at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(cardText(card)).toContain('Pause Contoso High School CSV was not run.');
    expect(cardOf(updatesOf(bot, 'msg-cancel')[0]!)).toEqual(card);
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('makes a later Confirm run nothing and say who cancelled', async () => {
    const where = freshConversation('personal');
    const { confirm, cancel } = await propose(bot, PAUSE, where);
    await clickCard(bot, cancel, where);
    const card = await clickCard(bot, confirm, where);
    expect(cardText(card)).toContain('Already cancelled by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}.');
    expect(await mutationsAt(bot)).toEqual([]);
  });
});

describe('a click after the action expired', () => {
  it('is refused with "expired, run the command again", and calls nothing', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PAUSE, where);
    clock.advanceMinutes(16);
    const before = (await emulatorRequests(bot)).length;
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('This button cannot be used');
    expect(cardText(card)).toMatch(/expired; run the command again/);
    expect(await emulatorRequests(bot)).toHaveLength(before);
    expect((await auditOf(bot, where)).entries[0]).toMatch(/^refused · pauseProfile .*confirm: it expired/);
  });

  it('still runs 14 minutes after the proposal', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PAUSE, where);
    clock.advanceMinutes(14);
    expect(titleOf(await clickCard(bot, confirm, where))).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:16:00Z)}}');
    expect(await pauses()).toHaveLength(1);
  });
});

describe('a click that is not a valid confirmation', () => {
  type ActionData = { v: number; actionId: string };
  const unknownId = randomBytes(16).toString('base64url');

  it.each([
    ['from another conversation', (data: ActionData) => data, freshConversation('channel'), /action belongs to another conversation/],
    ['with an unknown action id', (data: ActionData) => ({ ...data, actionId: unknownId }), undefined, /no record of this action/],
    ['with a malformed action id', (data: ActionData) => ({ ...data, actionId: '../actions/x' }), undefined, /does not name a valid action/],
    ['with an id of the wrong length', (data: ActionData) => ({ ...data, actionId: `${data.actionId}AAAA` }), undefined, /does not name a valid action/],
    ['with an unknown field', (data: ActionData) => ({ ...data, cmd: 'pause profile Fabrikam Middle School CSV' }), undefined, /unexpected fields \(cmd\)/],
    ['with another data version', (data: ActionData) => ({ ...data, v: 2 }), undefined, /another version/],
  ])('refuses a click %s with the reason, audits it as refused and calls nothing', async (_case, forge, elsewhere, reason) => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PAUSE, where);
    const clickedIn = elsewhere ?? where;
    const card = await clickCard(bot, { verb: 'confirm', data: forge(confirm.data as ActionData) }, clickedIn);
    expect(titleOf(card)).toBe('This button cannot be used');
    expect(cardText(card)).toMatch(reason);
    expect(await mutationsAt(bot)).toEqual([]);
    expect((await auditOf(bot, clickedIn)).entries[0]).toMatch(new RegExp(`^refused · .*${reason.source}`));
  });

  it('leaves the real confirmation usable after a refused click from elsewhere', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PAUSE, where);
    await clickCard(bot, confirm, freshConversation('channel'));
    expect(titleOf(await clickCard(bot, confirm, where))).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(await pauses()).toHaveLength(1);
  });
});

describe('a confirmation across a restart', () => {
  const restarting = new TestBot({}, { now: clock.now });
  beforeAll(() => restarting.start());
  afterAll(() => restarting.stop());

  it('still works after the bot restarts, exactly once', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(restarting, PAUSE, where);
    await restarting.restart();
    expect(titleOf(await clickCard(restarting, confirm, where))).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(cardText(await clickCard(restarting, confirm, where))).toContain('Already confirmed by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}.');
    expect(await postsOf(restarting, P.contosoHighCsv, 'pause')).toHaveLength(1);
  });
});
