import { DEMO, mintDemoAppToken } from '../../bot/emulator';
import { startEmulatorClient, type EmulatorClient } from '../support/emulatorClient';

const P = DEMO.profiles;
const PROFILES = '/beta/education/synchronizationProfiles';
const workdayJob = `/beta/servicePrincipals/${DEMO.jobs.workday.servicePrincipalId}/synchronization/jobs/${DEMO.jobs.workday.jobId}`;

let client: EmulatorClient;
beforeAll(async () => { client = await startEmulatorClient(); });
afterAll(() => client.close());
beforeEach(() => client.reset());

const fault = (spec: Record<string, unknown>) => client.control('POST', 'faults', spec);

describe('the request log', () => {
  it('records each Graph call with method, path, query, body, token kind, user, status and time', async () => {
    await client.call('POST', `${PROFILES}/${P.contosoHighCsv}/pause`);
    await client.call('GET', "/beta/servicePrincipals?$top=2&$filter=startswith(displayName,'Work')", { token: mintDemoAppToken() });
    await client.call('POST', `${workdayJob}/restart`, { token: null, body: { criteria: { resetScope: 'Watermark' } } });
    const log = await client.requests();
    expect(log).toEqual([
      { method: 'POST', path: `${PROFILES}/${P.contosoHighCsv}/pause`, query: {}, body: null, tokenKind: 'delegated', user: DEMO.admin.oid, status: 200, at: expect.any(String) },
      { method: 'GET', path: '/beta/servicePrincipals', query: { $top: '2', $filter: "startswith(displayName,'Work')" }, body: null, tokenKind: 'app', user: null, status: 200, at: expect.any(String) },
      { method: 'POST', path: `${workdayJob}/restart`, query: {}, body: { criteria: { resetScope: 'Watermark' } }, tokenKind: 'none', user: null, status: 401, at: expect.any(String) },
    ]);
    expect(Math.abs(Date.parse(log[0].at) - Date.now())).toBeLessThan(10_000);
  });

  it('leaves control calls out, and DELETE clears it', async () => {
    await client.call('GET', PROFILES);
    await client.control('GET', 'state');
    expect((await client.requests()).map((entry) => entry.path)).toEqual([PROFILES]);
    expect((await client.control('DELETE', 'requests')).status).toBe(204);
    expect(await client.requests()).toEqual([]);
  });
});

