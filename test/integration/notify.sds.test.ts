/** `watch sds`: one card when a run ends failed, with errors or warnings, or an inbound flow fails, expires or nears expiry. */
import { SDS_DEMO } from '../../bot/emulator';
import { onlyCard, textsOf, titleOf } from '../support/cards';
import { injectFault } from '../support/emulatorControl';
import { patchIndustryData, startRunElsewhere } from '../support/industryDataHelpers';
import { cardText, freshConversation } from '../support/sdsHelpers';
import { buttonsOf, cardOfPost, ManualClock, pollOnce, textOfPost, titlesOf, useNotifyBot } from './notify.support';

const clock = new ManualClock();
const bot = useNotifyBot(clock);
const CSV = SDS_DEMO.inboundFlows.csv;

async function watchSds(scope: 'personal' | 'channel' = 'personal') {
  const where = freshConversation(scope);
  const card = onlyCard(await bot.say('watch sds', where));
  expect(titleOf(card)).toBe('Watching School Data Sync here');
  return { where, card };
}

describe.each(['personal', 'channel'] as const)('in a %s conversation', (scope) => {
  it('watch sds confirms with what it watches and the state it starts from', async () => {
    const { card } = await watchSds(scope);
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      'SyncOps posts here when a run ends failed, with errors or with warnings, or an inbound flow fails, expires or is within 14 days of expiring.',
      'Watched: School Data Sync runs and flows', 'Now: latest run completed (0 errors, 0 warnings); 2 inbound flows',
    ]));
  });

  it('posts once when a run ends with errors, with the counts and a button to the run', async () => {
    await watchSds(scope);
    await patchIndustryData(bot, { nextRun: { status: 'completedWithErrors', afterMs: 0, errors: 40, warnings: 3 } });
    expect(await startRunElsewhere(bot)).toBe(202);
    const { posts } = await pollOnce(bot, clock);
    expect(titlesOf(posts)).toEqual(['School Data Sync: run completed with errors']);
    expect(textOfPost(posts[0]!)).toContain('The latest run completed with errors: 40 errors, 3 warnings.');
    expect(buttonsOf(cardOfPost(posts[0]!))).toEqual(expect.arrayContaining([expect.stringMatching(/^Show the run → sds run [0-9a-f-]{36}$/), 'Stop watching → unwatch sds']));
    expect((await pollOnce(bot, clock)).posts).toEqual([]);
  });
});

it('says the blocking error of a failed run', async () => {
  await watchSds();
  await patchIndustryData(bot, { nextRun: { status: 'failed', afterMs: 0, blockingError: { code: 'RequiredFileNotFound', message: 'orgs.csv is missing.', target: 'orgs.csv', details: [] } } });
  await startRunElsewhere(bot);
  const { posts } = await pollOnce(bot, clock);
  expect(titlesOf(posts)).toEqual(['School Data Sync: run failed']);
  expect(textOfPost(posts[0]!)).toContain('Blocking error: RequiredFileNotFound: orgs.csv is missing.');
});

it('says nothing when a run completes cleanly', async () => {
  await watchSds();
  await patchIndustryData(bot, { nextRun: { status: 'completed', afterMs: 0 } });
  await startRunElsewhere(bot);
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
});

it('posts when an inbound flow fails, and when one enters its last 14 days', async () => {
  await watchSds();
  await patchIndustryData(bot, { inboundFlows: { [CSV]: { readinessStatus: 'failed' } } });
  expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['School Data Sync: Contoso CSV 2025-26: Failed']);
  const soon = new Date(clock.now().getTime() + 5 * 86_400_000).toISOString();
  await patchIndustryData(bot, { inboundFlows: { [SDS_DEMO.inboundFlows.oneRoster]: { expirationDateTime: soon } } });
  const { posts } = await pollOnce(bot, clock);
  expect(titlesOf(posts)).toEqual(['School Data Sync: Fabrikam OneRoster 2025-26 expires soon']);
  expect(textOfPost(posts[0]!)).toContain('extend its dates in the SDS portal');
});

it('a failed read of the runs is no change and posts nothing', async () => {
  await watchSds();
  await injectFault(bot, { method: 'GET', path: '/external/industryData/runs$', status: 500, count: 1 });
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
});

it('unwatch sds stops it; a second unwatch says nothing is watched', async () => {
  const { where } = await watchSds();
  expect(titleOf(onlyCard(await bot.say('unwatch sds', where)))).toBe('Stopped watching School Data Sync here');
  const again = onlyCard(await bot.say('unwatch sds', where));
  expect(titleOf(again)).toBe('School Data Sync is not watched here');
  expect(cardText(again)).toContain('watch sds');
});
