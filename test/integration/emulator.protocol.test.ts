import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { DEMO, mintDemoUserToken } from '../../bot/emulator';
import { runEmulatorMain } from '../../bot/emulator/main';
import { startEmulatorClient, type EmulatorClient } from '../support/emulatorClient';

const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FIXED_NOW = new Date(Date.now() - 86_400_000);

let client: EmulatorClient;
beforeAll(async () => { client = await startEmulatorClient({ now: () => FIXED_NOW }); });
afterAll(() => client.close());

describe('response headers', () => {
  it('sends request-id, a generated client-request-id, the clock\'s Date and the Graph JSON content type', async () => {
    const answer = await client.call('GET', '/beta/servicePrincipals?$top=1');
    expect(answer.headers.get('request-id')).toMatch(GUID);
    expect(answer.headers.get('client-request-id')).toMatch(GUID);
    expect(answer.headers.get('client-request-id')).not.toBe(answer.headers.get('request-id'));
    expect(answer.headers.get('date')).toBe(FIXED_NOW.toUTCString());
    expect(answer.headers.get('content-type')).toBe(GRAPH_JSON);
    expect(answer.headers.get('odata-version')).toBe('4.0');
  });

  it('echoes the client-request-id it was sent, and makes a new request-id each time', async () => {
    const first = await client.call('GET', '/beta/servicePrincipals?$top=1', { headers: { 'client-request-id': 'my-id-1' } });
    const second = await client.call('GET', '/beta/servicePrincipals?$top=1');
    expect(first.headers.get('client-request-id')).toBe('my-id-1');
    expect(second.headers.get('request-id')).not.toBe(first.headers.get('request-id'));
  });

  it('sends the headers on bodiless answers too, without a content type', async () => {
    const answer = await client.call('POST', `/beta/servicePrincipals/${DEMO.jobs.workday.servicePrincipalId}/synchronization/jobs/${DEMO.jobs.workday.jobId}/pause`);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('request-id')).toMatch(GUID);
    expect(answer.headers.get('content-type')).toBeNull();
  });
});

describe('the error envelope', () => {
  it('has code, message and innerError with date, request-id and client-request-id matching the headers', async () => {
    const answer = await client.call('GET', '/beta/servicePrincipals/nope', { headers: { 'client-request-id': 'abc' } });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe(GRAPH_JSON);
    expect(answer.body).toEqual({
      error: {
        code: 'Request_ResourceNotFound',
        message: expect.any(String),
        innerError: { date: FIXED_NOW.toISOString().slice(0, 19), 'request-id': answer.headers.get('request-id'), 'client-request-id': 'abc' },
      },
    });
  });

  it('answers 404 outside /beta and 400 for a body that is not JSON', async () => {
    expect((await client.call('GET', '/v1.0/servicePrincipals')).status).toBe(404);
    const bad = await client.call('POST', `/beta/education/synchronizationProfiles/${DEMO.profiles.contosoHighCsv}/pause`,
      { rawBody: 'not json', headers: { 'Content-Type': 'application/json' } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'BadRequest']);
  });
});

describe('TLS', () => {
  it('is trusted with exactly the emulator\'s CA, on 127.0.0.1 and localhost', async () => {
    const agent = new Agent({ connect: { ca: client.emulator.caCert } });
    const port = new URL(client.emulator.origin).port;
    try {
      const answer = await fetch(`https://localhost:${port}/beta/servicePrincipals?$top=1`, {
        headers: { Authorization: `Bearer ${mintDemoUserToken()}` }, dispatcher: agent,
      });
      expect(answer.status).toBe(200);
    } finally {
      await agent.close();
    }
    expect(client.emulator.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(client.emulator.baseUrl).toBe(`${client.emulator.origin}/beta`);
  });

  it('is refused by a client that does not trust the CA', async () => {
    const agent = new Agent();
    try {
      await expect(fetch(`${client.emulator.origin}/beta/servicePrincipals`, { dispatcher: agent })).rejects.toThrow();
    } finally {
      await agent.close();
    }
  });
});

describe('running alone (npm run emulator)', () => {
  it('prints one line with its base URL and writes the CA file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-'));
    const lines: string[] = [];
    const caFile = join(dir, 'ca.pem');
    const emulator = await runEmulatorMain({ GRAPH_EMULATOR_PORT: '0', GRAPH_EMULATOR_PERMISSIONS: 'seeds', GRAPH_EMULATOR_CA_FILE: caFile }, (line) => lines.push(line));
    try {
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({ baseUrl: emulator.baseUrl, permissions: 'seeds', caFile });
      expect(await readFile(caFile, 'utf8')).toBe(emulator.caCert);
    } finally {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad port or permission profile', async () => {
    await expect(runEmulatorMain({ GRAPH_EMULATOR_PORT: 'http' }, () => undefined)).rejects.toThrow(/GRAPH_EMULATOR_PORT/);
    await expect(runEmulatorMain({ GRAPH_EMULATOR_PERMISSIONS: 'strict' }, () => undefined)).rejects.toThrow(/GRAPH_EMULATOR_PERMISSIONS/);
  });
});
