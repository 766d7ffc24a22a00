import { ADA, GRACE } from '../support/activities';
import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { injectFault } from '../support/emulatorControl';
import { J } from '../support/jobHelpers';
import { onDemandPosts, PEOPLE, requestLines, SP } from '../support/provisioningHelpers';
import {
  as, auditOf, cardText, clickCard, factOf, freshConversation, injectGraphFault, mutationsAt, propose, TestClock, UUID,
} from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';
import { cardClock } from '../../bot/present/times';

const clock = new TestClock();
// Each test a minute later: the tenant's provision-on-demand book (5 per 10 s) lives in the bot's store across tests.
let minute = 0;
const bot = useTestBot({}, { now: clock.now }, () => {
  clock.reset();
  clock.advanceMinutes(++minute);
});
/** The time of day as cards carry it, for Teams to show in each reader's zone. */
const at = () => cardClock(clock.now().toISOString());
const SERVICENOW_RULE = '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8';
const PROVISION_NESTOR = `provision ${PEOPLE.nestor.upn} for ServiceNow`;

describe('provision: confirmation first', () => {
  it('asks first, naming the job, the user, the schema rule and the exact request, and calls nothing yet', async () => {
    const { card } = await propose(bot, PROVISION_NESTOR, freshConversation('personal'));
    expect(titleOf(card)).toBe(`Provision ${PEOPLE.nestor.upn} to ServiceNow?`);
    expect(factOf(card, 'Job')).toBe(J.serviceNow.jobId);
    expect(factOf(card, 'User')).toBe(`Nestor Wilke (${PEOPLE.nestor.id})`);
    expect(factOf(card, 'Rule')).toBe(`USER_OUTBOUND_USER (${SERVICENOW_RULE})`);
    expect(textsOf(card)).toContain(`POST /servicePrincipals/${SP.serviceNow}/synchronization/jobs/${J.serviceNow.jobId}/provisionOnDemand ` +
      `{"parameters":[{"ruleId":"${SERVICENOW_RULE}","subjects":[{"objectId":"${PEOPLE.nestor.id}","objectTypeName":"User"}]}]}`);
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('reads the app, its jobs, the user and the job\'s schema to propose', async () => {
    await propose(bot, `provision ${PEOPLE.nestor.upn} for ${SP.serviceNow}`, freshConversation('personal'));
    expect(await requestLines(bot)).toEqual([
      `GET /servicePrincipals/${SP.serviceNow}`, `GET /servicePrincipals/${SP.serviceNow}/synchronization/jobs`,
      `GET /users/${PEOPLE.nestor.upn}`, `GET /servicePrincipals/${SP.serviceNow}/synchronization/jobs/${J.serviceNow.jobId}/schema`,
    ]);
  });

  it('runs nothing on Cancel', async () => {
    const where = freshConversation('personal');
    const { cancel } = await propose(bot, PROVISION_NESTOR, where);
    expect(titleOf(await clickCard(bot, cancel, where))).toBe(`Cancelled by Ada Lovelace at ${at()}`);
    expect(await mutationsAt(bot)).toEqual([]);
  });
});

describe.each(['personal', 'channel'] as const)('provision: Confirm, in a %s conversation', (scope) => {
  it('provisions once with the admin\'s token and shows each step', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, PROVISION_NESTOR, where);
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe(`Provisioned by Ada Lovelace at ${at()}`);
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      `• ✔ Import (success): Retrieved User '${PEOPLE.nestor.upn}' from Azure Active Directory [objectId: ${PEOPLE.nestor.id}, userPrincipalName: ${PEOPLE.nestor.upn}]`,
      '• ✔ Scoping (success): Determine if User in scope by evaluating against each scoping filter [Assigned: True, IsActive: True]',
      `• ✔ Matching (success): Looked for User '${PEOPLE.nestor.upn}' in ServiceNow`,
      `• ✔ Export (success): User '${PEOPLE.nestor.upn}' was updated in ServiceNow`,
    ]));
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    const posts = await onDemandPosts(bot, J.serviceNow);
    expect(posts).toEqual([expect.objectContaining({ tokenKind: 'delegated', user: ADA.aadObjectId, status: 200 })]);
    expect(posts[0]!.body).toEqual({ parameters: [{ ruleId: SERVICENOW_RULE, subjects: [{ objectId: PEOPLE.nestor.id, objectTypeName: 'User' }] }] });
  });

  it('runs a double click and a second person\'s click once', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, PROVISION_NESTOR, where);
    await Promise.all([clickCard(bot, confirm, where), clickCard(bot, confirm, where)]);
    const late = await clickCard(bot, confirm, as(where, GRACE));
    expect(cardText(late)).toContain(`Already confirmed by Ada Lovelace at ${at()}.`);
    expect(await onDemandPosts(bot, J.serviceNow)).toHaveLength(1);
  });
});

