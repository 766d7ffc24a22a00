import { DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, titleOf, type Card } from '../support/cards';
import { confirmWithInputs, J, jobPatch, openUrlsOf } from '../support/jobHelpers';
import { cardText, clickCard, factOf, freshConversation, patchState, propose, TestClock } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const SP = DEMO.servicePrincipals;
const clock = new TestClock();
const bot = useTestBot({}, { now: clock.now }, () => clock.reset());

/** The style of the card's header container: what colour band Teams draws. */
const headerStyle = (card: Card) => ((card.body as { type: string; style?: string }[])[0]!).style;
const buttons = (card: Card) => actionsOf(card).map((a) => [a.title, (a.data as { cmd?: string }).cmd]);
const SDS_PORTAL = { title: 'SDS portal', url: 'https://sds.microsoft.com' };

describe.each(['personal', 'channel'] as const)('cards in a %s conversation', (scope) => {
  it('a profile that synced but has errors waiting is not shown healthy', async () => {
    const card = onlyCard(await bot.say(`profile ${P.contosoHighCsv}`, freshConversation(scope)));
    expect(factOf(card, 'Errors')).toBe('3');
    expect(headerStyle(card)).toBe('warning');
    expect(headerStyle(onlyCard(await bot.say(`profile ${P.fabrikamMiddleCsv}`, freshConversation(scope))))).toBe('good');
  });

  it('a job with escrowed objects is not shown healthy; one with a clean last run is', async () => {
    expect(headerStyle(onlyCard(await bot.say(`job ${J.serviceNow.jobId} for ${SP.serviceNow}`, freshConversation(scope))))).toBe('warning');
    expect(headerStyle(onlyCard(await bot.say(`job ${J.cloudSyncContoso.jobId} for ${SP.contosoCloudSync}`, freshConversation(scope))))).toBe('good');
  });

  it('a profile card leads back to the list and to the SDS portal', async () => {
    const card = onlyCard(await bot.say(`profile ${P.contosoHighCsv}`, freshConversation(scope)));
    expect(buttons(card)).toContainEqual(['All profiles', 'profiles']);
    expect(openUrlsOf(card)).toEqual([SDS_PORTAL]);
  });

  it('says when the next attempt of a quarantined job is, and how far away', async () => {
    const nextAttempt = new Date(clock.now().getTime() + 11 * 3600_000).toISOString().replace('.000', '');
    await patchState(bot, jobPatch(J.fabrikamScim, { status: { quarantine: { reason: 'EncounteredQuarantineException', nextAttempt } } }));
    const card = onlyCard(await bot.say(`job ${J.fabrikamScim.jobId} for ${SP.fabrikamScim}`, freshConversation(scope)));
    expect(factOf(card, 'Next attempt')).toBe(`{{DATE(${nextAttempt}, SHORT)}} {{TIME(${nextAttempt})}} (in 11 h)`);
  });

  it('a pause proposal shows the status when asked and a positive Confirm; a reset has a red one', async () => {
    const where = freshConversation(scope);
    const pause = await propose(bot, `pause profile ${P.contosoHighCsv}`, where);
    expect(factOf(pause.card, 'Status when asked')).toBe('Synced · 3 errors');
    expect((pause.card.actions as { title: string; style?: string }[])[0]).toMatchObject({ title: 'Confirm', style: 'positive' });
    const reset = await propose(bot, `reset profile ${P.fabrikamMiddleCsv}`, where);
    expect(factOf(reset.card, 'Status when asked')).toBe('Synced');
    expect((reset.card.actions as { title: string; style?: string }[])[0]).toMatchObject({ title: 'Confirm', style: 'destructive' });
  });

  it('a restart with the default scope has a positive Confirm; with ForceDeletes a red one', async () => {
    const where = freshConversation(scope);
    const safe = await propose(bot, `restart job ${J.workday.jobId} for ${SP.workday}`, where);
    expect((safe.card.actions as { style?: string }[])[0]!.style).toBe('positive');
    const forced = await propose(bot, `restart job ${J.workday.jobId} for ${SP.workday} scope ForceDeletes`, where);
    expect((forced.card.actions as { style?: string }[])[0]!.style).toBe('destructive');
  });

  it('Restarted offers Show job', async () => {
    const where = freshConversation(scope);
    const proposal = await propose(bot, `restart job ${J.workday.jobId} for ${SP.workday}`, where);
    const card = await clickCard(bot, confirmWithInputs(proposal), where);
    expect(titleOf(card)).toMatch(/^Restarted by /);
    expect(buttons(card)).toEqual([['Show job', `job ${J.workday.jobId} for ${SP.workday}`]]);
    expect(titleOf(await clickCard(bot, actionsOf(card)[0]!, where))).toMatch(/^Workday to AD User Provisioning: /);
  });

  it('Started with warnings offers Show errors and the SDS portal; Cancelled offers the profile', async () => {
    const where = freshConversation(scope);
    const start = await propose(bot, `start profile ${P.contosoHighCsv}`, where);
    const card = await clickCard(bot, start.confirm, where);
    expect(titleOf(card)).toMatch(/^Started with \d+ warnings? by /);
    expect(buttons(card)).toEqual([['Show errors', `errors profile ${P.contosoHighCsv}`], ['Show profile', `profile ${P.contosoHighCsv}`]]);
    expect(openUrlsOf(card)).toEqual([SDS_PORTAL]);
    const pause = await propose(bot, `pause profile ${P.fabrikamMiddleCsv}`, where);
    expect(buttons(await clickCard(bot, pause.cancel, where))).toEqual([['Show profile', `profile ${P.fabrikamMiddleCsv}`]]);
  });

  it('a message longer than any command says it is too long', async () => {
    const card = onlyCard(await bot.say(`pause profile ${'x'.repeat(2100)}`, freshConversation(scope)));
    expect(titleOf(card)).toBe('That message is too long for a command');
    expect(cardText(card)).toContain(`"pause profile ${'x'.repeat(26)}…" has 2114 characters; commands are at most 2000.`);
  });
});
