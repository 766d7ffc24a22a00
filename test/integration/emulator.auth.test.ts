import { DEMO, DIRECTORY_ROLES, mintDemoAppToken, mintDemoUserToken } from '../../bot/emulator';
import { startEmulatorClient, type EmulatorClient, type Json } from '../support/emulatorClient';

/** What the new SDS commands need (README, New School Data Sync). */
const INDUSTRY_DATA = [
  'IndustryData-Run.Read.All', 'IndustryData-Run.Start', 'IndustryData-InboundFlow.Read.All', 'IndustryData-DataConnector.Upload',
  'IndustryData.ReadBasic.All', 'IndustryData-OutboundFlow.ReadWrite.All',
];

const PROFILES = '/beta/education/synchronizationProfiles';
const pauseUrl = `${PROFILES}/${DEMO.profiles.contosoHighCsv}/pause`;
const payloadOf = (token: string): Json => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unsigned = (claims: unknown) => `${b64({ alg: 'none' })}.${b64(claims)}.sig`;

let client: EmulatorClient;
let clockOffsetMs = 0;
beforeAll(async () => { client = await startEmulatorClient({ now: () => new Date(Date.now() + clockOffsetMs) }); });
afterAll(() => client.close());
beforeEach(async () => {
  clockOffsetMs = 0;
  await client.reset();
});

describe('demo tokens', () => {
  it('mints a delegated token for the demo admin, expiring in an hour', () => {
    const token = mintDemoUserToken();
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = payloadOf(token);
    expect(claims).toMatchObject({ oid: DEMO.admin.oid, name: DEMO.admin.name, upn: DEMO.admin.upn, tid: DEMO.tenantId, idtyp: 'user', wids: [DIRECTORY_ROLES.cloudApplicationAdministrator] });
    expect(claims.scp.split(' ')).toEqual(['EduAdministration.ReadWrite', 'Synchronization.ReadWrite.All', 'Application.Read.All', 'User.Read', ...INDUSTRY_DATA]);
    expect(claims.roles).toBeUndefined();
    expect(claims.exp - Date.now() / 1000).toBeGreaterThan(3590);
  });

  it('mints an app-only token with roles and no scp', () => {
    const claims = payloadOf(mintDemoAppToken());
    expect(claims.roles).toEqual(['Synchronization.ReadWrite.All', 'Application.Read.All', 'EduAdministration.ReadWrite.All', 'AuditLog.Read.All', 'Directory.Read.All', ...INDUSTRY_DATA]);
    expect(claims.scp).toBeUndefined();
    expect(claims.idtyp).toBe('app');
  });

  it('lets a claim be overridden or dropped', () => {
    const claims = payloadOf(mintDemoUserToken({ oid: 'someone', wids: undefined }));
    expect(claims.oid).toBe('someone');
    expect('wids' in claims).toBe(false);
  });
});

describe('401 InvalidAuthenticationToken without a usable bearer JWT', () => {
  const expired = Math.floor(Date.now() / 1000) - 60;
  it.each([
    ['no Authorization header', null, undefined, 'Access token is empty.'],
    ['an empty bearer', null, 'Bearer ', 'Access token is empty.'],
    ['another scheme', null, `Basic ${mintDemoUserToken()}`, 'Access token is empty.'],
    ['two parts', 'abc.def', undefined, 'CompactToken parsing failed with error code: 80049217'],
    ['an undecodable payload', 'abc.%%%.def', undefined, 'CompactToken parsing failed with error code: 80049217'],
    ['a payload that is not JSON', `x.${Buffer.from('nope').toString('base64url')}.y`, undefined, 'CompactToken parsing failed with error code: 80049217'],
    ['an expired token', mintDemoUserToken({ exp: expired }), undefined, 'Lifetime validation failed, the token is expired.'],
    ['a token with neither scp nor roles', unsigned({ exp: expired + 7200, oid: 'x' }), undefined, expect.stringContaining('neither scp nor roles')],
  ])('refuses %s', async (_case, token, authorization, message) => {
    const answer = await client.call('GET', PROFILES, { token, headers: authorization === undefined ? {} : { Authorization: authorization } });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: 'InvalidAuthenticationToken', message });
  });

  it('accepts the same call with a fresh token, signature unchecked', async () => {
    expect((await client.call('GET', PROFILES, { token: unsigned(payloadOf(mintDemoUserToken())) })).status).toBe(200);
  });

  it('judges expiry by the emulator clock', async () => {
    const token = mintDemoUserToken();
    clockOffsetMs = 2 * 3_600_000;
    expect((await client.call('GET', PROFILES, { token })).status).toBe(401);
  });

  it('checks the token before the path, so a bad token on an unknown path is still 401', async () => {
    expect((await client.call('GET', '/beta/nowhere', { token: 'a.b' })).status).toBe(401);
    expect((await client.call('GET', '/beta/nowhere')).status).toBe(404);
  });
});

