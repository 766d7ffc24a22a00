import { DEMO } from '../../bot/emulator';
import { startEmulatorClient, type EmulatorClient } from '../support/emulatorClient';

const P = DEMO.profiles;
const PROFILES = '/beta/education/synchronizationProfiles';
const PREFER = { Prefer: 'include-unknown-enum-members' };

let client: EmulatorClient;
beforeAll(async () => { client = await startEmulatorClient(); });
afterAll(() => client.close());
beforeEach(() => client.reset());

const statusOf = async (id: string, headers: Record<string, string> = PREFER) =>
  (await client.call('GET', `${PROFILES}/${id}/profileStatus`, { headers })).body.status;

describe('paths that do not exist', () => {
  it('answers the seed pages\' short path with 404 and a Graph error body, changing nothing', async () => {
    const answer = await client.call('POST', `/beta/synchronizationProfiles/${P.contosoHighCsv}/pause`);
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 'ResourceNotFound', message: expect.stringContaining("'synchronizationProfiles'") });
    expect(await statusOf(P.contosoHighCsv)).toBe('success');
  });

  it('answers 405 for a method the resource does not have', async () => {
    expect((await client.call('PUT', `${PROFILES}/${P.contosoHighCsv}/pause`)).status).toBe(405);
  });
});

describe('SDS retired mode', () => {
  it('answers every SDS path with 404 saying the API is retired, when switched on through the control API', async () => {
    await client.control('PATCH', 'state', { sdsRetired: true });
    for (const [method, path] of [['GET', PROFILES], ['POST', `${PROFILES}/${P.contosoHighCsv}/pause`], ['GET', `${PROFILES}/${P.woodgroveOneRoster}/errors`]]) {
      const answer = await client.call(method, path);
      expect(answer.status).toBe(404);
      expect(answer.body.error.message).toMatch(/retired/);
    }
    expect((await client.call('GET', '/beta/servicePrincipals')).status).toBe(200);
  });

  it('serves SDS again when switched off', async () => {
    await client.control('PATCH', 'state', { sdsRetired: true });
    await client.control('PATCH', 'state', { sdsRetired: false });
    expect((await client.call('GET', PROFILES)).status).toBe(200);
  });

  it('can start retired, and reset keeps it retired', async () => {
    const retired = await startEmulatorClient({ sdsRetired: true });
    try {
      expect((await retired.call('GET', PROFILES)).body.error.message).toMatch(/deprecated/);
      await retired.reset();
      expect((await retired.call('GET', PROFILES)).status).toBe(404);
    } finally {
      await retired.close();
    }
  });
});
