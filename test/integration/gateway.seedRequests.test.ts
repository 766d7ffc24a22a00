/**
 * The example requests of the seed pages (reference/seeds), as the gateway sends them: same method, same
 * path under /beta (the example URL, never the short "HTTP request" path), same body; compared with what the
 * emulator logged.
 */
import { DEMO } from '../../bot/emulator';
import { ADA_CALLER, startGatewayHarness, type GatewayHarness } from '../support/gatewayHarness';

const profileId = DEMO.profiles.contosoHighCsv;
const { servicePrincipalId: spId, jobId } = DEMO.jobs.fabrikamScim;

let h: GatewayHarness;
beforeAll(async () => { h = await startGatewayHarness(); });
afterAll(() => h.close());
beforeEach(() => h.reset());

const sent = async () => (await h.requests()).map(({ method, path, body }) => ({ method, path, body }));

// The seeds' request bodies as written (JSON.parse of the page text), and `null` where a page says
// "Do not supply a request body for this method."
const SEED_001_BODY = JSON.parse('{\n   "criteria": {\n       "resetScope": "ConnectorDataStore, Escrows, QuarantineState"\n   }\n}');
const SEED_004_BODY = JSON.parse('{\n   "criteria": {\n       "resetScope": "Watermark, Escrows, QuarantineState"\n   }\n}');

describe('the seed examples, as the gateway sends them', () => {
  it('seed 000: POST /beta/education/synchronizationProfiles/{id}/reset with no body', async () => {
    await h.gateway.resetProfile(profileId, ADA_CALLER);
    expect(await sent()).toEqual([{ method: 'POST', path: `/beta/education/synchronizationProfiles/${profileId}/reset`, body: null }]);
  });

  it('seed 001: POST /beta/servicePrincipals/{id}/synchronization/jobs/{jobId}/restart with its ConnectorDataStore body', async () => {
    await h.gateway.restartJob(spId, jobId, { kind: 'flags', flags: ['ConnectorDataStore', 'Escrows', 'QuarantineState'] }, ADA_CALLER);
    expect(await sent()).toEqual([{ method: 'POST', path: `/beta/servicePrincipals/${spId}/synchronization/jobs/${jobId}/restart`, body: SEED_001_BODY }]);
  });

  it('seed 002: POST /beta/education/synchronizationProfiles/{id}/start with no body', async () => {
    await h.gateway.startProfile(profileId, ADA_CALLER);
    expect(await sent()).toEqual([{ method: 'POST', path: `/beta/education/synchronizationProfiles/${profileId}/start`, body: null }]);
  });

  it('seed 003: POST /beta/education/synchronizationProfiles/{id}/pause with no body', async () => {
    await h.gateway.pauseProfile(profileId, ADA_CALLER);
    expect(await sent()).toEqual([{ method: 'POST', path: `/beta/education/synchronizationProfiles/${profileId}/pause`, body: null }]);
  });

  it('seed 004: POST /beta/servicePrincipals/{id}/synchronization/jobs/{jobId}/restart with its Watermark body', async () => {
    await h.gateway.restartJob(spId, jobId, { kind: 'flags', flags: ['Watermark', 'Escrows', 'QuarantineState'] }, ADA_CALLER);
    expect(await sent()).toEqual([{ method: 'POST', path: `/beta/servicePrincipals/${spId}/synchronization/jobs/${jobId}/restart`, body: SEED_004_BODY }]);
  });

  it('never uses the seeds\' short /synchronizationProfiles path (which the emulator answers with 404)', async () => {
    await h.gateway.pauseProfile(profileId, ADA_CALLER);
    await h.gateway.resetProfile(profileId, ADA_CALLER);
    const paths = (await sent()).map((request) => request.path);
    expect(paths.filter((path) => path.startsWith('/beta/synchronizationProfiles'))).toEqual([]);
    expect(await h.requests()).toEqual([expect.objectContaining({ status: 200 }), expect.objectContaining({ status: 200 })]);
  });
});
