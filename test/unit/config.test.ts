import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { loadConfig } from '../../bot/config';
import { ConfigError } from '../../bot/errors';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '72f988bf-0000-4000-8000-000000000001';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs the demo tenant with documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.graph.auth).toEqual({ kind: 'demo' });
    expect(config.graph.baseUrl).toBe('https://graph.microsoft.com/beta');
    expect(config.bot.isAuthEnabled).toBe(false);
    expect(config.storage.dataDir).toBe('./.data');
    expect(config.pollIntervalSeconds).toBe(60);
    expect(config.actionExpiryMinutes).toBe(15);
    expect(config.emulator).toEqual({ port: 4000, permissions: 'current', sdsClassic: 'live' });
    expect(config.access).toEqual({ allowedTenants: [], allowedUsers: [] });
  });

  it('reports every bad value in one error, each naming its variable', () => {
    const problems = problemsOf({
      PORT: 'abc', GRAPH_BASE_URL: 'not-a-url', GRAPH_ACCESS_TOKEN: 'x', MicrosoftAppType: 'Foo',
      MicrosoftAppId: APP_ID, POLL_INTERVAL_SECONDS: '-1', ALLOWED_USERS: 'ada',
    });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^PORT: .*'abc'/),
      expect.stringMatching(/^GRAPH_BASE_URL: .*'not-a-url'/),
      expect.stringMatching(/^MicrosoftAppType: .*'Foo'/),
      expect.stringMatching(/^MicrosoftAppPassword: required/),
      expect.stringMatching(/^POLL_INTERVAL_SECONDS: /),
      expect.stringMatching(/^ALLOWED_USERS: .*'ada'/),
    ]));
    expect(problems).toHaveLength(6);
  });

  it('puts the whole list in the error message', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/Invalid configuration:\n {2}- PORT: must be a whole number from 0 to 65535, got '70000'/);
  });

  it.each([
    ['MultiTenant', { MicrosoftAppPassword: 'pw' }],
    ['SingleTenant', { MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT }],
    ['UserAssignedMSI', { MicrosoftAppTenantId: TENANT }],
  ])('accepts %s with what it needs and turns inbound auth on', (appType, extra) => {
    const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: appType, ...extra });
    expect(config.bot).toMatchObject({ appId: APP_ID, appType, isAuthEnabled: true });
  });

  it('asks SingleTenant for a tenant id and every app type but MSI for a password', () => {
    expect(problemsOf({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'SingleTenant' })).toEqual([
      expect.stringMatching(/^MicrosoftAppPassword:/), expect.stringMatching(/^MicrosoftAppTenantId:/),
    ]);
    expect(problemsOf({ MicrosoftAppId: 'not-a-guid', MicrosoftAppPassword: 'x' })).toEqual([expect.stringMatching(/^MicrosoftAppId: must be a GUID/)]);
  });

  it('chooses Graph auth from what is set', () => {
    expect(loadConfig({ GRAPH_ACCESS_TOKEN: 't' }).graph.auth).toEqual({ kind: 'token', accessToken: 't' });
    expect(loadConfig({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: APP_ID, AZURE_CLIENT_SECRET: 's' }).graph.auth.kind).toBe('clientSecret');
    expect(loadConfig({ AZURE_USE_MANAGED_IDENTITY: 'true' }).graph.auth).toEqual({ kind: 'managedIdentity' });
    expect(problemsOf({ AZURE_CLIENT_ID: APP_ID })).toEqual([expect.stringMatching(/^AZURE_CLIENT_SECRET:/)]);
    expect(problemsOf({ AZURE_CLIENT_SECRET: 's' })).toEqual([expect.stringMatching(/^AZURE_TENANT_ID:/), expect.stringMatching(/^AZURE_CLIENT_ID:/)]);
    expect(problemsOf({ GRAPH_BASE_URL: 'https://graph.microsoft.com/beta' })).toEqual([expect.stringMatching(/^GRAPH_BASE_URL: set, but no Graph credentials/)]);
  });

  it('switches every store to Azure Blob Storage by connection string, with the default container syncops', () => {
    expect(loadConfig({ AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).storage.azure)
      .toEqual({ kind: 'connectionString', connectionString: 'UseDevelopmentStorage=true', container: 'syncops' });
    expect(loadConfig({}).storage.azure).toBeUndefined();
  });

  it('signs in to the storage account URL as the same user-assigned identity as Graph, else as the default Azure identity', () => {
    const url = 'https://contoso.blob.core.windows.net/';
    expect(loadConfig({ AZURE_STORAGE_ACCOUNT_URL: url, AZURE_STORAGE_CONTAINER: 'bot-state', AZURE_USE_MANAGED_IDENTITY: 'true', AZURE_CLIENT_ID: APP_ID }).storage.azure)
      .toEqual({ kind: 'managedIdentity', accountUrl: 'https://contoso.blob.core.windows.net', clientId: APP_ID, container: 'bot-state' });
    expect(loadConfig({ AZURE_STORAGE_ACCOUNT_URL: url }).storage.azure).toEqual({ kind: 'managedIdentity', accountUrl: 'https://contoso.blob.core.windows.net', container: 'syncops' });
  });

  it('names each bad Azure storage setting instead of silently keeping state in DATA_DIR', () => {
    expect(problemsOf({ AZURE_STORAGE_CONTAINER: 'bot-state' })).toEqual([expect.stringMatching(/^AZURE_STORAGE_CONTAINER: set, but neither/)]);
    expect(problemsOf({ AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_CONTAINER: 'Bad_Name' })).toEqual([expect.stringMatching(/^AZURE_STORAGE_CONTAINER: must be 3-63/)]);
    expect(problemsOf({ AZURE_STORAGE_CONNECTION_STRING: 'hello' })).toEqual([expect.stringMatching(/^AZURE_STORAGE_CONNECTION_STRING: not a storage connection string/)]);
    expect(problemsOf({ AZURE_STORAGE_ACCOUNT_URL: 'http://contoso.blob.core.windows.net' })).toEqual([expect.stringMatching(/^AZURE_STORAGE_ACCOUNT_URL: must be an https URL/)]);
    expect(problemsOf({ AZURE_STORAGE_ACCOUNT_URL: 'https://a.blob.core.windows.net', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }))
      .toEqual([expect.stringMatching(/^AZURE_STORAGE_ACCOUNT_URL: set either it/)]);
  });

  it('refuses an http Graph URL, since the Graph client would send it no token', () => {
    expect(problemsOf({ GRAPH_ACCESS_TOKEN: 't', GRAPH_BASE_URL: 'http://graph.microsoft.com/beta' })).toEqual([expect.stringMatching(/^GRAPH_BASE_URL: must be an https URL/)]);
  });

  it('normalises allow-lists and returns a frozen config', () => {
    const config = loadConfig({ ALLOWED_TENANTS: ` ${TENANT.toUpperCase()} , `, ALLOWED_USERS: '' });
    expect(config.access.allowedTenants).toEqual([TENANT]);
    expect(Object.isFrozen(config.access.allowedTenants)).toBe(true);
    expect(() => { (config as { port: number }).port = 1; }).toThrow(TypeError);
  });
});

describe('.env.example', () => {
  const example = readFileSync(`${__dirname}/../../.env.example`, 'utf8');
  const configSource = readFileSync(`${__dirname}/../../bot/config.ts`, 'utf8');

  it('documents every variable the config reads', () => {
    const read = [...configSource.matchAll(/read\.\w+\('([A-Za-z_]+)'/g), ...configSource.matchAll(/this\.\w+\('([A-Za-z_]+)'/g)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(20);
    for (const name of read) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });

  it('works as it is when copied to .env', () => {
    expect(loadConfig(parse(example)).graph.auth.kind).toBe('demo');
  });
});