describe('SDS permissions (current profile)', () => {
  it('lets an app token with EduAdministration.ReadWrite.All pause (§1 row 4)', async () => {
    expect((await client.call('POST', pauseUrl, { token: mintDemoAppToken() })).status).toBe(200);
  });

  it('refuses an app token with only EduAdministration.Read.All: 403 accessDenied naming the permission', async () => {
    const token = mintDemoAppToken({ roles: ['EduAdministration.Read.All'] });
    expect((await client.call('GET', PROFILES, { token })).status).toBe(200);
    const answer = await client.call('POST', pauseUrl, { token });
    expect([answer.status, answer.body.error.code]).toEqual([403, 'accessDenied']);
    expect(answer.body.error.message).toContain('EduAdministration.ReadWrite.All');
  });

  it('refuses a delegated token with only EduAdministration.Read to pause, but lets it read', async () => {
    const token = mintDemoUserToken({ scp: 'EduAdministration.Read' });
    expect((await client.call('GET', `${PROFILES}/${DEMO.profiles.contosoHighCsv}/profileStatus`, { token })).status).toBe(200);
    const answer = await client.call('POST', pauseUrl, { token });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toContain('EduAdministration.ReadWrite');
  });

  it('needs no directory role for SDS', async () => {
    expect((await client.call('POST', pauseUrl, { token: mintDemoUserToken({ wids: [] }) })).status).toBe(200);
  });
});

describe('the seeds permission profile', () => {
  let seeds: EmulatorClient;
  beforeAll(async () => { seeds = await startEmulatorClient({ permissions: 'seeds' }); });
  afterAll(() => seeds.close());
  beforeEach(() => seeds.reset());

  it.each(['pause', 'reset', 'resume'])('refuses app-only SDS %s with 403 accessDenied', async (action) => {
    const answer = await seeds.call('POST', `${PROFILES}/${DEMO.profiles.contosoHighSummer}/${action}`, { token: mintDemoAppToken() });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: 'accessDenied', message: expect.stringContaining('does not support application permissions') });
  });

  it('still lets a delegated admin pause, and an app start (seed 002) and read', async () => {
    expect((await seeds.call('POST', pauseUrl)).status).toBe(200);
    expect((await seeds.call('POST', `${PROFILES}/${DEMO.profiles.fabrikamMiddleCsv}/start`, { token: mintDemoAppToken() })).status).toBe(200);
    expect((await seeds.call('GET', PROFILES, { token: mintDemoAppToken() })).status).toBe(200);
  });

  it('needs delegated Directory.ReadWrite.All for restart: Synchronization.ReadWrite.All and app tokens get 401 UnknownError', async () => {
    const url = `/beta/servicePrincipals/${DEMO.jobs.workday.servicePrincipalId}/synchronization/jobs/${DEMO.jobs.workday.jobId}/restart`;
    for (const token of [mintDemoUserToken(), mintDemoAppToken()]) {
      const answer = await seeds.call('POST', url, { token });
      expect([answer.status, answer.body.error.code]).toEqual([401, 'UnknownError']);
    }
    expect((await seeds.call('POST', url, { token: mintDemoUserToken({ scp: 'Directory.ReadWrite.All' }) })).status).toBe(204);
  });

  it('names itself in the control state', async () => {
    expect((await seeds.control('GET', 'state')).body.permissions).toBe('seeds');
    expect((await client.control('GET', 'state')).body.permissions).toBe('current');
  });
});
