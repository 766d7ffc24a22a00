/**
 * Retry only what can succeed (STYLE, Graph gateway): 429 and 503 for every call, 504 only for reads, honouring
 * Retry-After within a limit and a deadline; never another 4xx or a 500. Counted at the emulator's request log.
 */
import { DEMO } from '../../bot/emulator';
import {
  ADA_CALLER, exactly, graphFailure, jobPath, startGatewayHarness, type GatewayHarness,
} from '../support/gatewayHarness';

const J = DEMO.jobs.workday;
const GET_JOB = exactly(jobPath(J));
const PAUSE_JOB = exactly(jobPath(J, 'pause'));
const RETRY_DEADLINE_MS = 2_000;

let h: GatewayHarness;
beforeAll(async () => { h = await startGatewayHarness(); });
afterAll(() => h.close());
beforeEach(() => h.reset());

const statuses = async () => (await h.requests()).map((request) => request.status);
const getJob = () => h.gateway.getJob(J.servicePrincipalId, J.jobId);
const pauseJob = () => h.gateway.pauseJob(J.servicePrincipalId, J.jobId, ADA_CALLER);
const jobCode = async () => (await h.state()).jobs[`${J.servicePrincipalId}/${J.jobId}`].status.code;

describe('retried', () => {
  it.each([429, 503, 504])('a GET answered %d (Retry-After 0) is sent again and returns the second answer', async (status) => {
    await h.fault({ method: 'GET', path: GET_JOB, status, retryAfter: 0 });
    expect((await getJob()).id).toBe(J.jobId);
    expect(await statuses()).toEqual([status, 200]);
  });

  it.each([429, 503])('a POST answered %d (Retry-After 0) is sent again and takes effect once', async (status) => {
    await h.fault({ method: 'POST', path: PAUSE_JOB, status, retryAfter: 0 });
    expect(await pauseJob()).toEqual({ requestId: expect.any(String) });
    expect(await statuses()).toEqual([status, 204]);
    expect(await jobCode()).toBe('Paused');
  });

  it('waits the Retry-After Graph asked for before sending again', async () => {
    await h.fault({ method: 'GET', path: GET_JOB, status: 429, retryAfter: 1 });
    const started = Date.now();
    await getJob();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await statuses()).toEqual([429, 200]);
  });

  it('gives up after a bounded number of tries while Graph keeps throttling', async () => {
    await h.fault({ method: 'GET', path: GET_JOB, status: 429, retryAfter: 0, count: 10 });
    expect((await graphFailure(getJob())).failure).toBe('throttled');
    const tries = (await statuses()).length;
    expect(tries).toBeGreaterThan(1);
    expect(tries).toBeLessThanOrEqual(4);
  });
});

describe('not retried', () => {
  it('a POST answered 504 is sent exactly once and reported as outcomeUnknown with Graph\'s request-id', async () => {
    await h.fault({ method: 'POST', path: PAUSE_JOB, status: 504, retryAfter: 0 });
    const error = await graphFailure(pauseJob());
    expect(error).toMatchObject({ failure: 'outcomeUnknown', status: 504, graphCode: 'gatewayTimeout', requestId: expect.any(String) });
    expect(await h.calls()).toEqual([`POST ${jobPath(J, 'pause')}`]);
  });

  it.each([
    ['GET', 429, 'throttled'],
    ['POST', 429, 'throttled'],
    ['GET', 503, 'unavailable'],
  ])('a %s answered %d with a Retry-After beyond the deadline fails at once as %s', async (method, status, failure) => {
    const gateway = h.gatewayWith({ retryDeadlineMs: RETRY_DEADLINE_MS });
    await h.fault({ method, path: method === 'GET' ? GET_JOB : PAUSE_JOB, status, retryAfter: 30, count: 5 });
    const started = Date.now();
    const error = await graphFailure(method === 'GET'
      ? gateway.getJob(J.servicePrincipalId, J.jobId)
      : gateway.pauseJob(J.servicePrincipalId, J.jobId, ADA_CALLER));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ failure, status, retryAfterSeconds: 30 });
    expect(await statuses()).toEqual([status]);
  });

  it('a 503 without Retry-After is not retried when the back-off would end past the retry deadline', async () => {
    // The Graph client's back-off adds up to a second of jitter from Math.random; pinned so the wait is known (1.9 s).
    const jitter = jest.spyOn(Math, 'random').mockReturnValue(0.9);
    try {
      const gateway = h.gatewayWith({ retryDeadlineMs: 1_100 });
      await h.fault({ method: 'GET', path: GET_JOB, status: 503, count: 5 });
      const started = Date.now();
      expect((await graphFailure(gateway.getJob(J.servicePrincipalId, J.jobId))).failure).toBe('unavailable');
      expect(Date.now() - started).toBeLessThan(1_100);
    } finally {
      jitter.mockRestore();
    }
  });

  it.each([
    [400, 'badRequest'],
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [409, 'conflict'],
    [500, 'unavailable'],
  ])('a GET answered %d is sent once and fails as %s', async (status, failure) => {
    await h.fault({ method: 'GET', path: GET_JOB, status, retryAfter: 0, count: 3 });
    expect((await graphFailure(getJob())).failure).toBe(failure);
    expect(await statuses()).toEqual([status]);
  });

  it('a POST answered 500 is sent once and the job is left as it was', async () => {
    await h.fault({ method: 'POST', path: PAUSE_JOB, status: 500, retryAfter: 0, count: 3 });
    expect((await graphFailure(pauseJob())).failure).toBe('unavailable');
    expect(await statuses()).toEqual([500]);
    expect(await jobCode()).toBe('Active');
  });
});
