import { DEMO, DIRECTORY_ROLES, mintDemoAppToken, mintDemoUserToken } from '../../bot/emulator';
import { startEmulatorClient, type EmulatorClient, type Json } from '../support/emulatorClient';

const J = DEMO.jobs;
type JobRef = { servicePrincipalId: string; jobId: string };
const jobsOf = (spId: string) => `/beta/servicePrincipals/${spId}/synchronization/jobs`;
const jobUrl = (job: JobRef) => `${jobsOf(job.servicePrincipalId)}/${job.jobId}`;

let client: EmulatorClient;
beforeAll(async () => { client = await startEmulatorClient(); });
afterAll(() => client.close());
beforeEach(() => client.reset());

const getJob = async (job: JobRef): Promise<Json> => (await client.call('GET', jobUrl(job))).body;
const lastRestart = async (job: JobRef): Promise<Json> =>
  (await client.control('GET', 'state')).body.jobs[`${job.servicePrincipalId}/${job.jobId}`].lastRestart;
const restart = (job: JobRef, body?: unknown, token?: string) => client.call('POST', `${jobUrl(job)}/restart`, { body, token });

describe('listing and reading jobs', () => {
  it('lists both jobs of the app that has two', async () => {
    const answer = await client.call('GET', jobsOf(DEMO.servicePrincipals.contosoCloudSync));
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((job: Json) => job.id)).toEqual([J.cloudSyncContoso.jobId, J.cloudSyncFabrikam.jobId]);
    expect(answer.body.value.map((job: Json) => job.status.code)).toEqual(['Active', 'Quarantine']);
  });

  it('lists no jobs for an app without provisioning, and 404s an unknown app', async () => {
    expect((await client.call('GET', jobsOf(DEMO.servicePrincipals.microsoftTeams))).body.value).toEqual([]);
    const unknown = await client.call('GET', jobsOf('99999999-9999-4999-8999-999999999999'));
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
  });

  it('accepts a trailing slash and the appId alternate key', async () => {
    expect((await client.call('GET', `${jobsOf(DEMO.servicePrincipals.workday)}/`)).body.value).toHaveLength(1);
    const byAppId = await client.call('GET', `/beta/servicePrincipals(appId='${DEMO.appIds.workday}')/synchronization/jobs/${J.workday.jobId}`);
    expect([byAppId.status, byAppId.body.id]).toEqual([200, J.workday.jobId]);
  });

  it('gets a quarantined job shaped as §6.13', async () => {
    const job = await getJob(J.fabrikamScim);
    expect(job).toMatchObject({
      id: J.fabrikamScim.jobId,
      templateId: 'scim',
      schedule: { interval: 'PT40M', state: 'Active' },
      status: {
        code: 'Quarantine',
        quarantine: { reason: 'EncounteredQuarantineException', seriesCount: 2, error: { code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable', tenantActionable: true } },
        lastExecution: { state: 'Failed' },
        lastSuccessfulExecution: { state: 'Succeeded', countImported: 1882 },
      },
    });
  });

  it('404s an unknown job id with itemNotFound', async () => {
    const answer = await client.call('GET', `${jobsOf(DEMO.servicePrincipals.workday)}/Workday.00000000000000000000000000000000`);
    expect([answer.status, answer.body.error.code]).toEqual([404, 'itemNotFound']);
  });
});

describe('pause and start', () => {
  it('pauses an active job (204): status and schedule Paused', async () => {
    const answer = await client.call('POST', `${jobUrl(J.workday)}/pause`);
    expect([answer.status, answer.text]).toEqual([204, '']);
    const job = await getJob(J.workday);
    expect([job.status.code, job.schedule.state]).toEqual(['Paused', 'Paused']);
  });

  it('starts a paused job back to Active', async () => {
    expect((await client.call('POST', `${jobUrl(J.salesforce)}/start`)).status).toBe(204);
    const job = await getJob(J.salesforce);
    expect([job.status.code, job.schedule.state]).toEqual(['Active', 'Active']);
  });

  it('start clears a quarantine', async () => {
    await client.call('POST', `${jobUrl(J.fabrikamScim)}/start`);
    expect((await getJob(J.fabrikamScim)).status).toMatchObject({ code: 'Active', quarantine: null });
  });

  it('refuses to pause an unknown job and leaves the others alone', async () => {
    expect((await client.call('POST', `${jobsOf(DEMO.servicePrincipals.workday)}/nope/pause`)).status).toBe(404);
    expect((await getJob(J.workday)).status.code).toBe('Active');
  });
});

describe('restart', () => {
  it('treats a missing body as Watermark, Escrows, QuarantineState and lifts the quarantine', async () => {
    expect((await restart(J.fabrikamScim)).status).toBe(204);
    expect((await getJob(J.fabrikamScim)).status).toMatchObject({ code: 'Active', quarantine: null });
    expect(await lastRestart(J.fabrikamScim)).toMatchObject({ resetScope: 'Watermark, Escrows, QuarantineState', flags: 14 });
  });

  it('treats {} and an empty resetScope as the default too', async () => {
    for (const body of [{}, { criteria: null }, { criteria: { resetScope: '' } }]) {
      expect((await restart(J.workday, body)).status).toBe(204);
      expect((await lastRestart(J.workday)).flags).toBe(14);
    }
  });

  it('refuses an unknown flag with 400 invalidRequest and changes nothing', async () => {
    const answer = await restart(J.fabrikamScim, { criteria: { resetScope: 'Watermark, Everything' } });
    expect([answer.status, answer.body.error.code]).toEqual([400, 'invalidRequest']);
    expect(answer.body.error.message).toContain('Everything');
    expect((await getJob(J.fabrikamScim)).status.code).toBe('Quarantine');
    expect(await lastRestart(J.fabrikamScim)).toBeNull();
  });

  it('keeps the quarantine when the scope does not lift it, but drops escrows', async () => {
    await restart(J.fabrikamScim, { criteria: { resetScope: 'Escrows' } });
    expect((await getJob(J.fabrikamScim)).status.code).toBe('Quarantine');
    await restart(J.serviceNow, { criteria: { resetScope: 'Escrows' } });
    expect((await getJob(J.serviceNow)).status.lastExecution.countEscrowed).toBe(0);
  });

  it('ForceDeletes lifts only a TooManyDeletes quarantine', async () => {
    await restart(J.cloudSyncFabrikam, { criteria: { resetScope: 'ForceDeletes' } });
    expect((await getJob(J.cloudSyncFabrikam)).status.code).toBe('Active');
    await restart(J.fabrikamScim, { criteria: { resetScope: 'ForceDeletes' } });
    expect((await getJob(J.fabrikamScim)).status.code).toBe('Quarantine');
  });

  it('reads Full as 15 and matches names case-insensitively', async () => {
    await restart(J.workday, { criteria: { resetScope: 'Full' } });
    expect((await lastRestart(J.workday)).flags).toBe(15);
    await restart(J.workday, { criteria: { resetScope: 'watermark,escrows' } });
    expect(await lastRestart(J.workday)).toMatchObject({ resetScope: 'Watermark, Escrows', flags: 6 });
  });

  it('refuses a body that is not JSON', async () => {
    const answer = await client.call('POST', `${jobUrl(J.workday)}/restart`, { rawBody: '{criteria', headers: { 'Content-Type': 'application/json' } });
    expect(answer.status).toBe(400);
  });
});

describe('sync-job permissions (current profile)', () => {
  const noPermission = async (answer: Json) => {
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: 'UnknownError', message: '' });
  };

  it('needs a directory role for delegated callers: 401 UnknownError without one', async () => {
    await noPermission(await client.call('POST', `${jobUrl(J.workday)}/pause`, { token: mintDemoUserToken({ wids: [] }) }));
    expect((await getJob(J.workday)).status.code).toBe('Active');
  });

  it.each(Object.entries(DIRECTORY_ROLES))('accepts %s', async (_name, role) => {
    expect((await client.call('POST', `${jobUrl(J.workday)}/pause`, { token: mintDemoUserToken({ wids: [role] }) })).status).toBe(204);
  });

  it('lets Synchronization.Read.All read but not pause', async () => {
    const token = mintDemoUserToken({ scp: 'Synchronization.Read.All' });
    expect((await client.call('GET', jobUrl(J.workday), { token })).status).toBe(200);
    await noPermission(await client.call('POST', `${jobUrl(J.workday)}/pause`, { token }));
  });

  it('accepts the legacy Directory.ReadWrite.All for restart', async () => {
    expect((await restart(J.workday, undefined, mintDemoUserToken({ scp: 'Directory.ReadWrite.All' }))).status).toBe(204);
  });

  it('lets an app token with Synchronization.ReadWrite.All restart, and refuses one without', async () => {
    expect((await restart(J.workday, undefined, mintDemoAppToken())).status).toBe(204);
    await noPermission(await restart(J.workday, undefined, mintDemoAppToken({ roles: ['Application.Read.All'] })));
  });

  it('honours Application.ReadWrite.OwnedBy only on apps the caller owns', async () => {
    const token = mintDemoAppToken({ roles: ['Application.ReadWrite.OwnedBy'] });
    expect((await client.call('POST', `${jobUrl(J.salesforce)}/start`, { token })).status).toBe(204);
    await noPermission(await client.call('POST', `${jobUrl(J.workday)}/pause`, { token }));
  });
});
