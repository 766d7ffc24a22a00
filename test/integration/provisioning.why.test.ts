import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { injectFault } from '../support/emulatorControl';
import { J } from '../support/jobHelpers';
import { logReads, PEOPLE, requestLines, SP } from '../support/provisioningHelpers';
import { cardText, clickCard, factOf, freshConversation } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const bot = useTestBot();

describe('why: one identity\'s provisioning events', () => {
  it('shows Alex\'s failed ServiceNow export step by step, with Microsoft\'s reason and recommended action', async () => {
    const card = onlyCard(await bot.say(`why ${PEOPLE.alex.upn}`, freshConversation('personal')));
    expect(titleOf(card)).toBe('Alex Wilber (alex.wilber@contoso.edu): latest 1 provisioning event');
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      'ServiceNow: create, failure',
      expect.stringMatching(new RegExp(`^\\{\\{DATE\\(.+Z, SHORT\\)\\}\\} \\{\\{TIME\\(.+Z\\)\\}\\} · Azure Active Directory → ServiceNow, job ${J.serviceNow.jobId.replace('.', '\\.')}$`)),
      'DuplicateTargetEntries: The operation failed because more than one user in ServiceNow was found with the configured matching attributes.',
      'Recommended: Remove the duplicate user from ServiceNow, or reconfigure your attribute mappings so that only one user matches.',
      "✔ Import (success): Retrieved User 'alex.wilber@contoso.edu' from Azure Active Directory",
      '✔ Scoping (success): User is in scope: assigned to the application and matching every scoping filter [Assigned: True]',
      "✖ Matching (failure): Matched User 'alex.wilber@contoso.edu' in ServiceNow on userName",
      "↷ Export (skipped): Failed to export User 'alex.wilber@contoso.edu' to ServiceNow [ReportableIdentifier: alex.wilber@contoso.edu]",
    ]));
  });

  it('offers the job\'s logs and provisioning the user again in that app', async () => {
    const card = onlyCard(await bot.say(`why ${PEOPLE.alex.upn}`, freshConversation('personal')));
    expect(actionsOf(card).map((a) => [a.title, (a.data as { cmd: string }).cmd])).toEqual([
      ['Logs of ServiceNow', `logs job ${J.serviceNow.jobId} for ${SP.serviceNow} since 30d`],
      ['Provision again in ServiceNow', `provision ${PEOPLE.alex.upn} for ${SP.serviceNow}`],
    ]);
  });

  it('looks the UPN up, then asks for the identity as source and as target over 30 days', async () => {
    await bot.say(`why ${PEOPLE.alex.upn}`, freshConversation('personal'));
    expect(await requestLines(bot)).toEqual([`GET /users/${PEOPLE.alex.upn}`, 'GET /auditLogs/provisioning', 'GET /auditLogs/provisioning']);
    const filters = (await logReads(bot)).map((r) => r.query.$filter!.replace(/ and activityDateTime gt .+$/, '')).sort();
    expect(filters).toEqual([`sourceIdentity/id eq '${PEOPLE.alex.id}'`, `targetIdentity/id eq '${PEOPLE.alex.id}'`]);
    const since = Date.parse((await logReads(bot))[0]!.query.$filter!.split(' gt ')[1]!);
    expect(Math.abs(Date.now() - 30 * 86_400_000 - since)).toBeLessThan(60_000);
  });

  it('finds a user as the target of inbound (Workday to AD) and as the source of outbound (ServiceNow) provisioning', async () => {
    const card = onlyCard(await bot.say(`why ${PEOPLE.lynne.id}`, freshConversation('personal')));
    expect(titleOf(card)).toBe('Lynne Robbins (lynne.robbins@contoso.edu): latest 2 provisioning events');
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Workday to AD User Provisioning: update, success', 'ServiceNow: update, success']));
    expect(await requestLines(bot)).toEqual([`GET /users/${PEOPLE.lynne.id}`, 'GET /auditLogs/provisioning', 'GET /auditLogs/provisioning']);
  });

  it('uses an object id that is no user as it is, rather than refusing it', async () => {
    const card = onlyCard(await bot.say('why 11111111-2222-4333-8444-555555555555', freshConversation('personal')));
    expect(titleOf(card)).toBe('No provisioning event in 30 days for 11111111-2222-4333-8444-555555555555');
    expect((await logReads(bot)).length).toBe(2);
  });

  it('narrows to one app with in, filtering on its service principal', async () => {
    const card = onlyCard(await bot.say(`why ${PEOPLE.lee.upn} in ServiceNow`, freshConversation('personal')));
    expect(titleOf(card)).toBe('Lee Gu (lee.gu@contoso.edu): latest 2 provisioning events in ServiceNow');
    expect((await logReads(bot)).every((r) => r.query.$filter!.includes(`servicePrincipal/id eq '${SP.serviceNow}'`))).toBe(true);
  });

  it('runs from the why button of the logs card', async () => {
    const where = freshConversation('channel');
    const logs = onlyCard(await bot.say(`logs job ${J.serviceNow.jobId} for ServiceNow`, where));
    const card = await clickCard(bot, actionsOf(logs).find((a) => a.title === 'Why Alex Wilber?')!, where);
    expect(titleOf(card)).toBe('Alex Wilber (alex.wilber@contoso.edu): latest 1 provisioning event in ServiceNow');
  });
});

describe('why: nothing to show, bad input and Graph failures', () => {
  it('says plainly that a user had no provisioning event in 30 days', async () => {
    const card = onlyCard(await bot.say(`why ${PEOPLE.irvin.upn}`, freshConversation('personal')));
    expect(titleOf(card)).toBe('No provisioning event in 30 days for Irvin Sayers (irvin.sayers@contoso.edu)');
    expect(cardText(card)).toContain('The provisioning logs (kept 30 days) have no event where this identity is the source or the target.');
    expect(actionsOf(card)).toEqual([]);
  });

  it('says an unknown user is unknown, and reads no logs', async () => {
    const card = onlyCard(await bot.say('why nobody@contoso.edu', freshConversation('personal')));
    expect(titleOf(card)).toBe('No user named "nobody@contoso.edu"');
    expect(await logReads(bot)).toEqual([]);
  });

  it('says an unknown app is unknown', async () => {
    const card = onlyCard(await bot.say(`why ${PEOPLE.alex.upn} in Nowhere App`, freshConversation('personal')));
    expect(titleOf(card)).toBe('No app named "Nowhere App"');
  });

  it('asks for the user when the command names none', async () => {
    const card = onlyCard(await bot.say('why', freshConversation('personal')));
    expect(titleOf(card)).toBe('Missing user upn|object id');
  });

  it('answers a Graph outage with the failure card', async () => {
    await injectFault(bot, { method: 'GET', path: '^/beta/auditLogs/provisioning$', status: 500, count: 2 });
    const card = onlyCard(await bot.say(`why ${PEOPLE.alex.id}`, freshConversation('personal')));
    expect(factOf(card, 'HTTP status')).toBe('500');
  });
});
