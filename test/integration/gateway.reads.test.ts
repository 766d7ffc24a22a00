/**
 * The gateway's read methods against the emulator: each documented answer mapped to our domain type, and each
 * documented failure (unknown id, bad paging token) mapped to one GraphError.
 */
import { DEMO } from '../../bot/emulator';
import {
  appToken, exactly, fixedTokens, graphFailure, jobsPath, PROFILES_PATH, profilePath, REQUEST_ID, startGatewayHarness,
  type GatewayHarness,
} from '../support/gatewayHarness';

const P = DEMO.profiles;
const SP = DEMO.servicePrincipals;
const UNKNOWN_ID = '99999999-9999-4999-8999-999999999999';

let h: GatewayHarness;
beforeAll(async () => { h = await startGatewayHarness(); });
afterAll(() => h.close());
beforeEach(() => h.reset());

const batchBodies = async () => (await h.requests())
  .filter((request) => request.path === '/beta/$batch')
  .map((request) => (request.body as { requests: { url: string }[] }).requests);

describe('listProfiles', () => {
  it('returns every demo profile as a Profile with its state and provider type', async () => {
    const profiles = await h.gateway.listProfiles();
    expect(profiles).toHaveLength(Object.keys(P).length);
    const byId = new Map(profiles.map((profile) => [profile.id, profile]));
    expect(byId.get(P.contosoHighCsv)).toEqual({
      id: P.contosoHighCsv, displayName: 'Contoso High School CSV', state: 'provisioned', providerType: 'csv',
      expirationDate: expect.stringMatching(/^\d{4}-06-30$/),
    });
    expect(byId.get(P.northwindPowerSchool)).toMatchObject({ providerType: 'powerSchool', state: 'provisioned' });
    expect(byId.get(P.woodgroveOneRoster)).toMatchObject({ providerType: 'oneRoster' });
    expect(byId.get(P.lakeshoreCsv)).toMatchObject({ state: 'provisioning' });
    expect(await h.calls()).toEqual([`GET ${PROFILES_PATH}`]);
  });

  it('follows @odata.nextLink verbatim across pages until none is left', async () => {
    const nextLink = `${h.emulator.baseUrl}/education/synchronizationProfiles?$top=5`;
    const extra = { id: 'page-one-only', displayName: 'First page', state: 'provisioned', dataProvider: {} };
    await h.fault({ method: 'GET', path: exactly(PROFILES_PATH), status: 200, body: { value: [extra], '@odata.nextLink': nextLink } });
    const profiles = await h.gateway.listProfiles();
    expect(profiles.map((profile) => profile.id)).toEqual(['page-one-only', ...Object.values(P)]);
    const requests = await h.requests();
    // The fault's page, then the emulator's own pages of 5, 5 and 1.
    expect(requests.map((request) => request.query)).toEqual([
      {},
      { $top: '5' },
      { $top: '5', $skiptoken: expect.any(String) },
      { $top: '5', $skiptoken: expect.any(String) },
    ]);
  });

  it('fails as a whole, with no partial list, when a later page fails', async () => {
    const nextLink = `${h.emulator.baseUrl}/education/synchronizationProfiles?$top=5`;
    await h.fault({ method: 'GET', path: exactly(PROFILES_PATH), status: 200, body: { value: [], '@odata.nextLink': nextLink } });
    await h.fault({ method: 'GET', path: exactly(PROFILES_PATH), status: 500 });
    const error = await graphFailure(h.gateway.listProfiles());
    expect(error).toMatchObject({ failure: 'unavailable', status: 500, requestId: expect.stringMatching(REQUEST_ID) });
  });
});

describe('getProfile', () => {
  it('maps the documented profile to a Profile', async () => {
    expect(await h.gateway.getProfile(P.woodgroveOneRoster)).toEqual({
      id: P.woodgroveOneRoster, displayName: 'Woodgrove Academy OneRoster', state: 'provisioned', providerType: 'oneRoster',
      expirationDate: expect.stringMatching(/^\d{4}-06-30$/),
    });
  });

  it('answers an unknown id with notFound carrying Graph\'s code, message and request-id', async () => {
    const error = await graphFailure(h.gateway.getProfile(UNKNOWN_ID));
    expect(error).toMatchObject({
      failure: 'notFound', status: 404, graphCode: 'itemNotFound', requestId: expect.stringMatching(REQUEST_ID),
      message: `The educationSynchronizationProfile '${UNKNOWN_ID}' was not found.`,
    });
  });
});

