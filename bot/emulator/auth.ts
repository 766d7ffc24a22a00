/**
 * Bearer token reading and the permission tables of both profiles.
 *
 * The emulator only base64url-decodes the JWT payload (the contract in DESIGN.md): `scp` makes a
 * delegated caller, else `roles` makes an app-only caller (§2.1). Least-privileged or any higher
 * permission passes (§3, §4.1, §5; §1 rows 1, 4, 5, 15, 17).
 *
 * | operation         | current: delegated                                   | current: application                                         | seeds profile differs                                   |
 * |-------------------|------------------------------------------------------|--------------------------------------------------------------|---------------------------------------------------------|
 * | sds.read          | EduAdministration.Read, .ReadWrite                   | EduAdministration.Read.All, .ReadWrite.All                   | –                                                       |
 * | sds.delete        | EduAdministration.ReadWrite                          | not supported                                                | –                                                       |
 * | sds.pause/reset   | EduAdministration.ReadWrite                          | EduAdministration.ReadWrite.All                              | app: not supported (seeds 000, 003)                     |
 * | sds.resume        | EduAdministration.ReadWrite                          | EduAdministration.ReadWrite.All                              | app: not supported (the resume page of the same era)    |
 * | sds.start         | EduAdministration.ReadWrite                          | EduAdministration.ReadWrite.All                              | – (seed 002 agrees)                                     |
 * | sds.uploadUrl     | EduAdministration.ReadWrite                          | EduAdministration.ReadWrite.All                              | –                                                       |
 * | directory.read    | Application.Read.All, Application.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All, Directory.AccessAsUser.All | Application.Read.All, Application.ReadWrite.OwnedBy, Application.ReadWrite.All, Directory.Read.All | – |
 * | jobs.read         | Synchronization.Read.All, .ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All | OwnedBy*, Synchronization.Read.All, .ReadWrite.All, Directory.ReadWrite.All | – |
 * | jobs.control      | Synchronization.ReadWrite.All, Directory.ReadWrite.All | OwnedBy*, Synchronization.ReadWrite.All, Directory.ReadWrite.All | –                                                     |
 * | jobs.restart      | Synchronization.ReadWrite.All, Directory.ReadWrite.All | OwnedBy*, Synchronization.ReadWrite.All, Directory.ReadWrite.All | delegated Directory.ReadWrite.All only; app: not supported (seed 001) |
 * | jobs.provisionOnDemand | Synchronization.ReadWrite.All, Directory.ReadWrite.All | OwnedBy*, Synchronization.ReadWrite.All, Directory.ReadWrite.All | – |
 * | auditLogs.read    | AuditLog.Read.All AND Directory.Read.All (+ a log-reader role) | AuditLog.Read.All AND Directory.Read.All | –           |
 * | users.read        | User.ReadBasic.All, User.Read.All, Directory.Read.All, … | User.Read.All, Directory.Read.All, …                       | –                                                       |
 *
 * OwnedBy* = Application.ReadWrite.OwnedBy, honoured only when the token's `appid` owns the service principal (§1 row 17).
 * Delegated jobs.* calls also need a directory role in `wids` (Application, Cloud Application, Hybrid Identity or
 * Global Administrator) in both profiles; the emulator accepts Hybrid Identity Administrator for every job, a
 * simplification of "Cloud Sync jobs only". Directory.ReadWrite.All is kept on jobs as the legacy superset (§1 row 1).
 */
import { DIRECTORY_ROLES, LOG_READER_ROLES } from './demoIds';

export type PermissionProfile = 'current' | 'seeds';

export type Operation =
  | 'sds.read' | 'sds.delete' | 'sds.pause' | 'sds.resume' | 'sds.reset' | 'sds.start' | 'sds.uploadUrl'
  | 'directory.read' | 'jobs.read' | 'jobs.control' | 'jobs.restart' | 'batch'
  | 'jobs.provisionOnDemand' | 'auditLogs.read' | 'users.read'
  | 'industryData.runs.read' | 'industryData.runs.start' | 'industryData.inboundFlows.read' | 'industryData.connectors.upload'
  | 'industryData.operations.read' | 'industryData.outbound.read' | 'industryData.outbound.write';

export type Caller =
  | { kind: 'none'; reason: string }
  | { kind: 'delegated'; oid: string | null; appid: string | null; permissions: Set<string>; roles: Set<string> }
  | { kind: 'app'; oid: string | null; appid: string | null; permissions: Set<string> };

interface Rule {
  delegated: string[] | null;
  app: string[] | null;
  /** App permissions that pass only for owners of the service principal. */
  appIfOwner?: string[];
  needsAdminRole?: boolean;
  /** Directory roles that pass instead of the job administrators (ADMIN_ROLES). */
  adminRoles?: readonly string[];
  /** A second permission the token must also hold, one of these ("AuditLog.Read.All and Directory.Read.All"). */
  alsoNeeds?: readonly string[];
}

