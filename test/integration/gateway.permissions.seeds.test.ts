/**
 * The `seeds` permission profile (the old pages): SDS pause, resume and reset take no application permission
 * (seeds 000, 003), and restart needs delegated Directory.ReadWrite.All (seed 001). The gateway reports the
 * refusal as forbidden; the admin's delegated token succeeds.
 */
import { DEMO } from '../../bot/emulator';
import {
  ADA_CALLER, APP, fixedTokens, graphFailure, REQUEST_ID, startGatewayHarness, userToken, type GatewayHarness,
} from '../support/gatewayHarness';
import type { Caller } from '../../bot/actor';

const profileId = DEMO.profiles.contosoHighCsv;
const scim = DEMO.jobs.fabrikamScim;

let h: GatewayHarness;
beforeAll(async () => { h = await startGatewayHarness({ permissions: 'seeds' }); });
afterAll(() => h.close());
beforeEach(() => h.reset());

const profile = async () => (await h.state()).profiles[profileId];
const pause = (caller: Caller) => h.gateway.pauseProfile(profileId, caller);
const reset = (caller: Caller) => h.gateway.resetProfile(profileId, caller);

describe.each([
  ['pauseProfile', pause, 'paused'],
  ['resetProfile', reset, 'inProgress'],
])('%s under the seeds profile', (_name, act, after) => {
  it('refuses the app\'s token as forbidden (403 accessDenied) and changes nothing', async () => {
    const error = await graphFailure(act(APP));
    expect(error).toMatchObject({ failure: 'forbidden', status: 403, graphCode: 'accessDenied', requestId: expect.stringMatching(REQUEST_ID) });
    expect((await profile()).status.status).toBe('success');
    expect((await h.requests()).map((request) => request.tokenKind)).toEqual(['app']);
  });

  it('succeeds with the admin\'s delegated token', async () => {
    expect(await act(ADA_CALLER)).toEqual({ requestId: expect.stringMatching(REQUEST_ID) });
    expect((await profile()).status.status).toBe(after);
  });
});

describe('restartJob under the seeds profile', () => {
  it('refuses a delegated token with only Synchronization.ReadWrite.All as forbidden', async () => {
    const error = await graphFailure(h.gateway.restartJob(scim.servicePrincipalId, scim.jobId, { kind: 'full' }, ADA_CALLER));
    expect(error).toMatchObject({ failure: 'forbidden', status: 401, graphCode: 'UnknownError' });
  });

  it('succeeds with a delegated Directory.ReadWrite.All token (seed 001)', async () => {
    const gateway = h.gatewayWith({ tokens: fixedTokens({ user: userToken({ scp: 'Directory.ReadWrite.All' }) }) });
    await gateway.restartJob(scim.servicePrincipalId, scim.jobId, { kind: 'full' }, ADA_CALLER);
    expect((await h.state()).jobs[`${scim.servicePrincipalId}/${scim.jobId}`].lastRestart).toMatchObject({ flags: 15 });
  });
});