describe('getProfileStatus', () => {
  it('maps the documented status with its error count and times', async () => {
    expect(await h.gateway.getProfileStatus(P.woodgroveOneRoster)).toEqual({
      status: 'error', statusMessage: 'Synchronization finished with errors', errorCount: 42,
      lastActivityDateTime: expect.any(String), lastSynchronizationDateTime: expect.any(String),
    });
  });

  it('asks for late enum members, so a profile that is extracting reads as extracting', async () => {
    expect((await h.gateway.getProfileStatus(P.prosewareCsv)).status).toBe('extracting');
  });

  it('answers an unknown id with notFound', async () => {
    const error = await graphFailure(h.gateway.getProfileStatus(UNKNOWN_ID));
    expect(error).toMatchObject({ failure: 'notFound', status: 404, requestId: expect.stringMatching(REQUEST_ID) });
  });
});

describe('getProfileStatuses', () => {
  it('reads several statuses in one $batch, with late enum members', async () => {
    const statuses = await h.gateway.getProfileStatuses([P.contosoHighSummer, P.northwindPowerSchool, P.prosewareCsv]);
    expect(Object.fromEntries([...statuses].map(([id, status]) => [id, status.status]))).toEqual({
      [P.contosoHighSummer]: 'paused', [P.northwindPowerSchool]: 'inProgress', [P.prosewareCsv]: 'extracting',
    });
    expect((await batchBodies()).map((requests) => requests.length)).toEqual([3]);
  });

  it('splits more than 20 ids into batches of at most 20 and leaves out the ids that failed', async () => {
    const unknown = Array.from({ length: 14 }, (_, i) => `99999999-9999-4999-8999-${String(i).padStart(12, '0')}`);
    const known = Object.values(P);
    const statuses = await h.gateway.getProfileStatuses([...known, ...unknown]);
    expect((await batchBodies()).map((requests) => requests.length)).toEqual([20, 5]);
    expect([...statuses.keys()].sort()).toEqual([...known].sort());
    expect(statuses.get(P.woodgroveOneRoster)).toMatchObject({ status: 'error', errorCount: 42 });
  });

  it('sends an item Graph throttled on its own again, alone, after its Retry-After', async () => {
    await h.fault({ method: 'GET', path: exactly(profilePath(P.woodgroveOneRoster, 'profileStatus')), status: 429, retryAfter: 0 });
    const statuses = await h.gateway.getProfileStatuses([P.woodgroveOneRoster, P.contosoHighCsv]);
    expect([...statuses.keys()].sort()).toEqual([P.woodgroveOneRoster, P.contosoHighCsv].sort());
    expect((await batchBodies()).map((requests) => requests.length)).toEqual([2, 1]);
  });

  it('leaves out an item still throttled past the retry deadline and keeps the others', async () => {
    await h.fault({ method: 'GET', path: exactly(profilePath(P.woodgroveOneRoster, 'profileStatus')), status: 429, retryAfter: 120, count: 5 });
    const statuses = await h.gateway.getProfileStatuses([P.woodgroveOneRoster, P.contosoHighCsv]);
    expect([...statuses.keys()]).toEqual([P.contosoHighCsv]);
    expect(await batchBodies()).toHaveLength(1);
  });

  it('sends nothing for no ids', async () => {
    expect((await h.gateway.getProfileStatuses([])).size).toBe(0);
    expect(await h.calls()).toEqual([]);
  });

  it('fails as a whole when the $batch itself fails', async () => {
    await h.fault({ method: 'POST', path: '^/beta/\\$batch$', status: 500 });
    const error = await graphFailure(h.gateway.getProfileStatuses([P.contosoHighCsv]));
    expect(error).toMatchObject({ failure: 'unavailable', status: 500, requestId: expect.stringMatching(REQUEST_ID) });
  });
});

