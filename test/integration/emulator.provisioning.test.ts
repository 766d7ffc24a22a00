import { DEMO, DIRECTORY_ROLES, LOG_READER_ROLES, mintDemoAppToken, mintDemoUserToken } from '../../bot/emulator';
import { startEmulatorClient, type EmulatorClient, type Json } from '../support/emulatorClient';
import { PEOPLE } from '../support/provisioningHelpers';

const J = DEMO.jobs;
const LOGS = '/beta/auditLogs/provisioning';
const APP = mintDemoAppToken();
const jobUrl = (job: { servicePrincipalId: string; jobId: string }) => `/beta/servicePrincipals/${job.servicePrincipalId}/synchronization/jobs/${job.jobId}`;
const SERVICENOW_RULE = '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8';
const onDemandBody = (objectId: string, ruleId = SERVICENOW_RULE) => ({ parameters: [{ ruleId, subjects: [{ objectId, objectTypeName: 'User' }] }] });

let client: EmulatorClient;
beforeAll(async () => { client = await startEmulatorClient(); });
afterAll(() => client.close());
beforeEach(() => client.reset());

const logs = (filter?: string, extra: Record<string, string> = {}, token: string | null = APP) => {
  const query = new URLSearchParams({ ...(filter ? { $filter: filter } : {}), ...extra }).toString();
  return client.call('GET', `${LOGS}${query ? `?${query}` : ''}`, { token });
};

describe('GET /auditLogs/provisioning', () => {
  it('serves the ServiceNow job\'s events, newest first, in the documented shape', async () => {
    const answer = await logs(`jobId eq '${J.serviceNow.jobId}'`);
    expect(answer.status).toBe(200);
    const events = answer.body.value as Json[];
    expect(events).toHaveLength(13);
    expect(events.map((e) => e.activityDateTime)).toEqual([...events.map((e) => e.activityDateTime)].sort().reverse());
    const failed = events.filter((e) => e.provisioningStatusInfo.status === 'failure');
    expect(failed).toHaveLength(4);
    expect(failed[0].provisioningStatusInfo.errorInformation).toEqual(expect.objectContaining({ errorCode: expect.any(String), reason: expect.any(String), recommendedAction: expect.any(String), errorCategory: 'nonServiceFailure' }));
    expect(failed[0].provisioningSteps.map((s: Json) => s.provisioningStepType)).toEqual(['import', 'scoping', 'matching', 'export']);
  });

  it('pages with $top and a nextLink that carries the filter, and stops on the last page', async () => {
    const first = await logs(`jobId eq '${J.serviceNow.jobId}'`, { $top: '5' });
    expect(first.body.value).toHaveLength(5);
    const second = await client.call('GET', first.body['@odata.nextLink'], { token: APP });
    const third = await client.call('GET', second.body['@odata.nextLink'], { token: APP });
    expect([second.body.value.length, third.body.value.length, third.body['@odata.nextLink']]).toEqual([5, 3, undefined]);
    const ids = [...first.body.value, ...second.body.value, ...third.body.value].map((e: Json) => e.id);
    expect(new Set(ids).size).toBe(13);
  });

  it('gives no nextLink without $top ("you must pass the top filter to generate the token") and refuses $skip', async () => {
    expect((await logs(undefined)).body['@odata.nextLink']).toBeUndefined();
    const skip = await logs(undefined, { $skip: '2' });
    expect([skip.status, skip.body.error.code]).toEqual([400, 'BadRequest']);
  });

  it.each([
    [`sourceIdentity/id eq '${PEOPLE.alex.id}'`, 1],
    [`targetIdentity/id eq '${PEOPLE.lynne.id}'`, 1],
    [`servicePrincipal/id eq '${DEMO.servicePrincipals.fabrikamScim}' and provisioningStatusInfo/status eq 'FAILURE'`, 3],
    ["contains(sourceIdentity/displayName, 'Wilber')", 1],
    [`jobId eq '${J.workday.jobId}' and activityDateTime gt ${new Date(Date.now() - 3_600_000).toISOString().slice(0, 19)}Z`, 2],
    ['durationInMilliseconds lt 950', 2],
  ])('filters with the documented form %s', async (filter, count) => {
    const answer = await logs(filter);
    expect([answer.status, answer.body.value.length]).toEqual([200, count]);
  });

  it.each([
    `jobId eq '${J.serviceNow.jobId}' or jobId eq '${J.workday.jobId}'`,
    `jobId ne '${J.serviceNow.jobId}'`,
    'activityDateTime ge 2026-01-01T00:00:00Z',
    "startswith(jobId, 'scim')",
    "servicePrincipal/id gt 'a'",
    "userPrincipalName eq 'alex.wilber@contoso.edu'",
    "activityDateTime gt 'yesterday'",
    "jobId eq scim",
  ])('answers 400 to a $filter the docs do not allow: %s', async (filter) => {
    const answer = await logs(filter);
    expect([answer.status, answer.body.error.code]).toEqual([400, 'BadRequest']);
  });

  it('compares values case-sensitively, except the status', async () => {
    expect((await logs(`jobId eq '${J.serviceNow.jobId.toUpperCase()}'`)).body.value).toEqual([]);
  });

  it('needs AuditLog.Read.All and Directory.Read.All together (403 Authorization_RequestDenied otherwise)', async () => {
    for (const roles of [['AuditLog.Read.All'], ['Directory.Read.All']]) {
      const answer = await logs(undefined, {}, mintDemoAppToken({ roles }));
      expect([answer.status, answer.body.error.code]).toEqual([403, 'Authorization_RequestDenied']);
    }
    expect((await logs(undefined, {}, mintDemoAppToken({ roles: ['AuditLog.Read.All', 'Directory.Read.All'] }))).status).toBe(200);
  });

  it('lets a delegated caller read only with the scopes and a log-reading role such as Reports Reader', async () => {
    const scp = 'AuditLog.Read.All Directory.Read.All';
    expect((await logs(undefined, {}, mintDemoUserToken({ scp, wids: [LOG_READER_ROLES.reportsReader] }))).status).toBe(200);
    expect((await logs(undefined, {}, mintDemoUserToken({ scp, wids: [DIRECTORY_ROLES.hybridIdentityAdministrator] }))).status).toBe(403);
    expect((await logs(undefined, {}, mintDemoUserToken())).status).toBe(403);
  });
});

