import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { injectFault } from '../support/emulatorControl';
import { J } from '../support/jobHelpers';
import { logReads, PEOPLE, requestLines, SP } from '../support/provisioningHelpers';
import { cardText, clickCard, factOf, freshConversation } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

// A real clock: the emulator's demo events are placed relative to now, and `since` is measured from the bot's clock.
const bot = useTestBot();
const LOGS_SERVICENOW = `logs job ${J.serviceNow.jobId} for ServiceNow`;

describe('logs job: a job\'s provisioning logs', () => {
  it('counts the ServiceNow job\'s last day by outcome and action, with the escrowed users as the failures', async () => {
    const card = onlyCard(await bot.say(LOGS_SERVICENOW, freshConversation('personal')));
    expect(titleOf(card)).toBe('ServiceNow: 4 failures in the last 24 hours');
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      `Provisioning logs of job ${J.serviceNow.jobId}: 13 events`,
      'success: 9', 'failure: 4', 'skipped: 0', 'warning: 0',
      'create: 4', 'update: 8', 'delete: 0', 'disable: 1',
    ]));
  });

  it('names the top error codes with Microsoft\'s reason and recommended action, most frequent first', async () => {
    const text = cardText(onlyCard(await bot.say(LOGS_SERVICENOW, freshConversation('personal'))));
    expect(text).toContain('DuplicateTargetEntries × 3\nThe operation failed because more than one user in ServiceNow was found');
    expect(text).toContain('Recommended: Remove the duplicate user from ServiceNow');
    expect(text.indexOf('DuplicateTargetEntries × 3')).toBeLessThan(text.indexOf('SchemaPropertyCanOnlyAcceptValue × 1'));
  });

  it('lists the latest failures with their time for each reader\'s zone, and a why button per user', async () => {
    const card = onlyCard(await bot.say(LOGS_SERVICENOW, freshConversation('personal')));
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Lee Gu', expect.stringMatching(/^\{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\} \{\{TIME\(.+Z\)\}\} · update: SchemaPropertyCanOnlyAcceptValue$/)]));
    const buttons = actionsOf(card).map((a) => [a.title, (a.data as { cmd: string }).cmd]);
    expect(buttons).toEqual([
      ['Why Lee Gu?', `why ${PEOPLE.lee.id} in ${SP.serviceNow}`],
      ['Why Alex Wilber?', `why ${PEOPLE.alex.id} in ${SP.serviceNow}`],
      ['Why Megan Bowen?', `why ${PEOPLE.megan.id} in ${SP.serviceNow}`],
      ['Job status', `job ${J.serviceNow.jobId} for ${SP.serviceNow}`],
    ]);
  });

  it('asks Graph with the documented filter on the job and the time, one page, with the app token', async () => {
    await bot.say(LOGS_SERVICENOW, freshConversation('personal'));
    const [read, ...more] = await logReads(bot);
    expect(more).toEqual([]);
    expect(read!.tokenKind).toBe('app');
    expect(read!.query.$top).toBe('100');
    expect(read!.query.$filter).toMatch(new RegExp(`^jobId eq '${J.serviceNow.jobId.replace('.', '\\.')}' and activityDateTime gt \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$`));
    const since = Date.parse(read!.query.$filter!.split(' gt ')[1]!);
    expect(Math.abs(Date.now() - 24 * 3_600_000 - since)).toBeLessThan(60_000);
  });

  it('reads back as far as since says: 3 days takes in the Workday run of two days ago', async () => {
    const recent = onlyCard(await bot.say(`logs job ${J.workday.jobId} for ${SP.workday}`, freshConversation('personal')));
    const older = onlyCard(await bot.say(`logs job ${J.workday.jobId} for ${SP.workday} since 3d`, freshConversation('personal')));
    expect(textsOf(recent)).toContain(`Provisioning logs of job ${J.workday.jobId}: 2 events`);
    expect(titleOf(older)).toBe('Workday to AD User Provisioning: 0 failures in the last 3 days');
    expect(textsOf(older)).toContain(`Provisioning logs of job ${J.workday.jobId}: 3 events`);
  });

  it('shows the SCIM job\'s credential failures from before its quarantine, with what to do', async () => {
    const card = onlyCard(await bot.say(`logs job ${J.fabrikamScim.jobId} for "Fabrikam SCIM Gateway" since 12h`, freshConversation('personal')));
    expect(titleOf(card)).toBe('Fabrikam SCIM Gateway: 3 failures in the last 12 hours');
    expect(cardText(card)).toContain('SystemForCrossDomainIdentityManagementCredentialValidationUnavailable × 3');
    expect(cardText(card)).toContain('Recommended: Check the tenant URL and secret token under Admin Credentials');
  });

  it('says plainly that a quiet job had no event, and offers no why button', async () => {
    const card = onlyCard(await bot.say(`logs job ${J.successFactors.jobId} for ${SP.successFactors}`, freshConversation('personal')));
    expect(titleOf(card)).toBe('SAP SuccessFactors to Azure AD: 0 failures in the last 24 hours');
    expect(textsOf(card)).toContain(`Provisioning logs of job ${J.successFactors.jobId}: 0 events`);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Job status']);
  });

  it('is opened by the job card\'s Provisioning logs button', async () => {
    const where = freshConversation('personal');
    const job = onlyCard(await bot.say(`job ${J.serviceNow.jobId} for ServiceNow`, where));
    const button = actionsOf(job).find((a) => a.title === 'Provisioning logs')!;
    expect((button.data as { cmd: string }).cmd).toBe(`logs job ${J.serviceNow.jobId} for ${SP.serviceNow}`);
    expect(titleOf(await clickCard(bot, button, where))).toBe('ServiceNow: 4 failures in the last 24 hours');
  });
});

describe('logs job: bad input and Graph failures', () => {
  it('says an unknown job is not in the app, and reads no logs', async () => {
    const card = onlyCard(await bot.say('logs job nope.123 for ServiceNow', freshConversation('personal')));
    expect(titleOf(card)).toBe('No job named "nope.123 in ServiceNow"');
    expect(await logReads(bot)).toEqual([]);
  });

  it('says an unknown app has no match', async () => {
    const card = onlyCard(await bot.say(`logs job ${J.serviceNow.jobId} for Nowhere App`, freshConversation('personal')));
    expect(titleOf(card)).toBe('No app named "Nowhere App"');
  });

  it.each([['0h'], ['31d'], ['yesterday'], ['5w']])('refuses since %s with the forms it takes', async (since) => {
    const card = onlyCard(await bot.say(`logs job ${J.serviceNow.jobId} since ${since}`, freshConversation('personal')));
    expect(titleOf(card)).toBe(`"${since}" is not a time span`);
    expect(cardText(card)).toContain('up to 30 days');
    expect(await requestLines(bot)).toEqual([]);
  });

  it('answers a missing AuditLog permission (403) with the Graph failure card, never a crash', async () => {
    await injectFault(bot, { method: 'GET', path: '^/beta/auditLogs/provisioning$', status: 403, count: 1 });
    const card = onlyCard(await bot.say(LOGS_SERVICENOW, freshConversation('personal')));
    expect(factOf(card, 'HTTP status')).toBe('403');
  });

  it('answers throttling that outlasts the retries with when to try again', async () => {
    await injectFault(bot, { method: 'GET', path: '^/beta/auditLogs/provisioning$', status: 429, retryAfter: 120, count: 5 });
    const card = onlyCard(await bot.say(LOGS_SERVICENOW, freshConversation('personal')));
    expect(cardText(card)).toContain('Try again in 120 s.');
  });
});
