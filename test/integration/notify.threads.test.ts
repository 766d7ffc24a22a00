/** Where cards go and how many: one thread per object in a channel, flapping summarized, nothing re-posted after a restart. */
import { DEMO } from '../../bot/emulator';
import { freshConversation, patchState } from '../support/sdsHelpers';
import { jobKey, ManualClock, pollOnce, titlesOf, useNotifyBot, watchFrom } from './notify.support';

const P = DEMO.profiles;
const J = DEMO.jobs;
const clock = new ManualClock();
const bot = useNotifyBot(clock);

const watch = (text: string, where: ReturnType<typeof freshConversation>) => watchFrom(bot, where, text);

describe('in a channel', () => {
  it('starts one thread per watched object with the first card, and replies in it after', async () => {
    const where = freshConversation('channel');
    await watch('watch profile Contoso High School CSV', where);
    await watch('watch app Workday to AD User Provisioning', where);

    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } });
    const first = (await pollOnce(bot, clock)).posts;
    expect(first.map((p) => p.kind)).toEqual(['createConversation']);
    expect(first[0]!.body.channelData).toMatchObject({ channel: { id: '19:general@thread.tacv2' } });
    expect(titlesOf(first)).toEqual(['Contoso High School CSV: Synced → Paused']);

    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'inProgress' } } } });
    const second = (await pollOnce(bot, clock)).posts;
    expect(second.map((p) => p.kind)).toEqual(['reply']);
    expect(second[0]!.conversationId).toMatch(/^19:general@thread\.tacv2;messageid=msg-\d+$/);
    const threadOfProfile = second[0]!.conversationId;

    await patchState(bot, { jobs: { [jobKey(J.workday)]: { status: { code: 'Paused' }, schedule: { state: 'Paused' } } } });
    const third = (await pollOnce(bot, clock)).posts;
    expect(third.map((p) => p.kind)).toEqual(['createConversation']);
    expect(titlesOf(third)).toEqual(['Workday to AD User Provisioning: Workday.1a2b Active → Paused']);

    await patchState(bot, { jobs: { [jobKey(J.workday)]: { status: { code: 'Active' }, schedule: { state: 'Active' } } } });
    const fourth = (await pollOnce(bot, clock)).posts;
    expect(fourth.map((p) => p.kind)).toEqual(['reply']);
    expect(fourth[0]!.conversationId).toMatch(/^19:general@thread\.tacv2;messageid=msg-\d+$/);
    expect(fourth[0]!.conversationId).not.toBe(threadOfProfile);
  });
});

describe('a flapping object', () => {
  it('posts its first two changes, then one "keeps changing" card, then one summary when it settles', async () => {
    const where = freshConversation('personal');
    await watch('watch app Workday to AD User Provisioning', where);
    const code = (value: string) => patchState(bot, { jobs: { [jobKey(J.workday)]: { status: { code: value } } } });
    const titles: string[][] = [];
    for (const value of ['Paused', 'Active', 'Paused', 'Active', 'Paused', 'Active']) {
      await code(value);
      titles.push(titlesOf((await pollOnce(bot, clock)).posts));
    }
    expect(titles).toEqual([
      ['Workday to AD User Provisioning: Workday.1a2b Active → Paused'],
      ['Workday to AD User Provisioning: Workday.1a2b Paused → Active'],
      ['Workday to AD User Provisioning keeps changing'],
      [], [], [],
    ]);
    const quiet = [];
    for (let i = 0; i < 3; i++) quiet.push(titlesOf((await pollOnce(bot, clock)).posts));
    expect(quiet).toEqual([[], [], ['Workday to AD User Provisioning settled: Workday.1a2b Active']]);
  });
});

describe('a restart between cycles', () => {
  it('keeps the watches, posts nothing again, and posts a later change once', async () => {
    const where = freshConversation('channel');
    await watch('watch profile Contoso High School CSV', where);
    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } });
    expect((await pollOnce(bot, clock)).posts).toHaveLength(1);

    await bot.restart();
    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } }); // the new process has a new emulator
    expect((await pollOnce(bot, clock)).posts).toEqual([]);
    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'error' } } } });
    const { posts } = await pollOnce(bot, clock);
    expect(titlesOf(posts)).toEqual(['Contoso High School CSV: Paused → Error']);
    expect(posts[0]!.kind).toBe('reply'); // in the thread the first process started
  });
});