describe('GET /users/{id | userPrincipalName}', () => {
  it('finds a user by UPN and by object id, and 404s an unknown one as the directory does', async () => {
    expect((await client.call('GET', `/beta/users/${PEOPLE.alex.upn}`, { token: APP })).body.id).toBe(PEOPLE.alex.id);
    expect((await client.call('GET', `/beta/users/${PEOPLE.alex.id}`, { token: APP })).body.userPrincipalName).toBe(PEOPLE.alex.upn);
    const unknown = await client.call('GET', '/beta/users/nobody@contoso.edu', { token: APP });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
  });

  it('returns only the $select-ed properties, and 400s a property users do not have', async () => {
    const user = await client.call('GET', `/beta/users/${PEOPLE.alex.upn}?$select=id,displayName`, { token: APP });
    expect(Object.keys(user.body).filter((k) => !k.startsWith('@'))).toEqual(['id', 'displayName']);
    const bad = await client.call('GET', `/beta/users/${PEOPLE.alex.upn}?$select=shoeSize`, { token: APP });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'Request_BadRequest']);
  });

  it('needs a user-reading permission', async () => {
    const answer = await client.call('GET', `/beta/users/${PEOPLE.alex.upn}`, { token: mintDemoAppToken({ roles: ['Synchronization.ReadWrite.All'] }) });
    expect([answer.status, answer.body.error.code]).toEqual([403, 'Authorization_RequestDenied']);
  });
});

describe('job schema and provisionOnDemand', () => {
  it('serves the job\'s synchronization rules', async () => {
    const schema = await client.call('GET', `${jobUrl(J.serviceNow)}/schema`, { token: APP });
    expect(schema.body.synchronizationRules.map((r: Json) => [r.id, r.sourceDirectoryName, r.targetDirectoryName])).toEqual([[SERVICENOW_RULE, 'Azure Active Directory', 'ServiceNow']]);
  });

  it('answers 200 with a stringKeyStringValuePair whose key and value are JSON text', async () => {
    const answer = await client.call('POST', `${jobUrl(J.serviceNow)}/provisionOnDemand`, { body: onDemandBody(PEOPLE.nestor.id) });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.key)).toEqual({ result: 'Success', details: {} });
    expect(JSON.parse(answer.body.value).provisioningSteps.map((s: Json) => s.type)).toEqual(['Import', 'Scoping', 'Matching', 'Export']);
  });

  it('allows 5 requests per 10 seconds, then answers 429 TooManyRequests with Retry-After', async () => {
    const send = () => client.call('POST', `${jobUrl(J.serviceNow)}/provisionOnDemand`, { body: onDemandBody(PEOPLE.nestor.id) });
    for (let i = 0; i < 5; i++) expect((await send()).status).toBe(200);
    const throttled = await send();
    expect([throttled.status, throttled.body.error.code]).toEqual([429, 'TooManyRequests']);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(10);
  });

  it.each([
    ['no parameters', {}],
    ['a rule the schema does not have', onDemandBody(PEOPLE.nestor.id, 'not-a-rule')],
    ['a subject without objectTypeName', { parameters: [{ ruleId: SERVICENOW_RULE, subjects: [{ objectId: PEOPLE.nestor.id }] }] }],
    ['an unknown user', onDemandBody('99999999-9999-4999-8999-999999999999')],
  ])('answers 400 to %s', async (_case, body) => {
    const answer = await client.call('POST', `${jobUrl(J.serviceNow)}/provisionOnDemand`, { body });
    expect([answer.status, answer.body.error.code]).toEqual([400, 'invalidRequest']);
  });

  it('answers a token without Synchronization.ReadWrite.All as the sync endpoints do (401 UnknownError)', async () => {
    const answer = await client.call('POST', `${jobUrl(J.serviceNow)}/provisionOnDemand`, { body: onDemandBody(PEOPLE.nestor.id), token: mintDemoAppToken({ roles: ['Synchronization.Read.All'] }) });
    expect([answer.status, answer.body.error.code]).toEqual([401, 'UnknownError']);
  });
});
