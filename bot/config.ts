import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { GUID } from './domain/guid';
import { ConfigError } from './errors';

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
export type EmulatorPermissions = 'current' | 'seeds';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Operations APPROVAL_REQUIRED may name (the contract in DESIGN.md); each maps to commands in operations/approvalPolicy.ts. */
export const APPROVAL_OPERATIONS = ['reset-profile', 'restart-job', 'restart-job-destructive', 'reset-sds-flow', 'start-sds-run'] as const;
export type ApprovalOperation = (typeof APPROVAL_OPERATIONS)[number];
const DEFAULT_APPROVAL_REQUIRED: readonly ApprovalOperation[] = ['restart-job-destructive', 'reset-sds-flow'];

/** How the bot gets its app-level Graph token. `demo` = the built-in emulator with its own tokens. */
export type GraphAuth =
  | { kind: 'demo' }
  | { kind: 'token'; accessToken: string }
  | { kind: 'clientSecret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'clientCertificate'; tenantId: string; clientId: string; certificatePath: string }
  | { kind: 'managedIdentity'; clientId?: string };

/**
 * Azure Blob Storage for every store: a connection string, or the account URL and the bot's Azure identity
 * (the user-assigned managed identity `clientId` when Graph uses it too, else DefaultAzureCredential).
 */
export type AzureStorage =
  | { readonly kind: 'connectionString'; readonly connectionString: string; readonly container: string }
  | { readonly kind: 'managedIdentity'; readonly accountUrl: string; readonly clientId?: string; readonly container: string };

export interface Config {
  readonly port: number;
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appType: AppType;
    readonly appTenantId: string;
    /** False only when MicrosoftAppId is empty: local use, never in a tenant. */
    readonly isAuthEnabled: boolean;
  };
  readonly graph: {
    readonly auth: GraphAuth;
    /** Ignored in demo mode, where the in-process emulator's URL is used. */
    readonly baseUrl: string;
    readonly timeoutMs: number;
    readonly retryDeadlineMs: number;
  };
  readonly sso: { readonly connectionName?: string };
  /** `npm run emulator`; `caFile` is where it writes its CA certificate, for clients that must trust it. */
  readonly emulator: {
    readonly port: number; readonly permissions: EmulatorPermissions; readonly caFile?: string;
    /** `retired`: SDS Classic paths answer as Graph answers a retired API (the DESIGN.md contract). */
    readonly sdsClassic: 'live' | 'retired';
  };
  readonly storage: {
    readonly dataDir: string;
    readonly azure?: AzureStorage;
  };
  readonly pollIntervalSeconds: number;
  readonly actionExpiryMinutes: number;
  readonly access: { readonly allowedTenants: readonly string[]; readonly allowedUsers: readonly string[] };
  /** Operations that need a second admin (APPROVAL_REQUIRED), and who may approve (APPROVERS; empty: anyone ALLOWED_USERS lets act). */
  readonly approvals: { readonly required: readonly ApprovalOperation[]; readonly approvers: readonly string[] };
  readonly logLevel: LogLevel;
  /** `teamsAppId`: the Teams app's own id when the Agents Toolkit created one (TEAMS_APP_ID); else the bot's id. */
  readonly packaging: { readonly botDomain?: string; readonly appVersion: string; readonly teamsAppId?: string };
}

type Env = Readonly<Record<string, string | undefined>>;