describe('listProfileErrors', () => {
  it('reads the first page with $top and $count and maps each error', async () => {
    const page = await h.gateway.listProfileErrors(P.woodgroveOneRoster, { top: 10 });
    expect(page.count).toBe(42);
    expect(page.items).toHaveLength(10);
    expect(page.nextLink).toEqual(expect.stringContaining('$skiptoken='));
    expect(page.items[0]).toEqual({
      id: expect.any(String), entryType: 'Student', errorCode: 'UnsynchronizableChange',
      errorMessage: expect.stringContaining('no matching Active Directory entry'),
      joiningValue: 'richard.wilson@students.contoso.edu', recordedDateTime: expect.any(String), reportableIdentifier: 'richard.wilson',
    });
    expect((await h.requests())[0].query).toEqual({ $top: '10', $count: 'true' });
  });

  it('reads the next page from the nextLink as given, without adding $count again', async () => {
    const first = await h.gateway.listProfileErrors(P.woodgroveOneRoster, { top: 10 });
    const second = await h.gateway.listProfileErrors(P.woodgroveOneRoster, { nextLink: first.nextLink as string });
    expect(second.items).toHaveLength(10);
    expect(second.count).toBeUndefined();
    expect(second.items.map((item) => item.id)).not.toContain(first.items[0].id);
    const sent = (await h.requests())[1].query;
    expect(sent).toEqual(Object.fromEntries(new URL(first.nextLink as string).searchParams));
  });

  it('walks every page to the last one, which has no nextLink', async () => {
    const ids: string[] = [];
    let page = await h.gateway.listProfileErrors(P.woodgroveOneRoster, { top: 10 });
    ids.push(...page.items.map((item) => item.id));
    while (page.nextLink) {
      page = await h.gateway.listProfileErrors(P.woodgroveOneRoster, { nextLink: page.nextLink });
      ids.push(...page.items.map((item) => item.id));
    }
    expect(new Set(ids).size).toBe(42);
    expect(await h.calls()).toHaveLength(5);
  });

  it('answers an expired paging token with badRequest and Graph\'s message', async () => {
    const bad = `${h.emulator.baseUrl}/education/synchronizationProfiles/${P.woodgroveOneRoster}/errors?$top=10&$skiptoken=bogus`;
    const error = await graphFailure(h.gateway.listProfileErrors(P.woodgroveOneRoster, { nextLink: bad }));
    expect(error).toMatchObject({ failure: 'badRequest', status: 400, message: 'The $skiptoken is invalid or has expired.' });
  });

  it('answers an unknown profile with notFound', async () => {
    expect((await graphFailure(h.gateway.listProfileErrors(UNKNOWN_ID))).failure).toBe('notFound');
  });
});

describe('searchServicePrincipals', () => {
  it('finds an app by a word of its name with $search, $count, $select and $top', async () => {
    expect(await h.gateway.searchServicePrincipals('workday')).toEqual([{
      id: SP.workday, appId: DEMO.appIds.workday, displayName: 'Workday to AD User Provisioning',
      tags: ['WindowsAzureActiveDirectoryIntegratedApp', 'WindowsAzureActiveDirectoryCustomSingleSignOnApplication'],
    }]);
    // The emulator answers $search without ConsistencyLevel: eventual with 400, so this answer also proves the header.
    expect((await h.requests())[0].query).toEqual({
      $search: '"displayName:workday"', $count: 'true', $select: 'id,appId,displayName,tags', $top: '25',
    });
  });

  it('keeps & and # inside the $search value and neutralises double quotes', async () => {
    expect((await h.gateway.searchServicePrincipals('Workday & "AD"')).map((sp) => sp.id)).toEqual([SP.workday]);
    expect((await h.gateway.searchServicePrincipals('Fabrikam #SCIM')).map((sp) => sp.id)).toEqual([SP.fabrikamScim]);
    const [ampersand, hash] = (await h.requests()).map((request) => request.query);
    expect(Object.keys(ampersand).sort()).toEqual(['$count', '$search', '$select', '$top']);
    expect(ampersand.$search).toBe('"displayName:Workday &  AD"');
    expect(hash.$search).toBe('"displayName:Fabrikam #SCIM"');
  });

  it('returns no apps, rather than failing, when nothing matches', async () => {
    expect(await h.gateway.searchServicePrincipals('Nonexistent')).toEqual([]);
  });

  it('answers a token without a directory read permission with forbidden (403 Authorization_RequestDenied)', async () => {
    const gateway = h.gatewayWith({ tokens: fixedTokens({ app: appToken({ roles: ['EduAdministration.Read.All'] }) }) });
    const error = await graphFailure(gateway.searchServicePrincipals('workday'));
    expect(error).toMatchObject({
      failure: 'forbidden', status: 403, graphCode: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.', requestId: expect.stringMatching(REQUEST_ID),
    });
  });
});

