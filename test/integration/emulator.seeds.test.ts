/**
 * The example requests of the five seed pages (reference/seeds), sent as written (method, path under /beta,
 * headers, body text), and answered as the pages say, under both permission profiles.
 */
import { DEMO, DIRECTORY_ROLES, mintDemoAppToken, mintDemoUserToken } from '../../bot/emulator';
import type { PermissionProfile } from '../../bot/emulator';
import { startEmulatorClient, type EmulatorClient } from '../support/emulatorClient';

const profileId = DEMO.profiles.contosoHighCsv;
const { servicePrincipalId: spId, jobId } = DEMO.jobs.fabrikamScim;

// Seed 001's and seed 004's request bodies, byte for byte.
const SEED_001_BODY = `{
   "criteria": {
       "resetScope": "ConnectorDataStore, Escrows, QuarantineState"
   }
}`;
const SEED_004_BODY = `{
   "criteria": {
       "resetScope": "Watermark, Escrows, QuarantineState"
   }
}`;
const JSON_HEADERS = { 'Content-type': 'application/json' };

describe.each<PermissionProfile>(['current', 'seeds'])('seed examples under the %s permission profile', (permissions) => {
  let client: EmulatorClient;
  beforeAll(async () => { client = await startEmulatorClient({ permissions }); });
  afterAll(() => client.close());
  beforeEach(() => client.reset());

  it('seed 000: POST /beta/education/synchronizationProfiles/{id}/reset → 200 OK, no body', async () => {
    const answer = await client.call('POST', `/beta/education/synchronizationProfiles/${profileId}/reset`);
    expect([answer.status, answer.text]).toEqual([200, '']);
    expect((await client.call('GET', `/beta/education/synchronizationProfiles/${profileId}/errors`)).body.value).toEqual([]);
  });

  it('seed 000/003: the "HTTP request" block\'s short path answers 404', async () => {
    for (const action of ['reset', 'pause']) {
      expect((await client.call('POST', `/beta/synchronizationProfiles/${profileId}/${action}`)).status).toBe(404);
    }
  });

  it('seed 002: POST …/start verifies the files → 200 with warnings, 400 with errors', async () => {
    const warned = await client.call('POST', `/beta/education/synchronizationProfiles/${profileId}/start`);
    expect([warned.status, warned.body.value[0].type]).toEqual([200, 'Warning']);
    const failed = await client.call('POST', `/beta/education/synchronizationProfiles/${DEMO.profiles.contosoHighSummer}/start`);
    expect([failed.status, failed.body.value[0].type]).toEqual([400, 'Error']);
  });

  it('seed 002: start also works app-only with EduAdministration.ReadWrite.All', async () => {
    const token = mintDemoAppToken({ roles: ['EduAdministration.ReadWrite.All'] });
    expect((await client.call('POST', `/beta/education/synchronizationProfiles/${DEMO.profiles.fabrikamMiddleCsv}/start`, { token })).status).toBe(200);
  });

  it('seed 003: POST …/pause → 200 OK, no body, profile paused', async () => {
    const answer = await client.call('POST', `/beta/education/synchronizationProfiles/${profileId}/pause`);
    expect([answer.status, answer.text]).toEqual([200, '']);
    const status = await client.call('GET', `/beta/education/synchronizationProfiles/${profileId}/profileStatus`);
    expect(status.body.status).toBe('paused');
  });

  it('seeds 000/003: app-only pause and reset are refused only under the seeds profile', async () => {
    const token = mintDemoAppToken();
    const pause = await client.call('POST', `/beta/education/synchronizationProfiles/${profileId}/pause`, { token });
    const reset = await client.call('POST', `/beta/education/synchronizationProfiles/${profileId}/reset`, { token });
    const expected = permissions === 'seeds' ? 403 : 200;
    expect([pause.status, reset.status]).toEqual([expected, expected]);
  });

  it('seed 001: restart with its body and delegated Directory.ReadWrite.All → 204 No Content', async () => {
    const token = mintDemoUserToken({ scp: 'Directory.ReadWrite.All' });
    const answer = await client.call('POST', `/beta/servicePrincipals/${spId}/synchronization/jobs/${jobId}/restart`,
      { token, headers: JSON_HEADERS, rawBody: SEED_001_BODY });
    expect([answer.status, answer.text]).toEqual([204, '']);
    const state = (await client.control('GET', 'state')).body.jobs[`${spId}/${jobId}`];
    expect(state.lastRestart).toMatchObject({ resetScope: 'ConnectorDataStore, Escrows, QuarantineState', flags: 11 });
    expect(state.status.code).toBe('Active');
  });

  it('seed 001: restart is not supported app-only under the seeds profile (401 UnknownError)', async () => {
    const answer = await client.call('POST', `/beta/servicePrincipals/${spId}/synchronization/jobs/${jobId}/restart`,
      { token: mintDemoAppToken(), headers: JSON_HEADERS, rawBody: SEED_001_BODY });
    expect(answer.status).toBe(permissions === 'seeds' ? 401 : 204);
  });

  it('seed 004: restart with its body and Synchronization.ReadWrite.All → 204 under current, 401 under seeds', async () => {
    const answer = await client.call('POST', `/beta/servicePrincipals/${spId}/synchronization/jobs/${jobId}/restart`,
      { headers: JSON_HEADERS, rawBody: SEED_004_BODY });
    expect(answer.status).toBe(permissions === 'seeds' ? 401 : 204);
  });

  it('seed 004: the delegated caller also needs an application or hybrid identity admin role', async () => {
    const url = `/beta/servicePrincipals/${spId}/synchronization/jobs/${jobId}/restart`;
    const scp = permissions === 'seeds' ? 'Directory.ReadWrite.All' : 'Synchronization.ReadWrite.All';
    const withoutRole = await client.call('POST', url, { token: mintDemoUserToken({ scp, wids: [] }), headers: JSON_HEADERS, rawBody: SEED_004_BODY });
    expect([withoutRole.status, withoutRole.body.error.code, withoutRole.body.error.message]).toEqual([401, 'UnknownError', '']);
    const hybrid = mintDemoUserToken({ scp, wids: [DIRECTORY_ROLES.hybridIdentityAdministrator] });
    expect((await client.call('POST', url, { token: hybrid, headers: JSON_HEADERS, rawBody: SEED_004_BODY })).status).toBe(204);
  });

  it('seed 004: app-only Application.ReadWrite.OwnedBy restarts an owned app\'s job under current only', async () => {
    const { servicePrincipalId, jobId: salesforceJob } = DEMO.jobs.salesforce;
    const token = mintDemoAppToken({ roles: ['Application.ReadWrite.OwnedBy'] });
    const answer = await client.call('POST', `/beta/servicePrincipals/${servicePrincipalId}/synchronization/jobs/${salesforceJob}/restart`,
      { token, headers: JSON_HEADERS, rawBody: SEED_004_BODY });
    expect(answer.status).toBe(permissions === 'seeds' ? 401 : 204);
  });
});
