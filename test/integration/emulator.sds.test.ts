import { DEMO, mintDemoAppToken } from '../../bot/emulator';
import { useEmulatorClient, type Json } from '../support/emulatorClient';

const P = DEMO.profiles;
const PROFILES = '/beta/education/synchronizationProfiles';
const PREFER = { Prefer: 'include-unknown-enum-members' };

const { client, advance } = useEmulatorClient();

const statusOf = async (id: string, headers: Record<string, string> = PREFER) =>
  (await client.call('GET', `${PROFILES}/${id}/profileStatus`, { headers })).body.status;

describe('listing and reading profiles', () => {
  it('lists the demo profiles with the documented context', async () => {
    const answer = await client.call('GET', PROFILES);
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe(`${client.emulator.baseUrl}/$metadata#education/synchronizationProfiles`);
    expect(answer.body.value.length).toBeGreaterThanOrEqual(8);
    expect(answer.body.value.map((p: Json) => p.displayName)).toEqual(expect.arrayContaining(['Contoso High School CSV', 'Contoso High Summer Sessions']));
    expect(new Set(answer.body.value.map((p: Json) => p.state))).toEqual(new Set(['provisioned', 'provisioning', 'provisioningFailed', 'deletionFailed']));
  });

  it('refuses the list without a token', async () => {
    const answer = await client.call('GET', PROFILES, { token: null });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('InvalidAuthenticationToken');
  });

  it('pages the list with $top and an absolute nextLink', async () => {
    const first = await client.call('GET', `${PROFILES}?$top=4`);
    expect(first.body.value).toHaveLength(4);
    expect(first.body['@odata.nextLink']).toMatch(new RegExp(`^${client.emulator.origin}/beta/education/synchronizationProfiles\\?`));
    const second = await client.call('GET', first.body['@odata.nextLink']);
    expect(second.body.value[0].id).not.toBe(first.body.value[0].id);
  });

  it('gets one profile with its provider type', async () => {
    const answer = await client.call('GET', `${PROFILES}/${P.northwindPowerSchool}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: P.northwindPowerSchool, state: 'provisioned', dataProvider: { '@odata.type': '#microsoft.graph.educationPowerSchoolDataProvider', clientSecret: null } });
  });

  it('answers 404 itemNotFound for an unknown profile', async () => {
    const answer = await client.call('GET', `${PROFILES}/00000000-0000-4000-8000-000000000000`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('itemNotFound');
  });
});

describe('pause, resume and reset', () => {
  it('pauses a syncing profile (200, no body) and reports paused', async () => {
    const answer = await client.call('POST', `${PROFILES}/${P.contosoHighCsv}/pause`);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(await statusOf(P.contosoHighCsv)).toBe('paused');
  });

  it('refuses to pause a paused profile, an unprovisioned one, or an unknown id', async () => {
    expect((await client.call('POST', `${PROFILES}/${P.contosoHighSummer}/pause`)).body.error.code).toBe('invalidRequest');
    const provisioning = await client.call('POST', `${PROFILES}/${P.lakeshoreCsv}/pause`);
    expect([provisioning.status, provisioning.body.error.code]).toEqual([400, 'invalidRequest']);
    expect((await client.call('POST', `${PROFILES}/11111111-1111-4111-8111-111111111111/pause`)).status).toBe(404);
  });

  it('resumes a paused profile to inProgress, and refuses one that is not paused', async () => {
    expect((await client.call('POST', `${PROFILES}/${P.contosoHighSummer}/resume`)).status).toBe(200);
    expect(await statusOf(P.contosoHighSummer)).toBe('inProgress');
    const again = await client.call('POST', `${PROFILES}/${P.contosoHighSummer}/resume`);
    expect([again.status, again.body.error.code]).toEqual([400, 'invalidRequest']);
  });

  it('reset clears the errors and restarts the sync', async () => {
    expect((await client.call('GET', `${PROFILES}/${P.woodgroveOneRoster}/profileStatus`)).body.errorCount).toBe(42);
    expect((await client.call('POST', `${PROFILES}/${P.woodgroveOneRoster}/reset`)).status).toBe(200);
    const status = (await client.call('GET', `${PROFILES}/${P.woodgroveOneRoster}/profileStatus`)).body;
    expect(status).toMatchObject({ status: 'inProgress', errorCount: 0 });
    expect((await client.call('GET', `${PROFILES}/${P.woodgroveOneRoster}/errors`)).body.value).toEqual([]);
  });

  it('refuses to reset a profile that failed provisioning', async () => {
    const answer = await client.call('POST', `${PROFILES}/${P.riversidePowerSchool}/reset`);
    expect([answer.status, answer.body.error.code]).toEqual([400, 'invalidRequest']);
  });
});

describe('profileStatus', () => {
  it('shows late enum members only with Prefer: include-unknown-enum-members', async () => {
    expect(await statusOf(P.prosewareCsv, PREFER)).toBe('extracting');
    expect(await statusOf(P.prosewareCsv, {})).toBe('unknownFutureValue');
  });

  it('has the documented fields', async () => {
    const body = (await client.call('GET', `${PROFILES}/${P.northwindPowerSchool}/profileStatus`)).body;
    expect(body).toMatchObject({ id: P.northwindPowerSchool, status: 'inProgress', errorCount: 2, statusMessage: expect.any(String) });
    expect(Date.parse(body.lastSynchronizationDateTime)).toBeLessThan(Date.now());
  });
});

describe('errors', () => {
  it('pages 42 errors with $top and absolute nextLinks on the emulator origin', async () => {
    const ids: string[] = [];
    let url: string | undefined = `${PROFILES}/${P.woodgroveOneRoster}/errors?$top=10&$count=true`;
    let pages = 0;
    while (url) {
      const answer = await client.call('GET', url);
      if (pages === 0) expect(answer.body['@odata.count']).toBe(42);
      ids.push(...answer.body.value.map((e: Json) => e.id));
      url = answer.body['@odata.nextLink'];
      if (url) expect(url.startsWith(`${client.emulator.origin}/beta/`)).toBe(true);
      pages += 1;
    }
    expect([pages, ids.length, new Set(ids).size]).toEqual([5, 42, 42]);
  });

  it('refuses an invalid $top', async () => {
    const answer = await client.call('GET', `${PROFILES}/${P.woodgroveOneRoster}/errors?$top=0`);
    expect([answer.status, answer.body.error.code]).toEqual([400, 'invalidRequest']);
  });
});

describe('delete', () => {
  it('accepts (202, no body), shows deleting, then the profile is gone', async () => {
    const answer = await client.call('DELETE', `${PROFILES}/${P.fabrikamMiddleCsv}`);
    expect([answer.status, answer.text]).toEqual([202, '']);
    expect((await client.call('GET', `${PROFILES}/${P.fabrikamMiddleCsv}`)).body.state).toBe('deleting');
    advance(5_000);
    expect((await client.call('GET', `${PROFILES}/${P.fabrikamMiddleCsv}`)).status).toBe(404);
  });

  it('is delegated-only: an app token gets 403 accessDenied and the profile stays', async () => {
    const answer = await client.call('DELETE', `${PROFILES}/${P.fabrikamMiddleCsv}`, { token: mintDemoAppToken() });
    expect([answer.status, answer.body.error.code]).toEqual([403, 'accessDenied']);
    expect((await client.call('GET', `${PROFILES}/${P.fabrikamMiddleCsv}`)).body.state).toBe('provisioned');
  });
});