const APP_TYPES: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** process.env over the values of `.env` in the working directory, when that file exists. */
export function readEnvironment(cwd = process.cwd()): Env {
  const file = `${cwd}/.env`;
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

/** Reads, defaults and validates every variable of the contract; throws one ConfigError naming each bad one. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const read = new Reader(env, problems);

  const appId = read.text('MicrosoftAppId');
  const appType = read.oneOf('MicrosoftAppType', APP_TYPES, 'MultiTenant');
  const appPassword = read.text('MicrosoftAppPassword');
  const appTenantId = read.text('MicrosoftAppTenantId');
  if (appId) {
    if (!GUID.test(appId)) problems.push(`MicrosoftAppId: must be a GUID (the Azure Bot's app id), got '${appId}'`);
    if (appType !== 'UserAssignedMSI' && !appPassword)
      problems.push(`MicrosoftAppPassword: required when MicrosoftAppId is set and MicrosoftAppType is ${appType}`);
    if (appType !== 'MultiTenant' && !GUID.test(appTenantId))
      problems.push(`MicrosoftAppTenantId: a tenant GUID is required for MicrosoftAppType ${appType}`);
  }

  const connectionName = read.text('OAUTH_CONNECTION_NAME');
  // On-behalf-of trades the admin's SSO token with the bot's own app id and secret.
  if (connectionName && (!appId || !appPassword))
    problems.push('OAUTH_CONNECTION_NAME: Teams SSO needs MicrosoftAppId and MicrosoftAppPassword (the on-behalf-of exchange uses them)');
  const graphAuth = read.graphAuth();
  const azure = read.azureStorage(graphAuth);
  const config: Config = {
    // 0 = any free port (tests, benchmarks).
    port: read.int('PORT', 3978, 0, 65535),
    bot: { appId, appPassword, appType, appTenantId, isAuthEnabled: appId !== '' },
    graph: {
      auth: graphAuth,
      baseUrl: read.httpsUrl('GRAPH_BASE_URL', 'https://graph.microsoft.com/beta'),
      timeoutMs: read.int('GRAPH_TIMEOUT_MS', 10_000, 100, 120_000),
      retryDeadlineMs: read.int('GRAPH_RETRY_DEADLINE_MS', 20_000, 0, 300_000),
    },
    sso: { connectionName: connectionName || undefined },
    emulator: {
      port: read.int('GRAPH_EMULATOR_PORT', 4000, 0, 65535),
      permissions: read.oneOf('GRAPH_EMULATOR_PERMISSIONS', ['current', 'seeds'] as const, 'current'),
      ...(read.text('GRAPH_EMULATOR_CA_FILE') ? { caFile: read.text('GRAPH_EMULATOR_CA_FILE') } : {}),
      sdsClassic: read.oneOf('GRAPH_EMULATOR_SDS_CLASSIC', ['live', 'retired'] as const, 'live'),
    },
    storage: { dataDir: read.text('DATA_DIR') || './.data', ...(azure ? { azure } : {}) },
    pollIntervalSeconds: read.int('POLL_INTERVAL_SECONDS', 60, 5, 86_400),
    actionExpiryMinutes: read.int('ACTION_EXPIRY_MINUTES', 15, 1, 1440),
    access: { allowedTenants: read.guidList('ALLOWED_TENANTS'), allowedUsers: read.guidList('ALLOWED_USERS') },
    approvals: { required: read.approvalOperations('APPROVAL_REQUIRED'), approvers: read.guidList('APPROVERS') },
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    packaging: {
      botDomain: read.text('BOT_DOMAIN') || undefined, appVersion: read.text('APP_VERSION') || '1.0.0',
      ...(read.text('TEAMS_APP_ID') ? { teamsAppId: read.guid('TEAMS_APP_ID') } : {}),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/** Reads one variable at a time and records what is wrong with it instead of throwing. */
class Reader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  text(name: string): string {
    return (this.env[name] ?? '').trim();
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.text(name);
    if (raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name}: must be a whole number from ${min} to ${max}, got '${raw}'`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.text(name);
    if (raw === '') return fallback;
    const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
    if (!match) this.problems.push(`${name}: must be one of ${allowed.join(', ')}, got '${raw}'`);
    return match ?? fallback;
  }

  httpsUrl(name: string, fallback: string): string {
    const raw = this.text(name);
    if (raw === '') return fallback;
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined; // reported just below with the variable's name
    }
    // The Graph client attaches the Authorization header only to https URLs, so http would fail silently.
    if (!url || url.protocol !== 'https:') {
      this.problems.push(`${name}: must be an https URL such as https://graph.microsoft.com/beta, got '${raw}'`);
      return fallback;
    }
    return raw.replace(/\/+$/, '');
  }

  guid(name: string): string {
    const value = this.text(name);
    if (!GUID.test(value)) this.problems.push(`${name}: must be a GUID, got '${value}'`);
    return value.toLowerCase();
  }

  guidList(name: string): string[] {
    const items = this.text(name).split(',').map((s) => s.trim()).filter(Boolean);
    const bad = items.filter((s) => !GUID.test(s));
    if (bad.length) this.problems.push(`${name}: every entry must be a GUID, got '${bad.join("', '")}'`);
    return items.map((s) => s.toLowerCase());
  }

  /** `none` turns approvals off; unset keeps the documented default; anything else must be a known operation. */
  approvalOperations(name: string): ApprovalOperation[] {
    const raw = this.text(name);
    if (raw === '') return [...DEFAULT_APPROVAL_REQUIRED];
    if (raw.toLowerCase() === 'none') return [];
    const items = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    const unknown = items.filter((item) => !(APPROVAL_OPERATIONS as readonly string[]).includes(item));
    if (unknown.length) this.problems.push(`${name}: must be 'none' or a comma-separated list of ${APPROVAL_OPERATIONS.join(', ')}, got '${unknown.join("', '")}'`);
    return APPROVAL_OPERATIONS.filter((operation) => items.includes(operation));
  }

  graphAuth(): GraphAuth {
    const token = this.text('GRAPH_ACCESS_TOKEN');
    const tenantId = this.text('AZURE_TENANT_ID');
    const clientId = this.text('AZURE_CLIENT_ID');
    const clientSecret = this.text('AZURE_CLIENT_SECRET');
    const certificatePath = this.text('AZURE_CLIENT_CERTIFICATE_PATH');
    const isManaged = this.oneOf('AZURE_USE_MANAGED_IDENTITY', ['true', 'false'] as const, 'false') === 'true';
    if (token) return { kind: 'token', accessToken: token };
    if (isManaged) return { kind: 'managedIdentity', ...(clientId ? { clientId } : {}) };
    if (clientSecret || certificatePath) {
      if (!GUID.test(tenantId)) this.problems.push('AZURE_TENANT_ID: a tenant GUID is required with app credentials');
      if (!GUID.test(clientId)) this.problems.push('AZURE_CLIENT_ID: the app registration GUID is required with app credentials');
      if (clientSecret && certificatePath)
        this.problems.push('AZURE_CLIENT_SECRET: set either it or AZURE_CLIENT_CERTIFICATE_PATH, not both');
      if (certificatePath && !existsSync(certificatePath))
        this.problems.push(`AZURE_CLIENT_CERTIFICATE_PATH: no file at '${certificatePath}'`);
      return clientSecret
        ? { kind: 'clientSecret', tenantId, clientId, clientSecret }
        : { kind: 'clientCertificate', tenantId, clientId, certificatePath };
    }
    if (tenantId || clientId)
      this.problems.push('AZURE_CLIENT_SECRET: app credentials need a secret, a certificate or AZURE_USE_MANAGED_IDENTITY=true');
    if (this.text('GRAPH_BASE_URL'))
      this.problems.push('GRAPH_BASE_URL: set, but no Graph credentials (GRAPH_ACCESS_TOKEN or AZURE_* app credentials)');
    return { kind: 'demo' };
  }

  /** With AZURE_USE_MANAGED_IDENTITY, storage signs in as the same user-assigned identity as Graph. */
  azureStorage(graphAuth: GraphAuth): AzureStorage | undefined {
    const connectionString = this.text('AZURE_STORAGE_CONNECTION_STRING');
    const accountUrl = this.text('AZURE_STORAGE_ACCOUNT_URL');
    const container = this.text('AZURE_STORAGE_CONTAINER') || 'syncops';
    if (!connectionString && !accountUrl) {
      // Refused rather than ignored: state would silently stay in DATA_DIR on one instance.
      if (this.text('AZURE_STORAGE_CONTAINER'))
        this.problems.push('AZURE_STORAGE_CONTAINER: set, but neither AZURE_STORAGE_CONNECTION_STRING nor AZURE_STORAGE_ACCOUNT_URL is');
      return undefined;
    }
    // Container names: https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata
    if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(container))
      this.problems.push(`AZURE_STORAGE_CONTAINER: must be 3-63 lowercase letters, digits and single hyphens, got '${container}'`);
    if (connectionString && accountUrl)
      this.problems.push('AZURE_STORAGE_ACCOUNT_URL: set either it (managed identity) or AZURE_STORAGE_CONNECTION_STRING, not both');
    if (connectionString) {
      if (!/(^|;)\s*(UseDevelopmentStorage=true|BlobEndpoint=|AccountName=)/i.test(connectionString))
        this.problems.push('AZURE_STORAGE_CONNECTION_STRING: not a storage connection string (expected AccountName=…;AccountKey=… or BlobEndpoint=…)');
      return { kind: 'connectionString', connectionString, container };
    }
    let url: URL | undefined;
    try {
      url = new URL(accountUrl);
    } catch {
      url = undefined; // reported just below with the variable's name
    }
    // A managed identity's token is a bearer token: the storage SDK sends it only over https.
    if (!url || url.protocol !== 'https:')
      this.problems.push(`AZURE_STORAGE_ACCOUNT_URL: must be an https URL such as https://<account>.blob.core.windows.net, got '${accountUrl}'`);
    const clientId = graphAuth.kind === 'managedIdentity' ? graphAuth.clientId : undefined;
    return { kind: 'managedIdentity', accountUrl: accountUrl.replace(/\/+$/, ''), container, ...(clientId ? { clientId } : {}) };
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
