/**
 * Bicep, the Agents Toolkit project and Docker cannot run here, so this keeps them honest where it can: the
 * web app's settings are variables bot/config.ts reads and make a config that runs on Azure state and
 * Graph; the toolkit files name files that exist and variables the env file declares; and the Dockerfile,
 * the Bicep and README start the bot with one command.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config';

const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const bicep = read('infra/azure.bicep');
const toolkit = read('m365agents.yml');
const parameters = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: string }> };
const dockerfile = read('Dockerfile');

const IDENTITY_CLIENT_ID = '3c1b5a2e-7d4f-4e8a-9b6c-0d2e4f6a8b1c';
const TENANT_ID = '72f988bf-0000-4000-8000-000000000001';
/** What each Bicep expression in an app setting stands for once deployed. An expression not listed fails the test. */
const DEPLOYED: Record<string, string> = {
  'identity.properties.clientId': IDENTITY_CLIENT_ID,
  'identity.properties.tenantId': TENANT_ID,
  'storage.properties.primaryEndpoints.blob': 'https://syncopsabc123.blob.core.windows.net/',
  storageContainerName: 'syncops',
  allowedUsers: '',
  pollIntervalSeconds: '60',
};
/** Without these the deployment is not the one README describes: auth on, Graph and storage as the identity, one tenant. */
const REQUIRED = ['MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'AZURE_USE_MANAGED_IDENTITY', 'AZURE_CLIENT_ID', 'AZURE_STORAGE_ACCOUNT_URL', 'ALLOWED_TENANTS'];
/** Variables the Agents Toolkit itself provides. */
const TOOLKIT_BUILT_INS = ['TEAMSFX_ENV', 'APP_NAME_SUFFIX', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

function appSettings(): [string, string][] {
  const block = /appSettings: \[([\s\S]*?)\n\s*\]/.exec(bicep)?.[1] ?? '';
  return [...block.matchAll(/\{ name: '([^']+)', value: ([^}]+?) \}/g)].map((m) => [m[1]!, m[2]!.trim()]);
}

function deployedValue(expression: string): string {
  const literal = /^'([^']*)'$/.exec(expression);
  if (literal) return literal[1]!;
  if (!(expression in DEPLOYED)) throw new Error(`No deployed value known for the Bicep expression ${expression}`);
  return DEPLOYED[expression]!;
}

/** Every environment variable bot/config.ts reads, from its source. */
function configVariables(): Set<string> {
  return new Set([...read('bot/config.ts').matchAll(/\.(?:text|int|oneOf|httpsUrl|guidList|guid)\('([A-Za-z_]+)'/g)].map((m) => m[1]!));
}

function envFileKeys(path: string): Set<string> {
  return new Set(read(path).split('\n').map((line) => /^([A-Z_][A-Z0-9_]*)=/.exec(line)?.[1]).filter((key): key is string => Boolean(key)));
}

const placeholders = (text: string) => [...text.matchAll(/\$\{\{([A-Z_][A-Z0-9_]*)\}\}/g)].map((m) => m[1]!);
const START_COMMAND = 'node --disable-warning=DEP0111 dist/bot/index.js';

describe('infra/azure.bicep', () => {
  it('sets only variables bot/config.ts reads, and every one the deployment needs', () => {
    const names = appSettings().map(([name]) => name);
    expect(names.length).toBeGreaterThanOrEqual(REQUIRED.length);
    const known = configVariables();
    expect(known.has('AZURE_STORAGE_ACCOUNT_URL')).toBe(true);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    expect(REQUIRED.filter((name) => !names.includes(name))).toEqual([]);
  });

  it('gives settings that load into a config with inbound auth, Graph and Blob state as the managed identity, and one tenant', () => {
    const config = loadConfig(Object.fromEntries(appSettings().map(([name, expression]) => [name, deployedValue(expression)])));
    expect(config.bot).toMatchObject({ appId: IDENTITY_CLIENT_ID, appType: 'UserAssignedMSI', appTenantId: TENANT_ID, isAuthEnabled: true });
    expect(config.graph.auth).toEqual({ kind: 'managedIdentity', clientId: IDENTITY_CLIENT_ID });
    expect(config.storage.azure).toEqual({ kind: 'managedIdentity', accountUrl: 'https://syncopsabc123.blob.core.windows.net', clientId: IDENTITY_CLIENT_ID, container: 'syncops' });
    expect(config.access.allowedTenants).toEqual([TENANT_ID]);
  });

  it('declares the hosting, bot and storage the README promises', () => {
    for (const line of [
      "linuxFxVersion: 'NODE|20-lts'", 'alwaysOn: true', 'httpsOnly: true', "healthCheckPath: '/healthz'",
      "kind: 'azurebot'", "msaAppType: 'UserAssignedMSI'", "channelName: 'MsTeamsChannel'", "endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'",
      'allowBlobPublicAccess: false', "minimumTlsVersion: 'TLS1_2'", "var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'",
      "type: 'UserAssigned'",
    ]) expect(bicep).toContain(line);
  });

  it('gets a value for every parameter without a default from azure.parameters.json, and none it does not declare', () => {
    const declared = [...bicep.matchAll(/^param (\w+) \w+( = .*)?$/gm)];
    const withoutDefault = declared.filter((m) => !m[2]).map((m) => m[1]!);
    const given = Object.keys(parameters.parameters);
    expect(withoutDefault.filter((name) => !given.includes(name))).toEqual([]);
    expect(given.filter((name) => !declared.some((m) => m[1] === name))).toEqual([]);
  });
});

describe('m365agents.yml', () => {
  it('names files and folders that exist', () => {
    const paths = [...toolkit.matchAll(/^[\s-]*(?:environmentFolderPath|path|parameters|ignoreFile):\s*(\S+)/gm)].map((m) => m[1]!);
    expect(paths).toEqual(expect.arrayContaining(['./env', './infra/azure.bicep', './infra/azure.parameters.json', '.webappignore']));
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
    expect(existsSync(join(ROOT, 'env/.env.dev'))).toBe(true);
  });

  it('uploads the package `npm run package` writes', () => {
    const packagePaths = [...toolkit.matchAll(/appPackagePath:\s*(\S+)/g)].map((m) => m[1]!);
    expect(packagePaths.length).toBeGreaterThanOrEqual(3);
    // scripts/package.ts is read, not imported: it loads @microsoft/app-manifest, which needs a jest mock (manifest.test.ts).
    const output = /DEFAULT_OUTPUT = path\.join\(APP_PACKAGE_DIR, ((?:'[^']+'(?:, )?)+)\)/.exec(read('scripts/package.ts'))?.[1];
    const segments = [...(output ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    expect(new Set(packagePaths)).toEqual(new Set([['./appPackage', ...segments].join('/')]));
    expect(segments).toEqual(['build', 'syncops.zip']);
  });

  it('has provision, deploy and publish stages', () => {
    for (const stage of ['provision:', 'deploy:', 'publish:']) expect(toolkit).toMatch(new RegExp(`^${stage}`, 'm'));
    for (const action of ['teamsApp/create', 'arm/deploy', 'teamsApp/validateAppPackage', 'teamsApp/update', 'azureAppService/zipDeploy', 'teamsApp/publishAppPackage'])
      expect(toolkit).toContain(`uses: ${action}`);
  });

  it('uses only variables that env/.env.dev declares or the toolkit provides, and env/.env.dev declares every Bicep output', () => {
    const declared = envFileKeys('env/.env.dev');
    const used = [...placeholders(toolkit), ...placeholders(read('infra/azure.parameters.json'))];
    expect(used.filter((name) => !declared.has(name) && !TOOLKIT_BUILT_INS.includes(name))).toEqual([]);
    const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
    expect(outputs.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('keeps secrets out of the committed env file', () => {
    const keys = [...envFileKeys('env/.env.dev')];
    expect(keys.filter((key) => /SECRET|PASSWORD|CONNECTION_STRING|TOKEN/.test(key))).toEqual([]);
    expect(read('env/.env.dev')).not.toMatch(/AccountKey=/);
  });
});

describe('Dockerfile', () => {
  it('starts the bot with the command README and the Bicep give', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect((JSON.parse(cmd ?? '[]') as string[]).join(' ')).toBe(START_COMMAND);
    expect(bicep).toContain(`var startCommand = '${START_COMMAND}'`);
    expect(read('README.md')).toContain(`\`${START_COMMAND}\``);
  });

  it('runs Node 20 slim with production dependencies only, as a non-root user, with a /healthz health check', () => {
    expect(dockerfile.match(/^FROM node:20[\w.-]*-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(dockerfile).not.toMatch(/^(ENV|ARG) .*(SECRET|PASSWORD|CONNECTION_STRING|TOKEN)/im);
    expect(read('.dockerignore').split('\n')).toEqual(expect.arrayContaining(['.env', '.data', 'node_modules']));
  });
});