/** Roles the provisioning-log page lists for delegated callers, and Global Administrator (a superset). */
const LOG_READERS = [
  ...Object.values(LOG_READER_ROLES),
  DIRECTORY_ROLES.applicationAdministrator, DIRECTORY_ROLES.cloudApplicationAdministrator, DIRECTORY_ROLES.globalAdministrator,
];

const EDU_WRITE: Rule = { delegated: ['EduAdministration.ReadWrite'], app: ['EduAdministration.ReadWrite.All'] };
const EDU_DELEGATED_ONLY: Rule = { delegated: ['EduAdministration.ReadWrite'], app: null };
const OWNED_BY = ['Application.ReadWrite.OwnedBy'];
const SYNC_WRITE: Rule = {
  delegated: ['Synchronization.ReadWrite.All', 'Directory.ReadWrite.All'],
  app: ['Synchronization.ReadWrite.All', 'Directory.ReadWrite.All'],
  appIfOwner: OWNED_BY,
  needsAdminRole: true,
};

/**
 * The new SDS (Industry Data, beta): the same permissions delegated (work or school) and application, per
 * each operation's page under https://learn.microsoft.com/graph/api/resources/industrydata-overview?view=graph-rest-beta;
 * run reads also accept IndustryData-Run.Start (Get-MgBetaExternalIndustryDataRunStatistics lists both).
 */
const both = (...permissions: string[]): Rule => ({ delegated: permissions, app: permissions });
const INDUSTRY_DATA: Record<Extract<Operation, `industryData.${string}`>, Rule> = {
  'industryData.runs.read': both('IndustryData-Run.Read.All', 'IndustryData-Run.Start'),
  'industryData.runs.start': both('IndustryData-Run.Start'),
  'industryData.inboundFlows.read': both('IndustryData-InboundFlow.Read.All', 'IndustryData-InboundFlow.ReadWrite.All'),
  'industryData.connectors.upload': both('IndustryData-DataConnector.Upload', 'IndustryData-DataConnector.ReadWrite.All'),
  'industryData.operations.read': both('IndustryData.ReadBasic.All'),
  'industryData.outbound.read': both('IndustryData-OutboundFlow.Read.All', 'IndustryData-OutboundFlow.ReadWrite.All'),
  'industryData.outbound.write': both('IndustryData-OutboundFlow.ReadWrite.All'),
};

