/**
 * A tenant whose Graph no longer serves SDS (Classic) (GRAPH_EMULATOR_SDS_CLASSIC=retired, from start-up): every
 * Classic command answers with one card saying so, with buttons for the new SDS, and a watched profile is told once.
 */
import { DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, titleOf } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import { cardText, factOf, freshConversation, patchState } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';
import { cardOfPost, ManualClock, pollOnce, titlesOf, useNotifyBot } from './notify.support';

const RETIRED = 'School Data Sync (Classic) was retired on 31 December 2024';
const NEW_SDS_BUTTONS = ['Recent runs', 'Latest run', 'Flows', 'Start a run…'];

describe('in a tenant where SDS (Classic) is retired from start-up', () => {
  const bot = useTestBot({ GRAPH_EMULATOR_SDS_CLASSIC: 'retired', GRAPH_RETRY_DEADLINE_MS: '0' });

  it.each(['profiles', 'profile Contoso High School CSV', 'pause profile Contoso High School CSV', 'errors profile Contoso High School CSV', 'watch profile Contoso High School CSV'])(
    '"%s" answers with the retired card and the new SDS commands',
    async (text) => {
      for (const scope of ['personal', 'channel'] as const) {
        const card = onlyCard(await bot.say(text, freshConversation(scope)));
        expect(titleOf(card)).toBe(RETIRED);
        expect(cardText(card)).toContain('sds runs: recent runs, errors and warnings');
        expect(factOf(card, 'HTTP status')).toBe('400');
        expect(actionsOf(card).map((a) => a.title)).toEqual(NEW_SDS_BUTTONS);
      }
      expect((await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path.includes('/synchronizationProfiles/'))).toEqual([]);
    },
  );

  it('a button of the retired card runs the new SDS command', async () => {
    const where = freshConversation('personal');
    const card = onlyCard(await bot.say('profiles', where));
    const runs = actionsOf(card).find((a) => a.title === 'Recent runs')!;
    const answer = await bot.click(runs.verb, runs.data, 'msg-retired', where);
    expect(titleOf((answer.body as { value: Record<string, unknown> }).value)).toBe('School Data Sync runs (4)');
  });

  it('keeps the Classic commands in help, marked Classic, after the new SDS', async () => {
    const text = cardText(onlyCard(await bot.say('help', freshConversation('personal'))));
    expect(text.indexOf('School Data Sync')).toBeLessThan(text.indexOf('SDS (Classic) profiles: retired by Microsoft on 31 Dec 2024'));
    expect(text).toContain('pause profile ‹name|id›');
  });
});

describe('a watched profile when SDS (Classic) is retired', () => {
  const clock = new ManualClock();
  const bot = useNotifyBot(clock);

  it('is suspended with one card, and its profile is not read again every cycle', async () => {
    const where = freshConversation('channel');
    expect(titleOf(onlyCard(await bot.say('watch profile Contoso High School CSV', where)))).toBe('Watching Contoso High School CSV here');
    await patchState(bot, { sdsRetired: true });
    const { posts } = await pollOnce(bot, clock);
    expect(titlesOf(posts)).toEqual([`Contoso High School CSV: ${RETIRED}`]);
    expect(actionsOf(cardOfPost(posts[0]!)).map((a) => a.title)).toEqual(['Watch the new SDS', 'Recent runs', 'Stop watching']);
    const readsBefore = (await emulatorRequests(bot)).length;
    for (let i = 0; i < 3; i++) expect((await pollOnce(bot, clock)).posts).toEqual([]);
    expect((await emulatorRequests(bot)).slice(readsBefore).filter((r) => r.path.includes('synchronizationProfiles'))).toEqual([]);
  });

  it('a watched app in the same conversation is still polled', async () => {
    const where = freshConversation('personal');
    expect(titleOf(onlyCard(await bot.say('watch profile Contoso High School CSV', where)))).toMatch(/^Watching/);
    expect(titleOf(onlyCard(await bot.say(`watch app ${DEMO.jobs.workday.servicePrincipalId}`, where)))).toMatch(/^Watching/);
    await patchState(bot, { sdsRetired: true });
    await pollOnce(bot, clock);
    const before = (await emulatorRequests(bot)).length;
    await pollOnce(bot, clock);
    expect((await emulatorRequests(bot)).slice(before).some((r) => r.path.includes(DEMO.jobs.workday.servicePrincipalId))).toBe(true);
  });
});
