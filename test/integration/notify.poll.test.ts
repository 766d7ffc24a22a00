import { DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, titleOf } from '../support/cards';
import { injectFault } from '../support/emulatorControl';
import { cardText, clickCard, freshConversation, mutationsAt, patchState } from '../support/sdsHelpers';
import { buttonsOf, cardOfPost, jobKey, ManualClock, pollOnce, textOfPost, titlesOf, useNotifyBot, watchFrom } from './notify.support';

const P = DEMO.profiles;
const J = DEMO.jobs;
const SP = DEMO.servicePrincipals;
const clock = new ManualClock();
const bot = useNotifyBot(clock);

const watch = (text: string, where: ReturnType<typeof freshConversation>) => watchFrom(bot, where, text);

describe('a watched profile in a personal chat', () => {
  it('posts one card when its status changes, and nothing in cycles without a change', async () => {
    const where = freshConversation('personal');
    await watch('watch profile Contoso High School CSV', where);
    expect((await pollOnce(bot, clock)).posts).toEqual([]);

    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } });
    const { posts } = await pollOnce(bot, clock);
    expect(posts.map((p) => [p.kind, p.conversationId])).toEqual([['reply', where.conversationId]]);
    const card = cardOfPost(posts[0]!);
    expect(titleOf(card)).toBe('Contoso High School CSV: Synced → Paused');
    expect(cardText(card)).toContain('Status: Synced → Paused');
    expect(buttonsOf(card)).toEqual([
      `Resume → resume profile ${P.contosoHighCsv}`, `Show profile → profile ${P.contosoHighCsv}`, `Stop watching → unwatch profile ${P.contosoHighCsv}`,
    ]);

    expect((await pollOnce(bot, clock)).posts).toEqual([]);
  });

  it('puts several changes seen in one cycle on one card, with the newest errors', async () => {
    const where = freshConversation('personal');
    await watch('watch profile Contoso High School CSV', where);
    const errors = [1, 2, 3, 4, 5].map((n) => ({ reportableIdentifier: `student${n}`, errorMessage: `Problem ${n}`, recordedDateTime: `2026-03-14T09:0${n}:00Z` }));
    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'error' }, errors } } });

    const { posts } = await pollOnce(bot, clock);
    expect(titlesOf(posts)).toEqual(['Contoso High School CSV: 2 changes']);
    const text = textOfPost(posts[0]!);
    expect(text).toContain('Status: Synced → Error');
    expect(text).toContain('Errors: 3 → 5');
    expect(text).toContain('Newest 3 errors');
    // Newest first: student5, student4, student3; older ones are not listed.
    expect(text.indexOf('student5')).toBeLessThan(text.indexOf('student4'));
    expect(text.indexOf('student4')).toBeLessThan(text.indexOf('student3'));
    expect(text).not.toContain('student2');
    expect(buttonsOf(cardOfPost(posts[0]!))[0]).toBe(`Show errors → errors profile ${P.contosoHighCsv}`);
  });

  it("a Resume button proposes, like the typed command: nothing runs until Confirm", async () => {
    const where = freshConversation('personal');
    await watch('watch profile Contoso High School CSV', where);
    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } });
    const card = cardOfPost((await pollOnce(bot, clock)).posts[0]!);
    const resume = actionsOf(card).find((a) => a.title === 'Resume')!;

    const answer = await clickCard(bot, resume, where);
    expect(titleOf(answer)).toBe('Resume Contoso High School CSV?');
    expect(actionsOf(answer).map((a) => a.title)).toEqual(expect.arrayContaining(['Confirm', 'Cancel']));
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('posts that a profile is gone only after Graph answers 404 twice, and then ends the watch', async () => {
    const where = freshConversation('personal');
    await watch('watch profile Contoso High School CSV', where);
    const gone = { method: 'GET', path: `/synchronizationProfiles/${P.contosoHighCsv}/profileStatus$`, status: 404, count: 1 };
    await injectFault(bot, gone);
    expect((await pollOnce(bot, clock)).posts).toEqual([]);
    // Found again: the single 404 was not a deletion.
    expect((await pollOnce(bot, clock)).posts).toEqual([]);

    await injectFault(bot, { ...gone, count: 2 });
    expect((await pollOnce(bot, clock)).posts).toEqual([]);
    const { posts } = await pollOnce(bot, clock);
    expect(titlesOf(posts)).toEqual(['Contoso High School CSV no longer exists']);
    expect(titleOf(onlyCard(await bot.say('watching', where)))).toBe('Nothing is watched here');
  });
});