const CURRENT: Record<Operation, Rule> = {
  'sds.read': { delegated: ['EduAdministration.Read', 'EduAdministration.ReadWrite'], app: ['EduAdministration.Read.All', 'EduAdministration.ReadWrite.All'] },
  'sds.delete': EDU_DELEGATED_ONLY,
  'sds.pause': EDU_WRITE,
  'sds.resume': EDU_WRITE,
  'sds.reset': EDU_WRITE,
  'sds.start': EDU_WRITE,
  'sds.uploadUrl': EDU_WRITE,
  'directory.read': {
    delegated: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'],
    app: ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.Read.All'],
  },
  'jobs.read': {
    delegated: ['Synchronization.Read.All', 'Synchronization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    app: ['Synchronization.Read.All', 'Synchronization.ReadWrite.All', 'Directory.ReadWrite.All'],
    appIfOwner: OWNED_BY,
    needsAdminRole: true,
  },
  'jobs.control': SYNC_WRITE,
  'jobs.restart': SYNC_WRITE,
  // $batch itself needs only a usable token; each inner request is checked on its own.
  batch: { delegated: [], app: [] },
  'jobs.provisionOnDemand': SYNC_WRITE,
  'auditLogs.read': {
    delegated: ['AuditLog.Read.All'], app: ['AuditLog.Read.All'], alsoNeeds: ['Directory.Read.All', 'Directory.ReadWrite.All'],
    needsAdminRole: true, adminRoles: LOG_READERS,
  },
  'users.read': {
    delegated: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'],
    app: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  ...INDUSTRY_DATA,
};

const SEEDS: Record<Operation, Rule> = {
  ...CURRENT,
  'sds.pause': EDU_DELEGATED_ONLY,
  'sds.reset': EDU_DELEGATED_ONLY,
  'sds.resume': EDU_DELEGATED_ONLY,
  'jobs.restart': { delegated: ['Directory.ReadWrite.All'], app: null, needsAdminRole: true },
};

const ADMIN_ROLES = new Set<string>(Object.values(DIRECTORY_ROLES));

export type Grant =
  | { ok: true; ownerOnly: boolean }
  | { ok: false; reason: 'permission' | 'role'; detail: string };

export function authorize(profile: PermissionProfile, operation: Operation, caller: Caller): Grant {
  const rule = (profile === 'seeds' ? SEEDS : CURRENT)[operation];
  if (caller.kind === 'none') return { ok: false, reason: 'permission', detail: caller.reason };
  const accepted = caller.kind === 'delegated' ? rule.delegated : rule.app;
  if (accepted === null) {
    const kind = caller.kind === 'delegated' ? 'delegated' : 'application';
    return { ok: false, reason: 'permission', detail: `This operation does not support ${kind} permissions; it needs ${describeRule(rule, caller.kind === 'app')}.` };
  }
  const full = accepted.length === 0 || accepted.some((permission) => caller.permissions.has(permission));
  const ownerOnly = !full && caller.kind === 'app' && (rule.appIfOwner ?? []).some((permission) => caller.permissions.has(permission));
  if (!full && !ownerOnly) {
    return { ok: false, reason: 'permission', detail: `Missing permission: this operation needs one of ${accepted.join(', ')}.` };
  }
  if (rule.alsoNeeds && !rule.alsoNeeds.some((permission) => caller.permissions.has(permission))) {
    return { ok: false, reason: 'permission', detail: `Missing permission: this operation also needs one of ${rule.alsoNeeds.join(', ')}.` };
  }
  const roles = rule.adminRoles ? new Set(rule.adminRoles) : ADMIN_ROLES;
  if (caller.kind === 'delegated' && rule.needsAdminRole && ![...caller.roles].some((role) => roles.has(role))) {
    return { ok: false, reason: 'role', detail: 'The signed-in user holds none of the directory roles this operation needs.' };
  }
  return { ok: true, ownerOnly };
}

function describeRule(rule: Rule, forApp: boolean): string {
  const other = forApp ? rule.delegated : rule.app;
  const kind = forApp ? 'delegated' : 'application';
  return other && other.length > 0 ? `a ${kind} token with one of ${other.join(', ')}` : 'a different kind of token';
}

/** Reads `Authorization: Bearer <jwt>` without verifying the signature; `now` decides expiry. */
export function readCaller(authorization: string | undefined, now: Date): Caller {
  const match = /^Bearer\s+(\S*)\s*$/i.exec(authorization ?? '');
  if (!match || match[1] === '') return { kind: 'none', reason: 'Access token is empty.' };
  const read = readToken(match[1]);
  if (read.expiresAtMs <= now.getTime()) return { kind: 'none', reason: 'Lifetime validation failed, the token is expired.' };
  return read.caller;
}

interface ReadToken {
  caller: Caller;
  /** From `exp`; -Infinity when it has none, +Infinity for a token refused before its lifetime matters. */
  expiresAtMs: number;
}

/**
 * What each token says, read once: a client sends one token for an hour (and a $batch hands it to every
 * inner request), and decoding it was a tenth of the emulator's time per call. Expiry is still checked
 * against the clock on every call.
 */
const readTokens = new Map<string, ReadToken>();
const TOKENS_KEPT = 100;

function readToken(token: string): ReadToken {
  const known = readTokens.get(token);
  if (known) return known;
  const read = decodeCaller(token);
  if (readTokens.size >= TOKENS_KEPT) readTokens.delete(readTokens.keys().next().value!);
  readTokens.set(token, read);
  return read;
}

function decodeCaller(token: string): ReadToken {
  const claims = decodePayload(token);
  if (!claims) return { caller: { kind: 'none', reason: 'CompactToken parsing failed with error code: 80049217' }, expiresAtMs: Number.POSITIVE_INFINITY };
  const expiresAtMs = typeof claims.exp === 'number' ? claims.exp * 1000 : Number.NEGATIVE_INFINITY;
  const oid = typeof claims.oid === 'string' ? claims.oid : null;
  const appid = typeof claims.appid === 'string' ? claims.appid : typeof claims.azp === 'string' ? claims.azp : null;
  if (typeof claims.scp === 'string') {
    const roles = Array.isArray(claims.wids) ? claims.wids.filter((id): id is string => typeof id === 'string') : [];
    return { caller: { kind: 'delegated', oid, appid, permissions: new Set(claims.scp.split(' ').filter(Boolean)), roles: new Set(roles) }, expiresAtMs };
  }
  if (Array.isArray(claims.roles)) {
    return { caller: { kind: 'app', oid, appid, permissions: new Set(claims.roles.filter((role): role is string => typeof role === 'string')) }, expiresAtMs };
  }
  return { caller: { kind: 'none', reason: 'Access token validation failure: the token carries neither scp nor roles.' }, expiresAtMs };
}

function decodePayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    // An undecodable payload is an unusable token, answered with 401 by the caller.
    return null;
  }
}
