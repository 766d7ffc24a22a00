/**
 * The wiring below the gateway: every call reaches the emulator over https, trusting exactly its CA, with a
 * bearer token of the right kind (the Graph client attaches it only to https hosts it knows). A client that
 * cannot reach Graph says so instead of succeeding or pretending Graph was slow.
 */
import { createServer } from 'node:net';
import { DEMO } from '../../bot/emulator';
import { makeCertificate } from '../../bot/emulator/tls';
import {
  ADA, ADA_CALLER, graphFailure, startGatewayHarness, type GatewayHarness,
} from '../support/gatewayHarness';

const P = DEMO.profiles;
const J = DEMO.jobs;

let h: GatewayHarness;
beforeAll(async () => { h = await startGatewayHarness(); });
afterAll(() => h.close());
beforeEach(() => h.reset());

const tokenKinds = async () => (await h.requests()).map((request) => [request.tokenKind, request.user]);

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Authorization', () => {
  it('sends the app\'s bearer token on every default read, including the calls inside a $batch', async () => {
    const g = h.gateway;
    await g.listProfiles();
    await g.getProfile(P.contosoHighCsv);
    await g.getProfileStatus(P.contosoHighCsv);
    await g.getProfileStatuses([P.contosoHighCsv, P.woodgroveOneRoster]);
    await g.listProfileErrors(P.woodgroveOneRoster, { top: 5 });
    await g.searchServicePrincipals('workday');
    await g.getServicePrincipal(DEMO.servicePrincipals.workday);
    await g.listJobs(J.workday.servicePrincipalId);
    await g.getJob(J.workday.servicePrincipalId, J.workday.jobId);
    const kinds = await tokenKinds();
    expect(kinds).toHaveLength(11);
    expect(kinds).toEqual(kinds.map(() => ['app', null]));
  });

  it('sends the acting admin\'s delegated token, naming her, on every mutation and on reads made for her', async () => {
    const g = h.gateway;
    await g.pauseProfile(P.contosoHighCsv, ADA_CALLER);
    await g.resumeProfile(P.contosoHighSummer, ADA_CALLER);
    await g.resetProfile(P.woodgroveOneRoster, ADA_CALLER);
    await g.startProfile(P.fabrikamMiddleCsv, ADA_CALLER);
    await g.startJob(J.salesforce.servicePrincipalId, J.salesforce.jobId, ADA_CALLER);
    await g.pauseJob(J.workday.servicePrincipalId, J.workday.jobId, ADA_CALLER);
    await g.restartJob(J.fabrikamScim.servicePrincipalId, J.fabrikamScim.jobId, { kind: 'full' }, ADA_CALLER);
    await g.getJob(J.workday.servicePrincipalId, J.workday.jobId, ADA_CALLER);
    const kinds = await tokenKinds();
    expect(kinds).toHaveLength(8);
    expect(kinds).toEqual(kinds.map(() => ['delegated', ADA.aadObjectId]));
  });
});

describe('reaching Graph', () => {
  it('a client that trusts a different CA never reaches the emulator and reports unreachable', async () => {
    const stranger = h.gatewayWith({ caCert: (await makeCertificate()).cert });
    const read = await graphFailure(stranger.listJobs(J.workday.servicePrincipalId));
    const mutation = await graphFailure(stranger.pauseJob(J.workday.servicePrincipalId, J.workday.jobId, ADA_CALLER));
    // A failed TLS handshake means the request was never sent: not "slow", and not "may have happened".
    expect([read.failure, mutation.failure]).toEqual(['unreachable', 'unreachable']);
    expect(await h.requests()).toEqual([]);
  });

  it('a client pointed at a port nobody listens on reports unreachable for reads and mutations', async () => {
    const nowhere = h.gatewayWith({ baseUrl: `https://127.0.0.1:${await closedPort()}/beta` });
    const read = await graphFailure(nowhere.getProfile(P.contosoHighCsv));
    const mutation = await graphFailure(nowhere.pauseProfile(P.contosoHighCsv, ADA_CALLER));
    expect([read, mutation]).toEqual([
      expect.objectContaining({ failure: 'unreachable', status: 0, requestId: undefined }),
      expect.objectContaining({ failure: 'unreachable', status: 0, requestId: undefined }),
    ]);
  });
});
