/** Sending to Teams: its rate limits, its 429 and 403 answers, and the bot being installed again. */
import { DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests, resetEmulator } from '../support/emulatorControl';
import { auditOf, freshConversation, patchState } from '../support/sdsHelpers';
import { installation, ManualClock, pollOnce, titlesOf, useNotifyBot, watchFrom } from './notify.support';

const P = DEMO.profiles;
const clock = new ManualClock();
const bot = useNotifyBot(clock, () => { clock.sleeps.length = 0; });

type Where = ReturnType<typeof freshConversation>;

const watch = (text: string, where: Where) => watchFrom(bot, where, text);

const pause = (id: string) => patchState(bot, { profiles: { [id]: { status: { status: 'paused' } } } });
const to = (where: Where) => (call: { conversationId: string }) => call.conversationId === where.conversationId;

describe('connector 429', () => {
  it('without Retry-After: that chat backs off, the others still get theirs, and its card comes once in a later cycle', async () => {
    const [throttled, other] = [freshConversation('personal'), freshConversation('personal')];
    await watch('watch profile Contoso High School CSV', throttled);
    await watch('watch profile Contoso High School CSV', other);
    await pause(P.contosoHighCsv);
    bot.connector.failNext({ status: 429, code: 'TooManyRequests', match: to(throttled) });

    const first = await pollOnce(bot, clock);
    expect(bot.connector.rejected.filter(to(throttled))).toHaveLength(1);
    expect(first.posts.map((p) => p.conversationId)).toEqual([other.conversationId]);

    const second = await pollOnce(bot, clock);
    expect(second.posts.map((p) => p.conversationId)).toEqual([throttled.conversationId]);
    expect(titlesOf(second.posts)).toEqual(['Contoso High School CSV: Synced → Paused']);
    expect((await pollOnce(bot, clock)).posts).toEqual([]);
  });

  it('with Retry-After: nothing goes to that chat until it has passed', async () => {
    const where = freshConversation('personal');
    await watch('watch profile Contoso High School CSV', where);
    await pause(P.contosoHighCsv);
    // The connector client itself retries a 429 three times after `retry-after-ms` (0: at once, so the test
    // does not wait); then it gives up, and SyncOps must honour Retry-After: 150 s.
    bot.connector.failNext({ status: 429, code: 'TooManyRequests', headers: { 'Retry-After': '150', 'retry-after-ms': '0' }, count: 4, match: to(where) });

    expect((await pollOnce(bot, clock)).posts).toEqual([]);
    expect(bot.connector.rejected).toHaveLength(4);
    expect((await pollOnce(bot, clock)).posts).toEqual([]); // +60 s
    expect((await pollOnce(bot, clock)).posts).toEqual([]); // +120 s
    expect(bot.connector.rejected).toHaveLength(4);
    expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Contoso High School CSV: Synced → Paused']); // +180 s
  });
});

