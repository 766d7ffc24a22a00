/** Demo Graph access tokens in the shape of reference §2.1, for demo mode and tests. */
import { createHmac, randomBytes } from 'node:crypto';
import { DEMO, DIRECTORY_ROLES } from './demoIds';

/** The claims the emulator reads; a claim set to `undefined` in an override is left out of the token. */
export interface GraphTokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  appidacr: string;
  idtyp: 'user' | 'app';
  oid: string;
  sub: string;
  tid: string;
  ver: string;
  name?: string;
  upn?: string;
  scp?: string;
  roles?: string[];
  wids?: string[];
  app_displayname?: string;
}

/** What the new SDS commands need (README, "New School Data Sync"): the demo tokens carry all of it. */
const INDUSTRY_DATA_PERMISSIONS = [
  'IndustryData-Run.Read.All', 'IndustryData-Run.Start', 'IndustryData-InboundFlow.Read.All', 'IndustryData-DataConnector.Upload',
  'IndustryData.ReadBasic.All', 'IndustryData-OutboundFlow.ReadWrite.All',
];
export const DEMO_USER_SCOPES = ['EduAdministration.ReadWrite Synchronization.ReadWrite.All Application.Read.All User.Read', ...INDUSTRY_DATA_PERMISSIONS].join(' ');
// AuditLog.Read.All and Directory.Read.All: the provisioning logs need both (docs/provisioning-logs.md); Directory.Read.All also reads users.
export const DEMO_APP_ROLES = ['Synchronization.ReadWrite.All', 'Application.Read.All', 'EduAdministration.ReadWrite.All', 'AuditLog.Read.All', 'Directory.Read.All', ...INDUSTRY_DATA_PERMISSIONS];

const TOKEN_LIFETIME_SECONDS = 3600;
// The emulator never verifies signatures; a per-process key just makes the tokens well-formed JWTs.
const SIGNING_KEY = randomBytes(32);

function baseClaims(): Pick<GraphTokenClaims, 'aud' | 'iss' | 'iat' | 'nbf' | 'exp' | 'appid' | 'appidacr' | 'tid' | 'ver'> {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${DEMO.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + TOKEN_LIFETIME_SECONDS,
    appid: DEMO.botApp.appId,
    appidacr: '1',
    tid: DEMO.tenantId,
    ver: '1.0',
  };
}

/** A delegated token for the demo admin (Cloud Application Administrator). */
export function mintDemoUserToken(claims: Partial<GraphTokenClaims> = {}): string {
  return signToken({
    ...baseClaims(),
    idtyp: 'user',
    name: DEMO.admin.name,
    oid: DEMO.admin.oid,
    sub: 'Xq0u3bP6kZ0n3yJdQ1m4f3W2sE7rT9aL',
    upn: DEMO.admin.upn,
    scp: DEMO_USER_SCOPES,
    wids: [DIRECTORY_ROLES.cloudApplicationAdministrator],
    ...claims,
  });
}

/** An app-only token for the SyncOps bot's own app. */
export function mintDemoAppToken(claims: Partial<GraphTokenClaims> = {}): string {
  return signToken({
    ...baseClaims(),
    app_displayname: DEMO.botApp.displayName,
    idtyp: 'app',
    oid: DEMO.botApp.servicePrincipalId,
    sub: DEMO.botApp.servicePrincipalId,
    roles: [...DEMO_APP_ROLES],
    ...claims,
  });
}

function signToken(payload: Partial<GraphTokenClaims>): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac('sha256', SIGNING_KEY).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