describe('a watched app', () => {
  it('says a job entered quarantine: the reason in words, the next attempt, Start and Restart', async () => {
    const where = freshConversation('groupChat');
    await watch('watch app Workday to AD User Provisioning', where);
    const quarantine = { reason: 'TooManyDeletes', nextAttempt: '2026-03-14T22:00:00Z', error: { code: 'TooManyDeletes', message: 'Would delete 812 objects.', tenantActionable: true } };
    await patchState(bot, { jobs: { [jobKey(J.workday)]: { status: { quarantine } } } });

    const { posts } = await pollOnce(bot, clock);
    expect(posts.map((p) => [p.kind, p.conversationId])).toEqual([['reply', where.conversationId]]);
    const card = cardOfPost(posts[0]!);
    expect(titleOf(card)).toBe('Workday to AD User Provisioning: Workday.1a2b entered quarantine');
    const text = cardText(card);
    expect(text).toContain('Job Workday.1a2b entered quarantine (TooManyDeletes): Accidental-deletion prevention stopped the job');
    expect(text).toContain('Next attempt: {{DATE(2026-03-14T22:00:00Z, SHORT)}} {{TIME(2026-03-14T22:00:00Z)}}');
    expect(text).toContain('Error: TooManyDeletes: Would delete 812 objects.');
    const at = `${J.workday.jobId} for ${SP.workday}`;
    expect(buttonsOf(card)).toEqual([`Start → start job ${at}`, `Restart… → restart job ${at}`, `Provisioning logs → logs job ${at}`, `Show job → job ${at}`, `Stop watching → unwatch app ${SP.workday}`]);

    const start = await clickCard(bot, actionsOf(card).find((a) => a.title === 'Start')!, where);
    expect(titleOf(start)).toMatch(/^Start /);
    expect(actionsOf(start).map((a) => a.title)).toContain('Confirm');
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('says a job left quarantine', async () => {
    const where = freshConversation('personal');
    await watch('watch app Fabrikam SCIM Gateway', where);
    await patchState(bot, { jobs: { [jobKey(J.fabrikamScim)]: { status: { quarantine: null } } } });
    const { posts } = await pollOnce(bot, clock);
    expect(titlesOf(posts)).toEqual(['Fabrikam SCIM Gateway: scim.3b1c left quarantine']);
    expect(textOfPost(posts[0]!)).toContain('Job scim.3b1c left quarantine (EncounteredQuarantineException); now Active');
  });

  it("says a job's last run failed, once per run", async () => {
    const where = freshConversation('personal');
    await watch('watch app Workday to AD User Provisioning', where);
    const failed = { activityIdentifier: 'run-2', state: 'Failed', timeBegan: '2026-03-14T10:00:00Z', timeEnded: '2026-03-14T10:01:00Z', countEscrowed: 0, error: { code: 'HRSourceUnavailable', message: 'Workday did not answer.' } };
    await patchState(bot, { jobs: { [jobKey(J.workday)]: { status: { lastExecution: failed } } } });
    const { posts } = await pollOnce(bot, clock);
    expect(titlesOf(posts)).toEqual(['Workday to AD User Provisioning: Workday.1a2b run failed']);
    expect(textOfPost(posts[0]!)).toContain('Job Workday.1a2b: the run that ended {{DATE(2026-03-14T10:01:00Z, SHORT)}} {{TIME(2026-03-14T10:01:00Z)}} failed: HRSourceUnavailable: Workday did not answer.');
    expect((await pollOnce(bot, clock)).posts).toEqual([]);
  });
});

describe('only errors | quarantine', () => {
  it('only errors: a status change alone is not posted, new errors are', async () => {
    const where = freshConversation('personal');
    await watch('watch profile Contoso High School CSV only errors', where);
    await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } });
    expect((await pollOnce(bot, clock)).posts).toEqual([]);
    await patchState(bot, { profiles: { [P.contosoHighCsv]: { errors: [{}, {}, {}, {}] } } });
    expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Contoso High School CSV: 1 new error']);
  });

  it('only quarantine: a paused job is not posted, a quarantined one is', async () => {
    const where = freshConversation('personal');
    await watch('watch app Workday to AD User Provisioning only quarantine', where);
    await patchState(bot, { jobs: { [jobKey(J.workday)]: { status: { code: 'Paused' } } } });
    expect((await pollOnce(bot, clock)).posts).toEqual([]);
    await patchState(bot, { jobs: { [jobKey(J.workday)]: { status: { quarantine: { reason: 'IngestionInterrupted' } } } } });
    expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Workday to AD User Provisioning: Workday.1a2b entered quarantine']);
  });
});