describe('provision: what Graph answers', () => {
  it('reports a failed run with the error code, Microsoft\'s reason and what to do', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, `provision ${PEOPLE.alex.upn} for ServiceNow`, where);
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Provisioning failed: DuplicateTargetEntries');
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      `• ✖ Matching (failure): Looked for User '${PEOPLE.alex.upn}' in ServiceNow`,
      '• Why: The operation failed because more than one user in ServiceNow was found with the configured matching attributes.',
      '• What to do: Remove the duplicate user from ServiceNow, or reconfigure your attribute mappings so that only one user matches.',
    ]));
  });

  it('warns before Confirm that a quarantined job will likely fail, then shows the credential error', async () => {
    const where = freshConversation('personal');
    const { card: proposal, confirm } = await propose(bot, `provision ${PEOPLE.nestor.upn} for Fabrikam SCIM Gateway`, where);
    expect(cardText(proposal)).toContain('The job is in quarantine: the on-demand run will most likely fail for the same reason.');
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Provisioning failed: SystemForCrossDomainIdentityManagementCredentialValidationUnavailable');
  });

  it('audits the proposal, the confirmation and the result with Graph\'s request-id', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PROVISION_NESTOR, where);
    const requestId = factOf(await clickCard(bot, confirm, where), 'Graph request-id')!;
    const { entries } = await auditOf(bot, where);
    const target = `${PEOPLE.nestor.upn} (ServiceNow) (${SP.serviceNow}/${J.serviceNow.jobId})`;
    // One line per action: its latest state, who proposed and who confirmed.
    expect(entries.map((e) => e.split(' | ')[0])).toEqual([`succeeded · provisionUser · ${target}`]);
    expect(entries[0]).toMatch(/proposed by Ada Lovelace .*confirmed by Ada Lovelace /);
    expect(entries[0]).toContain(`request-id ${requestId}`);
  });
});

describe('provision: plain answers instead of a card with Confirm', () => {
  it.each([
    ['an unknown user', 'provision nobody@contoso.edu for ServiceNow', 'No user named "nobody@contoso.edu"', ''],
    ['an unknown app', `provision ${PEOPLE.nestor.upn} for Nowhere App`, 'No app named "Nowhere App"', ''],
    ['an app with several jobs', `provision ${PEOPLE.nestor.upn} for Contoso Cloud Sync`, 'Cannot provision on demand in Contoso Cloud Sync',
      `The app runs 2 provisioning jobs (${J.cloudSyncContoso.jobId}, ${J.cloudSyncFabrikam.jobId})`],
    ['a job whose schema has no rule', `provision ${PEOPLE.nestor.upn} for ${SP.successFactors}`, 'Cannot provision on demand in SAP SuccessFactors to Azure AD',
      `No rule in the synchronization schema of job ${J.successFactors.jobId} provisions Microsoft Entra users (rules found: 0).`],
    ['an inbound (HR) job', `provision ${PEOPLE.nestor.upn} for Workday to AD User Provisioning`, 'Cannot provision on demand in Workday to AD User Provisioning',
      'provisions from Workday (Worker) into Active Directory, not from Microsoft Entra users'],
    ['an app with no job', `provision ${PEOPLE.nestor.upn} for Microsoft Teams`, 'Cannot provision on demand in Microsoft Teams', 'The app has no provisioning job.'],
  ])('answers %s plainly', async (_case, text, title, reason) => {
    const card = onlyCard(await bot.say(text, freshConversation('personal')));
    expect(titleOf(card)).toBe(title);
    if (reason) expect(cardText(card)).toContain(reason);
    expect(actionsOf(card).map((a) => a.title)).not.toContain('Confirm');
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('asks for the app when the command names none', async () => {
    const card = onlyCard(await bot.say(`provision ${PEOPLE.nestor.upn}`, freshConversation('personal')));
    expect(titleOf(card)).toBe('Missing app');
    expect(cardText(card)).toContain('provision ‹user upn|object id› for ‹app›');
  });
});

describe('provision: when Graph does not answer', () => {
  it('never reports a gateway timeout on the POST as failed: the outcome is unknown, and nothing is retried', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PROVISION_NESTOR, where);
    await injectFault(bot, { method: 'POST', path: '/provisionOnDemand$', status: 504, count: 1 });
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Outcome unknown');
    expect(cardText(card)).toContain('it may or may not have run');
    expect(await onDemandPosts(bot, J.serviceNow)).toHaveLength(1);
  });

  it('reports a 200 whose body says nothing readable as outcome unknown, never as failed, and sends it once', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PROVISION_NESTOR, where);
    await injectGraphFault(bot, { method: 'POST', path: '/provisionOnDemand$', status: 200, body: { unexpected: 'shape' }, count: 1 });
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Outcome unknown');
    expect(cardText(card)).toContain('SyncOps could not read how it ended');
    expect(cardText(card)).not.toContain('Provisioning failed');
    expect(await onDemandPosts(bot, J.serviceNow)).toHaveLength(1);
    expect((await auditOf(bot, where)).entries[0]).toMatch(/^outcomeUnknown · provisionUser/);
  });

  it('reports Graph refusing the call (403) as a failure with Graph\'s answer', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PROVISION_NESTOR, where);
    await injectFault(bot, { method: 'POST', path: '/provisionOnDemand$', status: 403, count: 1 });
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Provision failed');
    expect(factOf(card, 'Graph answer')).toMatch(/^403 /);
  });
});
