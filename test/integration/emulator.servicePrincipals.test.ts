import { DEMO, mintDemoAppToken, mintDemoUserToken } from '../../bot/emulator';
import { startEmulatorClient, type EmulatorClient, type Json } from '../support/emulatorClient';

const SPS = '/beta/servicePrincipals';
const EVENTUAL = { ConsistencyLevel: 'eventual' };

let client: EmulatorClient;
beforeAll(async () => { client = await startEmulatorClient(); });
afterAll(() => client.close());

const names = (answer: Json): string[] => answer.body.value.map((sp: Json) => sp.displayName).sort();
const query = (options: string, headers: Record<string, string> = {}) => client.call('GET', `${SPS}?${options}`, { headers });

describe('listing service principals', () => {
  it('lists every demo app', async () => {
    const answer = await client.call('GET', SPS);
    expect(answer.status).toBe(200);
    expect(names(answer)).toEqual(expect.arrayContaining(['Workday to AD User Provisioning', 'ServiceNow', 'Microsoft Teams']));
    expect(answer.body.value.length).toBeGreaterThanOrEqual(8);
  });

  it('filters by exact displayName, case-insensitively', async () => {
    expect(names(await query("$filter=displayName eq 'workday to ad user provisioning'"))).toEqual(['Workday to AD User Provisioning']);
    expect(names(await query("$filter=displayName eq 'Workday'"))).toEqual([]);
  });

  it('filters with startswith', async () => {
    expect(names(await query("$filter=startswith(displayName,'Work')"))).toEqual(['Workday to AD User Provisioning', 'Workplace Analytics']);
    expect(names(await query("$filter=startswith(displayName,'day')"))).toEqual([]);
  });

  it('filters by appId and by id, combined with or', async () => {
    expect(names(await query(`$filter=appId eq '${DEMO.appIds.salesforce}'`))).toEqual(['Salesforce']);
    expect(names(await query(`$filter=id eq '${DEMO.servicePrincipals.serviceNow}' or id eq '${DEMO.servicePrincipals.salesforce}'`))).toEqual(['Salesforce', 'ServiceNow']);
  });

  it('refuses a filter it cannot parse or a property it does not filter on', async () => {
    const garbled = await query("$filter=displayName eq");
    expect([garbled.status, garbled.body.error.code]).toEqual([400, 'Request_BadRequest']);
    const unsupported = await query("$filter=notes eq 'x'");
    expect([unsupported.status, unsupported.body.error.code]).toEqual([400, 'Request_UnsupportedQuery']);
  });

  it('selects only the asked properties and names them in the context', async () => {
    const answer = await query("$select=id,displayName&$filter=startswith(displayName,'Sales')");
    expect(answer.body.value).toEqual([{ id: DEMO.servicePrincipals.salesforce, displayName: 'Salesforce' }]);
    expect(answer.body['@odata.context']).toMatch(/#servicePrincipals\(id,displayName\)$/);
    expect((await query('$select=id,bogus')).status).toBe(400);
  });

  it('pages with $top and a nextLink that keeps the query options', async () => {
    const first = await query('$top=3&$select=id');
    expect(first.body.value).toHaveLength(3);
    const next = first.body['@odata.nextLink'] as string;
    expect(next.startsWith(`${client.emulator.origin}${SPS}?`)).toBe(true);
    expect(new URL(next).searchParams.get('$select')).toBe('id');
    const all: string[] = first.body.value.map((sp: Json) => sp.id);
    let url: string | undefined = next;
    while (url) {
      const page = await client.call('GET', url);
      all.push(...page.body.value.map((sp: Json) => sp.id));
      url = page.body['@odata.nextLink'];
    }
    expect(new Set(all).size).toBe((await client.call('GET', SPS)).body.value.length);
  });

  it('refuses $top outside 1..999', async () => {
    expect((await query('$top=1000')).status).toBe(400);
  });
});

describe('$search', () => {
  it('matches word prefixes with ConsistencyLevel: eventual, and counts with $count=true', async () => {
    const answer = await query('$search="displayName:work"&$count=true', EVENTUAL);
    expect(names(answer)).toEqual(['Workday to AD User Provisioning', 'Workplace Analytics']);
    expect(answer.body['@odata.count']).toBe(2);
  });

  it('is token-based, not "contains"', async () => {
    expect(names(await query('$search="displayName:day"', EVENTUAL))).toEqual([]);
    expect(names(await query('$search="displayName:now"', EVENTUAL))).toEqual(['ServiceNow']);
    expect(names(await query('$search="displayName:factors sap"', EVENTUAL))).toEqual(['SAP SuccessFactors to Azure AD']);
  });

  it('combines clauses with OR', async () => {
    expect(names(await query('$search="displayName:teams" OR "displayName:salesforce"', EVENTUAL))).toEqual(['Microsoft Teams', 'Salesforce']);
  });

  it('refuses $search without ConsistencyLevel: eventual with the documented message', async () => {
    const answer = await query('$search="displayName:work"');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'Request_UnsupportedQuery',
      message: "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    });
  });

  it('ignores $count=true without ConsistencyLevel', async () => {
    const answer = await query("$count=true&$filter=startswith(displayName,'Work')");
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.count']).toBeUndefined();
  });
});

describe('getting one service principal', () => {
  it('gets by object id and by the appId alternate key', async () => {
    const byId = await client.call('GET', `${SPS}/${DEMO.servicePrincipals.workday}`);
    expect(byId.body).toMatchObject({ id: DEMO.servicePrincipals.workday, appId: DEMO.appIds.workday, displayName: 'Workday to AD User Provisioning' });
    const byAppId = await client.call('GET', `${SPS}(appId='${DEMO.appIds.workday}')`);
    expect(byAppId.body.id).toBe(DEMO.servicePrincipals.workday);
  });

  it('answers 404 Request_ResourceNotFound with the documented message for an unknown id', async () => {
    const id = '99999999-9999-4999-8999-999999999999';
    const answer = await client.call('GET', `${SPS}/${id}`);
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({
      code: 'Request_ResourceNotFound',
      message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    });
  });
});

describe('directory permissions', () => {
  it('lets an app token with Application.Read.All read', async () => {
    expect((await client.call('GET', SPS, { token: mintDemoAppToken({ roles: ['Application.Read.All'] }) })).status).toBe(200);
  });

  it('refuses a token without a directory permission with 403 Authorization_RequestDenied', async () => {
    const app = await client.call('GET', SPS, { token: mintDemoAppToken({ roles: ['Synchronization.ReadWrite.All'] }) });
    expect([app.status, app.body.error.code]).toEqual([403, 'Authorization_RequestDenied']);
    const user = await client.call('GET', `${SPS}/${DEMO.servicePrincipals.workday}`, { token: mintDemoUserToken({ scp: 'User.Read' }) });
    expect([user.status, user.body.error.code]).toEqual([403, 'Authorization_RequestDenied']);
  });

  it('accepts the legacy Directory.AccessAsUser.All for delegated callers', async () => {
    expect((await client.call('GET', SPS, { token: mintDemoUserToken({ scp: 'Directory.AccessAsUser.All' }) })).status).toBe(200);
  });
});
