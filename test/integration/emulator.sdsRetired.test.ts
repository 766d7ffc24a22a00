import { Agent, fetch } from 'undici';
import { DEMO, mintDemoUserToken } from '../../bot/emulator';
import { runEmulatorMain } from '../../bot/emulator/main';
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
  it('answers every Classic path, known or not, as a segment Graph no longer has (400), when switched on through the control API', async () => {
    await client.control('PATCH', 'state', { sdsRetired: true });
    const paths = [['GET', PROFILES], ['POST', `${PROFILES}/${P.contosoHighCsv}/pause`], ['GET', `${PROFILES}/${P.woodgroveOneRoster}/errors`], ['DELETE', `${PROFILES}/${P.contosoHighCsv}`], ['GET', `${PROFILES}/${P.contosoHighCsv}/nothingHere`]];
    for (const [method, path] of paths) {
      const answer = await client.call(method!, path!);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'synchronizationProfiles'." });
    }
    expect((await client.call('GET', '/beta/servicePrincipals')).status).toBe(200);
    expect((await client.call('GET', '/beta/external/industryData/runs')).status).toBe(200);
  });

  it('answers the same inside a $batch, item by item', async () => {
    await client.control('PATCH', 'state', { sdsRetired: true });
    const answer = await client.call('POST', '/beta/$batch', { body: { requests: [
      { id: '1', method: 'GET', url: `/education/synchronizationProfiles/${P.contosoHighCsv}/profileStatus` },
      { id: '2', method: 'GET', url: '/external/industryData/runs' },
    ] } });
    const byId = Object.fromEntries(answer.body.responses.map((r: { id: string; status: number }) => [r.id, r.status]));
    expect(byId).toEqual({ 1: 400, 2: 200 });
  });

  it('serves SDS again when switched off', async () => {
    await client.control('PATCH', 'state', { sdsRetired: true });
    await client.control('PATCH', 'state', { sdsRetired: false });
    expect((await client.call('GET', PROFILES)).status).toBe(200);
  });

  it('can start retired, and reset keeps it retired', async () => {
    const retired = await startEmulatorClient({ sdsRetired: true });
    try {
      expect((await retired.call('GET', PROFILES)).body.error.message).toMatch(/Resource not found for the segment/);
      await retired.reset();
      expect((await retired.call('GET', PROFILES)).status).toBe(400);
    } finally {
      await retired.close();
    }
  });
});

describe('npm run emulator with GRAPH_EMULATOR_SDS_CLASSIC', () => {
  it('serves SDS Classic as retired from start-up with "retired", and says so on its first line', async () => {
    const lines: string[] = [];
    const emulator = await runEmulatorMain({ GRAPH_EMULATOR_PORT: '0', GRAPH_EMULATOR_SDS_CLASSIC: 'retired' }, (line) => lines.push(line));
    const agent = new Agent({ connect: { ca: emulator.caCert } });
    try {
      expect(JSON.parse(lines[0]!)).toMatchObject({ sdsClassic: 'retired' });
      const answer = await fetch(`${emulator.baseUrl}/education/synchronizationProfiles`, { headers: { authorization: `Bearer ${mintDemoUserToken()}` }, dispatcher: agent });
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: { message: string } }).error.message).toBe("Resource not found for the segment 'synchronizationProfiles'.");
    } finally {
      await agent.close();
      await emulator.close();
    }
  });

  it('refuses a value other than live or retired', async () => {
    await expect(runEmulatorMain({ GRAPH_EMULATOR_SDS_CLASSIC: 'gone' }, () => undefined)).rejects.toThrow(/GRAPH_EMULATOR_SDS_CLASSIC/);
  });
});
