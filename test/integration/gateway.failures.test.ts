/**
 * Each documented Graph failure reaches the caller as exactly one GraphError whose `failure` says what the
 * admin can do about it, carrying Graph's code, message and request-id when Graph answered at all.
 */
import { DEMO } from '../../bot/emulator';
import { GraphError } from '../../bot/graph/errors';
import {
  ADA_CALLER, APP, appToken, exactly, fixedTokens, graphFailure, jobPath, profilePath, REQUEST_ID, startGatewayHarness,
  userToken, type GatewayHarness,
} from '../support/gatewayHarness';

const P = DEMO.profiles;
const J = DEMO.jobs;
const SHORT_TIMEOUT_MS = 300;

let h: GatewayHarness;
beforeAll(async () => { h = await startGatewayHarness(); });
afterAll(() => h.close());
beforeEach(() => h.reset());

const withUserToken = (token: string) => h.gatewayWith({ tokens: fixedTokens({ user: token, app: token }) });
const jobState = async (ref: { servicePrincipalId: string; jobId: string }) => (await h.state()).jobs[`${ref.servicePrincipalId}/${ref.jobId}`];

/** Polls the request log until the emulator has answered everything it received (delayed calls finish late). */
async function untilAllAnswered(limitMs = 3_000): Promise<void> {
  const giveUpAt = Date.now() + limitMs;
  while ((await h.requests()).some((request) => request.status === 0)) {
    if (Date.now() > giveUpAt) throw new Error('the emulator never answered the delayed request');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('forbidden', () => {
  it('is what a sync job\'s 401 UnknownError means for a delegated token without a directory role', async () => {
    const gateway = withUserToken(userToken({ wids: undefined }));
    const error = await graphFailure(gateway.getJob(J.workday.servicePrincipalId, J.workday.jobId, ADA_CALLER));
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({
      failure: 'forbidden', code: 'graph.forbidden', status: 401, graphCode: 'UnknownError', message: '',
      requestId: expect.stringMatching(REQUEST_ID),
    });
  });

  it('is what a sync job\'s 401 UnknownError means for a delegated token without the Synchronization scope, and nothing restarts', async () => {
    const gateway = withUserToken(userToken({ scp: 'EduAdministration.ReadWrite Application.Read.All User.Read' }));
    const error = await graphFailure(gateway.restartJob(J.fabrikamScim.servicePrincipalId, J.fabrikamScim.jobId, { kind: 'full' }, ADA_CALLER));
    expect(error).toMatchObject({ failure: 'forbidden', status: 401, graphCode: 'UnknownError' });
    expect((await jobState(J.fabrikamScim)).lastRestart).toBeNull();
  });

  it('is what a sync job\'s 401 UnknownError means for an app token without a Synchronization role', async () => {
    const gateway = h.gatewayWith({ tokens: fixedTokens({ app: appToken({ roles: ['EduAdministration.Read.All'] }) }) });
    const error = await graphFailure(gateway.listJobs(J.workday.servicePrincipalId, APP));
    expect(error).toMatchObject({ failure: 'forbidden', status: 401, graphCode: 'UnknownError' });
  });

  it('is what SDS\'s 403 accessDenied means for an app token without an EduAdministration role', async () => {
    const gateway = h.gatewayWith({ tokens: fixedTokens({ app: appToken({ roles: ['Synchronization.Read.All'] }) }) });
    const error = await graphFailure(gateway.getProfile(P.contosoHighCsv, APP));
    expect(error).toMatchObject({ failure: 'forbidden', status: 403, graphCode: 'accessDenied', requestId: expect.stringMatching(REQUEST_ID) });
  });
});

describe('unauthenticated', () => {
  const expired = () => userToken({ exp: Math.floor(Date.now() / 1000) - 60 });

  it.each([
    ['an expired token on a sync job', expired, 'Lifetime validation failed, the token is expired.'],
    ['a garbled token on a sync job', () => 'not-a-jwt', 'CompactToken parsing failed with error code: 80049217'],
    ['an empty token on a sync job', () => '', 'Access token is empty.'],
  ])('is what 401 InvalidAuthenticationToken means for %s, never forbidden', async (_name, token, message) => {
    const error = await graphFailure(withUserToken(token()).pauseJob(J.workday.servicePrincipalId, J.workday.jobId, ADA_CALLER));
    expect(error).toMatchObject({
      failure: 'unauthenticated', status: 401, graphCode: 'InvalidAuthenticationToken', message, requestId: expect.stringMatching(REQUEST_ID),
    });
    expect((await jobState(J.workday)).status.code).toBe('Active');
  });

  it('is what an expired token means on an SDS mutation', async () => {
    const error = await graphFailure(withUserToken(expired()).pauseProfile(P.contosoHighCsv, ADA_CALLER));
    expect(error).toMatchObject({ failure: 'unauthenticated', status: 401 });
  });

  it('is what a 401 UnknownError means outside the sync endpoints (only those use it for refusals)', async () => {
    const body = { error: { code: 'UnknownError', message: '' } };
    await h.fault({ method: 'GET', path: exactly(profilePath(P.contosoHighCsv)), status: 401, body });
    expect((await graphFailure(h.gateway.getProfile(P.contosoHighCsv))).failure).toBe('unauthenticated');
  });
});

describe('conflict', () => {
  it('is what an uploadUrl-style 409 means, with Graph\'s message', async () => {
    const body = { error: { code: 'conflict', message: 'A previous upload is still being processed; try again later.' } };
    await h.fault({ method: 'POST', path: exactly(profilePath(P.contosoHighCsv, 'start')), status: 409, body });
    const error = await graphFailure(h.gateway.startProfile(P.contosoHighCsv, ADA_CALLER));
    expect(error).toMatchObject({
      failure: 'conflict', status: 409, graphCode: 'conflict', message: 'A previous upload is still being processed; try again later.',
      requestId: expect.stringMatching(REQUEST_ID),
    });
  });
});

describe('throttled', () => {
  it('is what a 429 means once retrying is pointless, with Graph\'s Retry-After', async () => {
    await h.fault({ method: 'POST', path: exactly(jobPath(J.workday, 'pause')), status: 429, retryAfter: 120, count: 5 });
    const error = await graphFailure(h.gateway.pauseJob(J.workday.servicePrincipalId, J.workday.jobId, ADA_CALLER));
    expect(error).toMatchObject({
      failure: 'throttled', status: 429, graphCode: 'TooManyRequests', retryAfterSeconds: 120, requestId: expect.stringMatching(REQUEST_ID),
    });
  });
});

describe('unavailable', () => {
  it.each([
    [500, 'generalException'],
    [502, 'generalException'],
    [503, 'serviceNotAvailable'],
  ])('is what a %d means', async (status, graphCode) => {
    await h.fault({ method: 'GET', path: exactly(profilePath(P.contosoHighCsv)), status, retryAfter: 120, count: 5 });
    const error = await graphFailure(h.gateway.getProfile(P.contosoHighCsv));
    expect(error).toMatchObject({ failure: 'unavailable', status, graphCode, requestId: expect.stringMatching(REQUEST_ID) });
  });
});

describe('timeout and outcomeUnknown', () => {
  const impatient = () => h.gatewayWith({ timeoutMs: SHORT_TIMEOUT_MS });

  it('a read that gets no answer in time fails with timeout, no request-id, and is not sent twice', async () => {
    await h.fault({ method: 'GET', path: exactly(jobPath(J.workday)), hang: true });
    const started = Date.now();
    const error = await graphFailure(impatient().getJob(J.workday.servicePrincipalId, J.workday.jobId));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({ failure: 'timeout', status: 0, requestId: undefined });
    expect(await h.calls()).toEqual([`GET ${jobPath(J.workday)}`]);
  });

  it('a read answered too late fails with timeout', async () => {
    await h.fault({ method: 'GET', path: exactly(profilePath(P.contosoHighCsv, 'profileStatus')), delayMs: 800 });
    expect((await graphFailure(impatient().getProfileStatus(P.contosoHighCsv))).failure).toBe('timeout');
    await untilAllAnswered();
  });

  it('the same read answered in time succeeds with the short timeout', async () => {
    expect((await impatient().getProfileStatus(P.contosoHighCsv)).status).toBe('success');
  });

  it('a mutation that gets no answer is outcomeUnknown, never "failed"', async () => {
    await h.fault({ method: 'POST', path: exactly(jobPath(J.workday, 'pause')), hang: true });
    const error = await graphFailure(impatient().pauseJob(J.workday.servicePrincipalId, J.workday.jobId, ADA_CALLER));
    expect(error).toMatchObject({ failure: 'outcomeUnknown', status: 0, requestId: undefined });
    expect(await h.calls()).toEqual([`POST ${jobPath(J.workday, 'pause')}`]);
  });

  it('a mutation answered too late is outcomeUnknown, and Graph did carry it out', async () => {
    await h.fault({ method: 'POST', path: exactly(profilePath(P.contosoHighCsv, 'pause')), delayMs: 800 });
    const error = await graphFailure(impatient().pauseProfile(P.contosoHighCsv, ADA_CALLER));
    expect(error.failure).toBe('outcomeUnknown');
    await untilAllAnswered();
    expect((await h.state()).profiles[P.contosoHighCsv].status.status).toBe('paused');
  });
});