describe('faults', () => {
  it('answers 429 TooManyRequests with Retry-After for `count` calls, then the real answer', async () => {
    const stored = await fault({ method: 'POST', path: '/pause$', status: 429, retryAfter: 3, count: 1 });
    expect(stored.status).toBe(201);
    const throttled = await client.call('POST', `${PROFILES}/${P.contosoHighCsv}/pause`);
    expect([throttled.status, throttled.headers.get('retry-after'), throttled.body.error.code]).toEqual([429, '3', 'TooManyRequests']);
    expect((await client.call('POST', `${PROFILES}/${P.contosoHighCsv}/pause`)).status).toBe(200);
    expect((await client.requests()).map((entry) => entry.status)).toEqual([429, 200]);
  });

  it('matches only the given method', async () => {
    await fault({ method: 'POST', path: '/profileStatus$', status: 503, count: 1 });
    expect((await client.call('GET', `${PROFILES}/${P.contosoHighCsv}/profileStatus`)).status).toBe(200);
  });

  it.each([
    [500, 'generalException'],
    [503, 'serviceNotAvailable'],
    [504, 'gatewayTimeout'],
  ])('answers %i with %s, as many times as asked', async (status, code) => {
    await fault({ path: '^/beta/servicePrincipals$', status, count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const answer = await client.call('GET', '/beta/servicePrincipals');
      expect([answer.status, answer.body.error.code]).toEqual([status, code]);
      expect(answer.body.error.innerError['request-id']).toBe(answer.headers.get('request-id'));
    }
    expect((await client.call('GET', '/beta/servicePrincipals')).status).toBe(200);
  });

  it('answers late with delayMs', async () => {
    await fault({ path: '/profileStatus$', delayMs: 300 });
    const began = Date.now();
    const answer = await client.call('GET', `${PROFILES}/${P.contosoHighCsv}/profileStatus`);
    expect(answer.status).toBe(200);
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
  });

  it('hangs until the client gives up, and keeps serving other calls', async () => {
    await fault({ path: '/errors$', hang: true });
    const gaveUp = client.call('GET', `${PROFILES}/${P.woodgroveOneRoster}/errors`, { signal: AbortSignal.timeout(300) });
    await expect(gaveUp).rejects.toThrow(/aborted|timeout/i);
    expect((await client.call('GET', `${PROFILES}/${P.woodgroveOneRoster}/errors`)).status).toBe(200);
    expect((await client.requests()).map((entry) => entry.status)).toEqual([0, 200]);
  });

  it('can replace the body', async () => {
    await fault({ path: '^/beta/servicePrincipals$', status: 400, body: { error: { code: 'Custom', message: 'custom' } } });
    expect((await client.call('GET', '/beta/servicePrincipals')).body).toEqual({ error: { code: 'Custom', message: 'custom' } });
  });

  it('refuses a malformed fault', async () => {
    for (const spec of [{ path: '(' , status: 500 }, { path: '/x' }, { path: '/x', status: 99 }, { status: 500 }]) {
      expect((await fault(spec)).status).toBe(400);
    }
    expect((await client.control('GET', 'faults')).body.value).toEqual([]);
  });

  it('lists and clears faults', async () => {
    await fault({ path: '/x', status: 500, count: 3 });
    expect((await client.control('GET', 'faults')).body.value).toMatchObject([{ path: '/x', status: 500, remaining: 3 }]);
    expect((await client.control('DELETE', 'faults')).status).toBe(204);
    expect((await client.control('GET', 'faults')).body.value).toEqual([]);
  });
});

describe('reset', () => {
  it('restores the demo tenant and clears the log and faults', async () => {
    await client.call('POST', `${PROFILES}/${P.contosoHighCsv}/pause`);
    await fault({ path: '.*', status: 500, count: 5 });
    await client.reset();
    expect(await client.requests()).toEqual([]);
    const status = await client.call('GET', `${PROFILES}/${P.contosoHighCsv}/profileStatus`);
    expect([status.status, status.body.status]).toEqual([200, 'success']);
  });
});

describe('state', () => {
  it('shows profiles with status and errors, service principals, and jobs by "<spId>/<jobId>"', async () => {
    const state = (await client.control('GET', 'state')).body;
    expect(state.sdsRetired).toBe(false);
    expect(state.profiles[P.woodgroveOneRoster]).toMatchObject({ displayName: 'Woodgrove Academy OneRoster', status: { status: 'error', errorCount: 42 } });
    expect(state.profiles[P.woodgroveOneRoster].errors).toHaveLength(42);
    expect(state.servicePrincipals[DEMO.servicePrincipals.salesforce].ownerAppIds).toEqual([DEMO.botApp.appId]);
    expect(state.jobs[`${DEMO.jobs.salesforce.servicePrincipalId}/${DEMO.jobs.salesforce.jobId}`].status.code).toBe('Paused');
  });

  it('merges a profile patch: status, errors and what the next start finds', async () => {
    const patch = await client.control('PATCH', 'state', { profiles: { [P.fabrikamMiddleCsv]: {
      status: { status: 'error', statusMessage: 'Broken' },
      errors: [{ errorCode: 'Oops' }, { errorCode: 'Oops2' }],
      pendingVerification: [{ type: 'Error', fileName: 'school.csv', description: 'No rows' }],
    } } });
    expect(patch.status).toBe(200);
    const status = (await client.call('GET', `${PROFILES}/${P.fabrikamMiddleCsv}/profileStatus`)).body;
    expect(status).toMatchObject({ status: 'error', statusMessage: 'Broken', errorCount: 2 });
    expect((await client.call('GET', `${PROFILES}/${P.fabrikamMiddleCsv}/errors`)).body.value.map((e: { errorCode: string }) => e.errorCode)).toEqual(['Oops', 'Oops2']);
    expect((await client.call('POST', `${PROFILES}/${P.fabrikamMiddleCsv}/start`)).status).toBe(400);
  });

  it('quarantines a job with a chosen reason, and lifts it with null', async () => {
    const key = `${DEMO.jobs.workday.servicePrincipalId}/${DEMO.jobs.workday.jobId}`;
    await client.control('PATCH', 'state', { jobs: { [key]: { status: { quarantine: { reason: 'TooManyDeletes' } } } } });
    const quarantined = (await client.call('GET', workdayJob)).body.status;
    expect(quarantined).toMatchObject({ code: 'Quarantine', quarantine: { reason: 'TooManyDeletes', seriesCount: 1, nextAttempt: expect.any(String) } });
    await client.control('PATCH', 'state', { jobs: { [key]: { status: { quarantine: null } } } });
    expect((await client.call('GET', workdayJob)).body.status).toMatchObject({ code: 'Active', quarantine: null });
  });

  it('refuses a bad patch as a whole: nothing changes', async () => {
    const answer = await client.control('PATCH', 'state', { profiles: {
      [P.contosoHighCsv]: { status: { status: 'paused' } },
      [P.fabrikamMiddleCsv]: { status: { status: 'sleeping' } },
    } });
    expect(answer.status).toBe(400);
    expect((await client.call('GET', `${PROFILES}/${P.contosoHighCsv}/profileStatus`)).body.status).toBe('success');
    expect((await client.control('PATCH', 'state', { profiles: { nope: {} } })).status).toBe(404);
    expect((await client.control('PATCH', 'state', { jobs: { 'nope/nope': {} } })).status).toBe(404);
    expect((await client.control('PATCH', 'state', { colour: 'blue' })).status).toBe(400);
  });
});

describe('the control API itself', () => {
  it('answers 404 for an unknown endpoint and 405 for a wrong method', async () => {
    expect((await client.control('GET', 'nothing')).status).toBe(404);
    expect((await client.control('PUT', 'state', {})).status).toBe(405);
  });
});
