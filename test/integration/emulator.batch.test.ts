import { DEMO, mintDemoAppToken } from '../../bot/emulator';
import { startEmulatorClient, type EmulatorClient, type Json } from '../support/emulatorClient';

const P = DEMO.profiles;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

let client: EmulatorClient;
beforeAll(async () => { client = await startEmulatorClient(); });
afterAll(() => client.close());
beforeEach(() => client.reset());

const batch = (requests: unknown[], token?: string) => client.call('POST', '/beta/$batch', { body: { requests }, token });
const byId = (answer: Json): Record<string, Json> => Object.fromEntries(answer.body.responses.map((r: Json) => [r.id, r]));
const jobsUrl = (spId: string) => `/servicePrincipals/${spId}/synchronization/jobs`;

describe('$batch', () => {
  it('answers each request with its own status, headers and body', async () => {
    const answer = await batch([
      { id: '1', method: 'GET', url: jobsUrl(DEMO.servicePrincipals.workday) },
      { id: '2', method: 'GET', url: `/education/synchronizationProfiles/${P.northwindPowerSchool}/profileStatus` },
      { id: '3', method: 'GET', url: 'servicePrincipals/99999999-9999-4999-8999-999999999999' },
    ]);
    expect(answer.status).toBe(200);
    const responses = byId(answer);
    expect(responses['1']).toMatchObject({ status: 200, body: { value: [{ id: DEMO.jobs.workday.jobId }] } });
    expect(responses['1'].headers['Content-Type']).toMatch(/^application\/json/);
    expect(responses['2'].body.status).toBe('inProgress');
    expect(responses['3']).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
  });

  it('gives an item only its own headers and Content-Type, as the batching doc shows; the ids are the outer answer\'s and the error body\'s', async () => {
    const answer = await batch([
      { id: '1', method: 'GET', url: `/education/synchronizationProfiles/${P.northwindPowerSchool}/profileStatus` },
      { id: '2', method: 'GET', url: 'servicePrincipals/99999999-9999-4999-8999-999999999999' },
    ]);
    expect(answer.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const responses = byId(answer);
    expect(responses['1'].headers).toEqual({ 'Content-Type': 'application/json' });
    expect(responses['2'].headers).toEqual({ 'Content-Type': 'application/json' });
    expect(responses['2'].body.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps an item\'s own headers: Retry-After on a throttled item', async () => {
    await client.control('POST', 'faults', { method: 'GET', path: '/profileStatus$', status: 429, retryAfter: 7, count: 1 });
    const answer = await batch([{ id: '1', method: 'GET', url: `/education/synchronizationProfiles/${P.northwindPowerSchool}/profileStatus` }]);
    expect(byId(answer)['1']).toMatchObject({ status: 429, headers: { 'Retry-After': '7', 'Content-Type': 'application/json' } });
  });

  it('runs dependents after their dependencies', async () => {
    const answer = await batch([
      { id: 'pause', method: 'POST', url: `/education/synchronizationProfiles/${P.contosoHighCsv}/pause` },
      { id: 'check', method: 'GET', url: `/education/synchronizationProfiles/${P.contosoHighCsv}/profileStatus`, dependsOn: ['pause'] },
    ]);
    expect(byId(answer).check.body.status).toBe('paused');
  });

  it('answers 424 when a dependency failed, without running the dependent request', async () => {
    const answer = await batch([
      { id: 'a', method: 'POST', url: `/education/synchronizationProfiles/${P.contosoHighSummer}/pause` },
      { id: 'b', method: 'POST', url: `/education/synchronizationProfiles/${P.fabrikamMiddleCsv}/pause`, dependsOn: ['a'] },
    ]);
    expect(byId(answer).a.status).toBe(400);
    expect(byId(answer).b).toMatchObject({ status: 424, body: { error: { code: 'FailedDependency' } } });
    expect((await client.call('GET', `/beta/education/synchronizationProfiles/${P.fabrikamMiddleCsv}/profileStatus`)).body.status).toBe('success');
  });

  it('passes inner headers such as ConsistencyLevel, and needs Content-Type with a body', async () => {
    const answer = await batch([
      { id: 's', method: 'GET', url: '/servicePrincipals?$search="displayName:workday"', headers: { ConsistencyLevel: 'eventual' } },
      { id: 'n', method: 'GET', url: '/servicePrincipals?$search="displayName:workday"' },
      { id: 'r', method: 'POST', url: `${jobsUrl(DEMO.jobs.workday.servicePrincipalId)}/${DEMO.jobs.workday.jobId}/restart`, body: { criteria: { resetScope: 'Watermark' } } },
    ]);
    const responses = byId(answer);
    expect(responses.s.body.value.map((sp: Json) => sp.displayName)).toEqual(['Workday to AD User Provisioning']);
    expect(responses.n.body.error.code).toBe('Request_UnsupportedQuery');
    expect(responses.r.status).toBe(400);
  });

  it('runs the restart when the body carries Content-Type', async () => {
    const { servicePrincipalId, jobId } = DEMO.jobs.workday;
    const answer = await batch([{ id: 'r', method: 'POST', url: `${jobsUrl(servicePrincipalId)}/${jobId}/restart`, headers: JSON_HEADERS, body: { criteria: { resetScope: 'Watermark' } } }]);
    expect(byId(answer).r.status).toBe(204);
  });

  it('checks inner requests against the outer token', async () => {
    const answer = await batch([{ id: '1', method: 'DELETE', url: `/education/synchronizationProfiles/${P.fabrikamMiddleCsv}` }], mintDemoAppToken());
    expect(byId(answer)['1']).toMatchObject({ status: 403, body: { error: { code: 'accessDenied' } } });
    expect((await client.call('POST', '/beta/$batch', { body: { requests: [] }, token: null })).status).toBe(401);
  });

  it('refuses absolute urls and nested batches per request', async () => {
    const answer = await batch([
      { id: '1', method: 'GET', url: 'https://graph.microsoft.com/beta/servicePrincipals' },
      { id: '2', method: 'POST', url: '/$batch', headers: JSON_HEADERS, body: { requests: [] } },
    ]);
    expect([byId(answer)['1'].status, byId(answer)['2'].status]).toEqual([400, 400]);
  });

  it('accepts 20 requests and refuses 21', async () => {
    const requests = (count: number) => Array.from({ length: count }, (_, i) => ({ id: String(i), method: 'GET', url: '/servicePrincipals?$top=1' }));
    expect((await batch(requests(20))).body.responses).toHaveLength(20);
    const tooMany = await batch(requests(21));
    expect([tooMany.status, tooMany.body.error.code]).toEqual([400, 'BadRequest']);
  });

  it('refuses duplicate ids (case-insensitive), unknown dependencies and cycles as a whole', async () => {
    const get = (id: string, dependsOn?: string[]) => ({ id, method: 'GET', url: '/servicePrincipals', ...(dependsOn ? { dependsOn } : {}) });
    for (const requests of [[get('a'), get('A')], [get('a', ['zz'])], [get('a', ['b']), get('b', ['a'])], []]) {
      const answer = await batch(requests);
      expect([answer.status, answer.body.error.code]).toEqual([400, 'BadRequest']);
    }
  });

  it('throttles inner requests individually: 429 with Retry-After, then success', async () => {
    await client.control('POST', 'faults', { method: 'GET', path: '/synchronization/jobs$', status: 429, retryAfter: 4, count: 1 });
    const requests = [{ id: '1', method: 'GET', url: jobsUrl(DEMO.servicePrincipals.workday) }, { id: '2', method: 'GET', url: '/servicePrincipals?$top=1' }];
    const first = byId(await batch(requests));
    expect(first['1']).toMatchObject({ status: 429, headers: { 'Retry-After': '4' }, body: { error: { code: 'TooManyRequests' } } });
    expect(first['2'].status).toBe(200);
    expect(byId(await batch(requests))['1'].status).toBe(200);
  });

  it('logs the outer $batch and every inner request that ran', async () => {
    await client.call('DELETE', '/_emulator/requests', { token: null });
    await batch([
      { id: '1', method: 'POST', url: `/education/synchronizationProfiles/${P.contosoHighSummer}/pause` },
      { id: '2', method: 'GET', url: '/servicePrincipals?$top=2', dependsOn: ['1'] },
    ]);
    const log = await client.requests();
    expect(log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'POST /beta/$batch 200',
      `POST /beta/education/synchronizationProfiles/${P.contosoHighSummer}/pause 400`,
    ]);
  });
});
