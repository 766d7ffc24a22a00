import { DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests, type LoggedRequest } from '../support/emulatorControl';
import { emulatedJob, J, jobPatch, openUrlsOf, shown } from '../support/jobHelpers';
import { cardText, clickCard, factOf, freshConversation, mutationsAt, patchState } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const SP = DEMO.servicePrincipals;
const bot = useTestBot();

const jobReadsOf = (requests: LoggedRequest[], spId: string) =>
  requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/beta/servicePrincipals/${spId}/synchronization/jobs`));
/** A listing of the tenant's apps: GET /servicePrincipals without a search. */
const tenantListings = (requests: LoggedRequest[]) => requests.filter((r) => r.path === '/beta/servicePrincipals' && r.query.$search === undefined);

describe.each(['personal', 'channel'] as const)('apps <name>, in a %s conversation', (scope) => {
  it('lists the matching enterprise apps and which of them have provisioning jobs', async () => {
    const card = onlyCard(await bot.say('apps work', freshConversation(scope)));
    expect(titleOf(card)).toBe('Apps matching "work" (2)');
    expect(textsOf(card).slice(1)).toEqual([
      'Workday to AD User Provisioning', `${J.workday.jobId}: Active`, `Object id ${SP.workday}`,
      'Workplace Analytics', 'No provisioning jobs.', `Object id ${SP.workplaceAnalytics}`,
    ]);
    expect(actionsOf(card)).toEqual([{ title: '1 job of Workday to AD User Provisi…', verb: 'run', data: { v: 1, cmd: `jobs ${SP.workday}` } }]);
  });

  it('searches with $search, which the emulator answers only with ConsistencyLevel: eventual', async () => {
    await bot.say('apps work', freshConversation(scope));
    const searches = (await emulatorRequests(bot)).filter((r) => r.path === '/beta/servicePrincipals');
    // The request log has no headers; a $search without ConsistencyLevel: eventual is answered 400 (reference §4.1).
    expect(searches).toEqual([expect.objectContaining({ method: 'GET', tokenKind: 'app', status: 200, query: expect.objectContaining({ $search: '"displayName:work"' }) })]);
  });

  it('says so when no app name has the words, and reads no jobs', async () => {
    const card = onlyCard(await bot.say('apps zzyzx', freshConversation(scope)));
    expect(titleOf(card)).toBe('Apps matching "zzyzx" (0)');
    expect(cardText(card)).toContain('No enterprise app has a name with these words.');
    expect((await emulatorRequests(bot)).filter((r) => r.path.includes('/synchronization/'))).toEqual([]);
  });
});

describe.each(['personal', 'channel'] as const)('jobs <app>, in a %s conversation', (scope) => {
  it('lists every job of the app with status, schedule and the last run\'s result and time', async () => {
    const card = onlyCard(await bot.say('jobs Contoso Cloud Sync', freshConversation(scope)));
    const contoso = (await emulatedJob(bot, J.cloudSyncContoso)).status.lastExecution!;
    const fabrikam = (await emulatedJob(bot, J.cloudSyncFabrikam)).status.lastExecution!;
    expect(titleOf(card)).toBe('Provisioning jobs of Contoso Cloud Sync');
    expect(textsOf(card).slice(2)).toEqual([
      `${J.cloudSyncContoso.jobId}: Active`, 'Schedule Active, every 40 minutes', `Last run Succeeded at ${shown(contoso.timeEnded)}`,
      `${J.cloudSyncFabrikam.jobId}: Quarantine (TooManyDeletes)`, 'Schedule Active, every 40 minutes', `Last run Failed at ${shown(fabrikam.timeEnded)}`,
    ]);
  });

  it('shows a paused schedule and a job that has not run yet', async () => {
    const where = freshConversation(scope);
    expect(textsOf(onlyCard(await bot.say(`jobs ${SP.salesforce}`, where)))).toContain('Schedule Paused, every 40 minutes');
    expect(textsOf(onlyCard(await bot.say('jobs SAP SuccessFactors to Azure AD', where)))).toEqual(
      expect.arrayContaining([`${J.successFactors.jobId}: NotRun`, 'Not run yet']),
    );
  });

  it('says no app has that name when none does', async () => {
    const card = onlyCard(await bot.say('jobs Nonexistent Payroll', freshConversation(scope)));
    expect(titleOf(card)).toBe('No app named "Nonexistent Payroll"');
    expect((await emulatorRequests(bot)).filter((r) => r.path.includes('/synchronization/'))).toEqual([]);
  });

  it('asks which app when the name fits several, and runs jobs <id> for the one clicked', async () => {
    const where = freshConversation(scope);
    const card = onlyCard(await bot.say('jobs Work', where));
    expect(titleOf(card)).toBe('Which app do you mean?');
    expect(actionsOf(card)).toEqual([
      { title: 'Workday to AD User Provisioning', verb: 'run', data: { v: 1, cmd: `jobs ${SP.workday}` } },
      { title: 'Workplace Analytics', verb: 'run', data: { v: 1, cmd: `jobs ${SP.workplaceAnalytics}` } },
    ]);
    const chosen = await clickCard(bot, actionsOf(card)[0]!, where);
    expect(titleOf(chosen)).toBe('Provisioning jobs of Workday to AD User Provisioning');
    expect(textsOf(chosen)).toContain(`${J.workday.jobId}: Active`);
  });
});

/** The quarantined job of reference §6.13, so every value on the card is known. */
const EXAMPLE_STATUS = {
  countSuccessiveCompleteFailures: 3,
  steadyStateLastAchievedTime: '2024-09-01T21:40:11Z',
  quarantine: {
    currentBegan: '2024-09-02T06:00:00Z', nextAttempt: '2024-09-02T18:00:00Z', reason: 'EncounteredQuarantineException',
    seriesBegan: '2024-09-01T22:20:00Z', seriesCount: 2,
    error: { code: 'ScimCredentialsRejected', message: 'The target application rejected the configured credentials.', tenantActionable: true },
  },
  lastExecution: {
    countEscrowed: 0, countExported: 0, countExports: 0, countImported: 0, state: 'Failed', timeBegan: '2024-09-02T06:00:00Z', timeEnded: '2024-09-02T06:00:09Z',
    error: { code: 'ScimCredentialsRejected', message: 'The target application rejected the configured credentials.', tenantActionable: true },
  },
  lastSuccessfulExecution: {
    countEscrowed: 0, countExported: 12, countExports: 12, countImported: 1882, state: 'Succeeded', timeBegan: '2024-09-01T21:38:02Z', timeEnded: '2024-09-01T21:40:11Z', error: null,
  },
};

describe.each(['personal', 'channel'] as const)('job <jobId> for <app>, in a %s conversation', (scope) => {
  it('shows a quarantined job: why in words, what to do, since when, next attempt, series and the error', async () => {
    await patchState(bot, jobPatch(J.fabrikamScim, { status: EXAMPLE_STATUS }));
    const card = onlyCard(await bot.say(`job ${J.fabrikamScim.jobId} for Fabrikam SCIM Gateway`, freshConversation(scope)));
    expect(titleOf(card)).toBe('Fabrikam SCIM Gateway: Quarantine (EncounteredQuarantineException)');
    expect(textsOf(card)[1]).toMatch(/^The job hit an error it cannot get past, .+ What to do: .+then start the job\.$/);
    expect(textsOf(card).slice(2)).toEqual([
      `Job: ${J.fabrikamScim.jobId}`,
      'Status: Quarantine',
      'Schedule: Active, every 40 minutes',
      'Last run: Failed, {{DATE(2024-09-02T06:00:00Z, SHORT)}} {{TIME(2024-09-02T06:00:00Z)}} → {{DATE(2024-09-02T06:00:09Z, SHORT)}} {{TIME(2024-09-02T06:00:09Z)}}; imported 0, exported 0 of 0, escrowed 0 · ScimCredentialsRejected The target application rejected the configured credentials.',
      'Last successful run: Succeeded, {{DATE(2024-09-01T21:38:02Z, SHORT)}} {{TIME(2024-09-01T21:38:02Z)}} → {{DATE(2024-09-01T21:40:11Z, SHORT)}} {{TIME(2024-09-01T21:40:11Z)}}; imported 1882, exported 12 of 12, escrowed 0',
      'Escrowed (failed, retried): 0',
      'Successive failed runs: 3',
      'Steady state last reached: {{DATE(2024-09-01T21:40:11Z, SHORT)}} {{TIME(2024-09-01T21:40:11Z)}}',
      'In quarantine since: {{DATE(2024-09-02T06:00:00Z, SHORT)}} {{TIME(2024-09-02T06:00:00Z)}}',
      'Series began: {{DATE(2024-09-01T22:20:00Z, SHORT)}} {{TIME(2024-09-01T22:20:00Z)}} (2 re-evaluations)',
      expect.stringMatching(/^Next attempt: \{\{DATE\(2024-09-02T18:00:00Z, SHORT\)\}\} \{\{TIME\(2024-09-02T18:00:00Z\)\}\} \(\d+ days ago\)$/),
      'Error: ScimCredentialsRejected: The target application rejected the configured credentials.',
    ]);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Start', 'Restart…', 'Provisioning logs', 'All jobs']);
  });

  it('explains TooManyDeletes with the ForceDeletes way out', async () => {
    const card = onlyCard(await bot.say(`job ${J.cloudSyncFabrikam.jobId} for Contoso Cloud Sync`, freshConversation(scope)));
    expect(textsOf(card)[1]).toMatch(/^Accidental-deletion prevention stopped the job.+restart with scope ForceDeletes/);
    expect(factOf(card, 'Error')).toBe('TooManyDeletes: The run would delete 812 objects, above the accidental deletion threshold of 500.');
  });

  it('shows an active job\'s entry-level errors, escrow count and steady state, without quarantine facts', async () => {
    const card = onlyCard(await bot.say(`job ${J.serviceNow.jobId} for ServiceNow`, freshConversation(scope)));
    const { lastExecution, steadyStateLastAchievedTime } = (await emulatedJob(bot, J.serviceNow)).status;
    expect(titleOf(card)).toBe('ServiceNow: Active');
    expect(factOf(card, 'Last run')).toBe(`EntryLevelErrors, ${shown(lastExecution!.timeBegan)} → ${shown(lastExecution!.timeEnded)}; imported 1302, exported 9 of 9, escrowed 4`);
    expect(factOf(card, 'Escrowed (failed, retried)')).toBe('4');
    expect(factOf(card, 'Steady state last reached')).toBe(shown(steadyStateLastAchievedTime));
    expect(factOf(card, 'In quarantine since')).toBeUndefined();
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Pause', 'Restart…', 'Provisioning logs', 'All jobs']);
  });

  it('says "never" for a job that never reached steady state and states the interval in words', async () => {
    await patchState(bot, jobPatch(J.successFactors, { schedule: { interval: 'PT1H30M' } }));
    const card = onlyCard(await bot.say(`job ${J.successFactors.jobId} for ${SP.successFactors}`, freshConversation(scope)));
    expect(factOf(card, 'Schedule')).toBe('Active, every 1 hour 30 minutes');
    expect(factOf(card, 'Last run')).toBe('none');
    expect(factOf(card, 'Steady state last reached')).toBe('never');
  });

  it('links the troubleshooting page when Graph gives one, and only then', async () => {
    const where = freshConversation(scope);
    const url = 'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status';
    const entra = { title: 'Provisioning in Entra', url: `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/ProvisioningManagement/appId/${DEMO.appIds.workday}/objectId/${SP.workday}` };
    expect(openUrlsOf(onlyCard(await bot.say(`job ${J.workday.jobId} for ${SP.workday}`, where)))).toEqual([entra]);
    await patchState(bot, jobPatch(J.workday, { status: { troubleshootingUrl: url } }));
    expect(openUrlsOf(onlyCard(await bot.say(`job ${J.workday.jobId} for ${SP.workday}`, where)))).toEqual([{ title: 'Troubleshooting guide', url }, entra]);
  });

  it('says no job has that id in the app', async () => {
    const card = onlyCard(await bot.say(`job Workday.00000000000000000000000000000000 for ${SP.workday}`, freshConversation(scope)));
    expect(titleOf(card)).toBe('No job named "Workday.00000000000000000000000000000000 in Workday to AD User Provisioning"');
  });

  it('says no app has that id', async () => {
    const unknownApp = '0e0e0e0e-0000-4000-8000-000000000000';
    const card = onlyCard(await bot.say(`job ${J.workday.jobId} for ${unknownApp}`, freshConversation(scope)));
    expect(titleOf(card)).toBe(`No app named "${unknownApp}"`);
  });
});

describe.each(['personal', 'channel'] as const)('job <jobId> without for, in a %s conversation', (scope) => {
  it('finds the job among the apps this conversation used', async () => {
    const where = freshConversation(scope);
    await bot.say('jobs Contoso Cloud Sync', where);
    const card = onlyCard(await bot.say(`job ${J.cloudSyncFabrikam.jobId}`, where));
    expect(titleOf(card)).toBe('Contoso Cloud Sync: Quarantine (TooManyDeletes)');
    expect(factOf(card, 'Job')).toBe(J.cloudSyncFabrikam.jobId);
  });

  it('asks which app in a new conversation, without listing the tenant\'s apps or reading any jobs', async () => {
    const card = onlyCard(await bot.say(`job ${J.workday.jobId}`, freshConversation(scope)));
    expect(titleOf(card)).toBe(`Which app runs job ${J.workday.jobId}?`);
    expect(textsOf(card)).toContain(`job ${J.workday.jobId} for ‹app name or id›`);
    const requests = await emulatorRequests(bot);
    expect(tenantListings(requests)).toEqual([]);
    expect(requests.filter((r) => r.path.includes('/synchronization/'))).toEqual([]);
  });

  it('asks which app when the used apps do not run the job, reading only the used app\'s jobs', async () => {
    const where = freshConversation(scope);
    await bot.say('jobs Contoso Cloud Sync', where);
    const before = (await emulatorRequests(bot)).length;
    const card = onlyCard(await bot.say(`job ${J.fabrikamScim.jobId}`, where));
    expect(titleOf(card)).toBe(`Which app runs job ${J.fabrikamScim.jobId}?`);
    const requests = (await emulatorRequests(bot)).slice(before);
    expect(tenantListings(requests)).toEqual([]);
    expect(jobReadsOf(requests, SP.contosoCloudSync)).toHaveLength(1);
    expect(requests.filter((r) => r.path.includes('/synchronization/') && !r.path.includes(SP.contosoCloudSync))).toEqual([]);
  });

  it('does not use the apps another conversation used', async () => {
    await bot.say('jobs Contoso Cloud Sync', freshConversation(scope));
    const card = onlyCard(await bot.say(`job ${J.cloudSyncContoso.jobId}`, freshConversation(scope)));
    expect(titleOf(card)).toBe(`Which app runs job ${J.cloudSyncContoso.jobId}?`);
  });
});

it('reads jobs with the app token and changes nothing', async () => {
  const where = freshConversation('personal');
  await bot.say('apps cloud', where);
  await bot.say('jobs Contoso Cloud Sync', where);
  await bot.say(`job ${J.cloudSyncContoso.jobId}`, where);
  const requests = await emulatorRequests(bot);
  expect(requests.length).toBeGreaterThan(3);
  expect(requests.filter((r) => r.tokenKind !== 'app')).toEqual([]);
  expect(await mutationsAt(bot)).toEqual([]);
});
