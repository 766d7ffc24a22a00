import { DEMO } from '../../bot/emulator';
import { useEmulatorClient, type Json } from '../support/emulatorClient';

const P = DEMO.profiles;
const PROFILES = '/beta/education/synchronizationProfiles';
const PREFER = { Prefer: 'include-unknown-enum-members' };

const { client, advance } = useEmulatorClient();

const statusOf = async (id: string, headers: Record<string, string> = PREFER) =>
  (await client.call('GET', `${PROFILES}/${id}/profileStatus`, { headers })).body.status;

describe('start (file verification, seed 002)', () => {
  it('starts with warnings only: 200 with the warnings, then validating → extracting → inProgress', async () => {
    const answer = await client.call('POST', `${PROFILES}/${P.contosoHighCsv}/start`);
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((m: Json) => m.type)).toEqual(['Warning', 'Warning']);
    expect(await statusOf(P.contosoHighCsv)).toBe('validating');
    advance(10_000);
    expect(await statusOf(P.contosoHighCsv)).toBe('extracting');
    advance(10_000);
    expect(await statusOf(P.contosoHighCsv)).toBe('inProgress');
  });

  it('refuses to start when verification finds errors: 400 with the messages, and no sync', async () => {
    const answer = await client.call('POST', `${PROFILES}/${P.contosoHighSummer}/start`);
    expect(answer.status).toBe(400);
    expect(answer.body.value.filter((m: Json) => m.type === 'Error')).toHaveLength(2);
    expect(answer.body.value[0]).toEqual({ type: 'Error', fileName: 'section.csv', description: '5 row(s) have missing data for the field - SIS ID' });
    expect(await statusOf(P.contosoHighSummer)).toBe('validationError');
  });

  it('starts a clean profile with an empty collection', async () => {
    const answer = await client.call('POST', `${PROFILES}/${P.fabrikamMiddleCsv}/start`);
    expect([answer.status, answer.body.value]).toEqual([200, []]);
  });

  it('treats lower-case error messages set through the control API as errors', async () => {
    await client.control('PATCH', 'state', { profiles: { [P.fabrikamMiddleCsv]: { pendingVerification: [{ type: 'error', fileName: 'school.csv', description: 'bad' }] } } });
    expect((await client.call('POST', `${PROFILES}/${P.fabrikamMiddleCsv}/start`)).status).toBe(400);
  });

  it('refuses start on a non-CSV profile and on a profile still provisioning (400 invalidRequest)', async () => {
    for (const id of [P.northwindPowerSchool, P.lakeshoreCsv]) {
      const answer = await client.call('POST', `${PROFILES}/${id}/start`);
      expect([answer.status, answer.body.error.code]).toEqual([400, 'invalidRequest']);
    }
  });
});

describe('uploadUrl', () => {
  it('returns a write-only SAS URL for a CSV profile', async () => {
    const answer = await client.call('GET', `${PROFILES}/${P.fabrikamMiddleCsv}/uploadUrl`);
    expect(answer.status).toBe(200);
    expect(answer.body.value).toMatch(new RegExp(`^https://.+/${P.fabrikamMiddleCsv}\\?.*sp=w`));
  });

  it('answers 400 for a non-CSV profile and 409 while an upload is processed', async () => {
    expect((await client.call('GET', `${PROFILES}/${P.woodgroveOneRoster}/uploadUrl`)).status).toBe(400);
    const blocked = await client.call('GET', `${PROFILES}/${P.tailspinCsv}/uploadUrl`);
    expect([blocked.status, blocked.body.error.code]).toEqual([409, 'conflict']);
  });
});