describe('getServicePrincipal', () => {
  it('maps the service principal to its id, appId, name and tags', async () => {
    expect(await h.gateway.getServicePrincipal(SP.salesforce)).toEqual({
      id: SP.salesforce, appId: DEMO.appIds.salesforce, displayName: 'Salesforce', tags: expect.arrayContaining(['WindowsAzureActiveDirectoryIntegratedApp']),
    });
  });

  it('answers an unknown id with notFound (Request_ResourceNotFound)', async () => {
    const error = await graphFailure(h.gateway.getServicePrincipal(UNKNOWN_ID));
    expect(error).toMatchObject({ failure: 'notFound', status: 404, graphCode: 'Request_ResourceNotFound' });
  });
});

describe('listJobs', () => {
  it('lists every job of an app with its status and quarantine', async () => {
    const jobs = await h.gateway.listJobs(SP.contosoCloudSync);
    expect(jobs.map((job) => [job.id, job.status?.code, job.status?.quarantine?.reason ?? null])).toEqual([
      [DEMO.jobs.cloudSyncContoso.jobId, 'Active', null],
      [DEMO.jobs.cloudSyncFabrikam.jobId, 'Quarantine', 'TooManyDeletes'],
    ]);
    expect(await h.calls()).toEqual([`GET ${jobsPath(SP.contosoCloudSync)}`]);
  });

  it('returns an empty list for an app without provisioning', async () => {
    expect(await h.gateway.listJobs(SP.microsoftTeams)).toEqual([]);
  });

  it('answers an unknown service principal with notFound', async () => {
    const error = await graphFailure(h.gateway.listJobs(UNKNOWN_ID));
    expect(error).toMatchObject({ failure: 'notFound', status: 404, graphCode: 'Request_ResourceNotFound' });
  });
});

describe('listJobsOfMany', () => {
  it('lists the jobs of several apps in one $batch, an app without provisioning as an empty list', async () => {
    const jobs = await h.gateway.listJobsOfMany([SP.workday, SP.contosoCloudSync, SP.microsoftTeams]);
    expect(Object.fromEntries([...jobs].map(([id, list]) => [id, list.map((job) => job.id)]))).toEqual({
      [SP.workday]: [DEMO.jobs.workday.jobId],
      [SP.contosoCloudSync]: [DEMO.jobs.cloudSyncContoso.jobId, DEMO.jobs.cloudSyncFabrikam.jobId],
      [SP.microsoftTeams]: [],
    });
    expect((await batchBodies()).map((requests) => requests.map((request) => request.url))).toEqual([
      [SP.workday, SP.contosoCloudSync, SP.microsoftTeams].map((id) => `/servicePrincipals/${id}/synchronization/jobs`),
    ]);
  });

  it('splits more than 20 apps into batches of at most 20 and leaves out the apps whose read failed', async () => {
    const unknown = Array.from({ length: 12 }, (_, i) => `99999999-9999-4999-8999-${String(i).padStart(12, '0')}`);
    const known = Object.values(SP);
    const jobs = await h.gateway.listJobsOfMany([...unknown, ...known]);
    expect((await batchBodies()).map((requests) => requests.length)).toEqual([20, 1]);
    expect([...jobs.keys()].sort()).toEqual([...known].sort());
    expect(jobs.get(SP.fabrikamScim)?.[0].status?.code).toBe('Quarantine');
  });
});

describe('getJob', () => {
  it('maps the quarantined job of §6.13', async () => {
    const { servicePrincipalId, jobId } = DEMO.jobs.fabrikamScim;
    const job = await h.gateway.getJob(servicePrincipalId, jobId);
    expect(job).toMatchObject({
      id: jobId, templateId: 'scim', schedule: { interval: 'PT40M', state: 'Active' },
      status: { code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', error: { tenantActionable: true } } },
    });
  });

  it('returns the job itself, without the response\'s OData annotations', async () => {
    const job = await h.gateway.getJob(DEMO.jobs.workday.servicePrincipalId, DEMO.jobs.workday.jobId);
    expect(Object.keys(job).filter((key) => key.startsWith('@odata.'))).toEqual([]);
  });

  it('answers an unknown job id with notFound (itemNotFound)', async () => {
    const error = await graphFailure(h.gateway.getJob(SP.fabrikamScim, 'scim.00000000000000000000000000000000'));
    expect(error).toMatchObject({ failure: 'notFound', status: 404, graphCode: 'itemNotFound', requestId: expect.stringMatching(REQUEST_ID) });
  });
});