describe('Teams rate limits', () => {
  // Nine profiles that are not in error yet, so setting them all to error changes each.
  const nine = [P.contosoHighCsv, P.contosoHighSummer, P.fabrikamMiddleCsv, P.northwindPowerSchool, P.tailspinCsv, P.adatumOneRoster, P.lakeshoreCsv, P.litwareArchiveCsv, P.prosewareCsv];

  it('sends at most 7 a second and 8 in 2 seconds to one chat: the 8th and 9th cards of a cycle wait', async () => {
    const where = freshConversation('personal');
    for (const id of nine) await watch(`watch profile ${id}`, where);
    await patchState(bot, { profiles: Object.fromEntries(nine.map((id) => [id, { status: { status: 'error' } }])) });

    const { posts } = await pollOnce(bot, clock);
    expect(posts).toHaveLength(9);
    expect(posts.every(to(where))).toBe(true);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('does not make cards to different chats wait for each other', async () => {
    const chats = nine.map(() => freshConversation('personal'));
    for (const [i, id] of nine.entries()) await watch(`watch profile ${id}`, chats[i]!);
    await patchState(bot, { profiles: Object.fromEntries(nine.map((id) => [id, { status: { status: 'error' } }])) });

    const { posts } = await pollOnce(bot, clock);
    expect(posts.map((p) => p.conversationId).sort()).toEqual(chats.map((c) => c.conversationId).sort());
    expect(clock.sleeps).toEqual([]);
  });
});

describe('connector 403 BotNotInConversationRoster', () => {
  async function removedFrom(where: Where) {
    await watch('watch profile Contoso High School CSV', where);
    await pause(P.contosoHighCsv);
    bot.connector.failNext({ status: 403, code: 'BotNotInConversationRoster', match: to(where) });
    expect((await pollOnce(bot, clock)).posts).toEqual([]);
    expect(bot.connector.rejected.filter(to(where))).toHaveLength(1);
  }

  it('suspends the chat\'s watches, audits it once, and neither reads Graph nor sends for it in later cycles', async () => {
    const where = freshConversation('groupChat');
    await removedFrom(where);
    const { entries } = await auditOf(bot, where);
    expect(entries[0]).toMatch(/^suspended · notify \| .* by SyncOps · Teams refused delivery \(403 BotNotInConversationRoster\); 1 watch\(es\) suspended$/);

    await resetEmulator(bot);
    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'error' } } } });
    for (let i = 0; i < 3; i++) expect((await pollOnce(bot, clock)).posts).toEqual([]);
    expect(bot.connector.rejected).toHaveLength(1);
    expect((await emulatorRequests(bot)).filter((r) => r.path.includes(P.contosoHighCsv))).toEqual([]);
    expect((await auditOf(bot, where)).entries.filter((e) => e.startsWith('suspended'))).toHaveLength(1);
  });

  it('resumes when the app is installed again: a welcome card, then the change it missed', async () => {
    const where = freshConversation('groupChat');
    await removedFrom(where);
    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'error' } } } });

    bot.connector.clear();
    expect((await installation(bot, where)).status).toBe(200);
    expect(titlesOf(bot.connector.calls)).toEqual(['SyncOps is here']);
    expect((await auditOf(bot, where)).entries[0]).toMatch(/^resumed · notify \| .*notifications suspended since .* \(403 BotNotInConversationRoster\) resume$/);

    const { posts } = await pollOnce(bot, clock);
    expect(posts.map((p) => p.conversationId)).toEqual([where.conversationId]);
    expect(titlesOf(posts)).toEqual(['Contoso High School CSV: Synced → Error']);
  });

  it('resumes when someone in the chat asks what is watched, and says notifications had stopped', async () => {
    const where = freshConversation('personal');
    await removedFrom(where);
    const card = onlyCard(await bot.say('watching', where));
    expect(textsOf(card)).toContainEqual(expect.stringMatching(/^Notifications here had stopped at .* because Teams refused them \(403 BotNotInConversationRoster\); they are back on\.$/));
    expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Contoso High School CSV: Synced → Paused']);
  });
});

describe('installing the app', () => {
  it('posts one welcome card with how to watch, in a channel', async () => {
    const where = freshConversation('channel');
    expect((await installation(bot, where)).status).toBe(200);
    const card = onlyCard(bot.connector.calls);
    expect(bot.connector.calls[0]!.conversationId).toBe(where.conversationId);
    expect(titleOf(card)).toBe('SyncOps is here');
    expect(textsOf(card)).toEqual(expect.arrayContaining([expect.stringContaining('@mention SyncOps'), 'sds runs', 'watch sds', 'watch app Workday only errors']));
    expect(actionsOf(card).map((a) => a.title)).toEqual(['SDS runs', 'What can SyncOps do?', 'What is watched here']);
  });

  it.each(['remove', 'add-upgrade'] as const)('posts nothing on %s (removed, or a new version of the app)', async (action) => {
    expect((await installation(bot, freshConversation('channel'), action)).status).toBe(200);
    expect(bot.connector.calls).toEqual([]);
  });
});
