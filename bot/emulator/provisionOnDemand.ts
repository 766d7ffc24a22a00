/**
 * GET …/jobs/{jobId}/schema (its synchronization rules) and POST …/jobs/{jobId}/provisionOnDemand, with the
 * documented limit of 5 requests per 10 seconds (docs/provisioning-logs.md).
 */
import { appKeyOf, requireApp, SERVICE_PRINCIPAL_KEY } from './servicePrincipals';
import { DEMO_ERRORS } from './demoProvisioning';
import type { DirectoryUser, ProvisioningErrorInfo, SynchronizationRule } from './provisioningModel';
import { GraphFailure, type GraphResponse } from './protocol';
import type { GraphCall, Route } from './routing';
import type { JobRecord } from './state';

const JOB = `^/servicePrincipals${SERVICE_PRINCIPAL_KEY}/synchronization/jobs/([^/]+)`;
export const ON_DEMAND_LIMIT = 5;
export const ON_DEMAND_WINDOW_MS = 10_000;

function jobOf(call: GraphCall): JobRecord {
  const app = requireApp(call.ctx.tenant, appKeyOf(call.params));
  if (call.ownerOnly && !app.ownerAppIds.includes(call.caller.kind === 'none' ? '' : call.caller.appid ?? '')) throw new GraphFailure(401, 'UnknownError', '');
  const jobId = call.params[2] as string;
  const record = app.jobs.find((candidate) => candidate.job.id.toLowerCase() === jobId.toLowerCase());
  if (!record) throw new GraphFailure(404, 'itemNotFound', `The synchronization job '${jobId}' was not found on service principal '${app.servicePrincipal.id}'.`);
  return record;
}

function rulesOf(call: GraphCall, record: JobRecord): SynchronizationRule[] {
  return call.ctx.tenant.provisioning.rules.get(record.job.id.toLowerCase()) ?? [];
}

function getSchema(call: GraphCall): GraphResponse {
  const record = jobOf(call);
  return { status: 200, body: { id: record.job.id, version: 'Date:2026-01-01T00:00:00Z', synchronizationRules: rulesOf(call, record), directories: [] } };
}

/** The throttling answer of the docs' example (reference §2.5), with the seconds until a slot frees. */
function throttle(call: GraphCall): void {
  const state = call.ctx.tenant.provisioning;
  const now = call.now.getTime();
  state.onDemandCalls = state.onDemandCalls.filter((at) => at > now - ON_DEMAND_WINDOW_MS);
  if (state.onDemandCalls.length < ON_DEMAND_LIMIT) {
    state.onDemandCalls.push(now);
    return;
  }
  const retryAfter = Math.max(1, Math.ceil((state.onDemandCalls[0]! + ON_DEMAND_WINDOW_MS - now) / 1000));
  throw new GraphFailure(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': String(retryAfter) });
}

interface Subject {
  objectId: string;
  objectTypeName: string;
}

/** `{ parameters: [{ ruleId, subjects: [{ objectId, objectTypeName }] }] }`; a 400 for anything else (code unconfirmed). */
function readRequest(body: unknown, rules: SynchronizationRule[]): { rule: SynchronizationRule; subject: Subject } {
  const bad = (message: string) => new GraphFailure(400, 'invalidRequest', message);
  const parameters = (body as { parameters?: unknown } | undefined)?.parameters;
  if (!Array.isArray(parameters) || parameters.length !== 1) throw bad("The request needs 'parameters' with one synchronizationJobApplicationParameters.");
  const { ruleId, subjects } = parameters[0] as { ruleId?: unknown; subjects?: unknown };
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) throw bad(`The rule '${String(ruleId)}' is not defined in the job's synchronization schema.`);
  if (!Array.isArray(subjects) || subjects.length !== 1) throw bad("The request needs one subject in 'subjects'.");
  const { objectId, objectTypeName } = subjects[0] as Partial<Subject>;
  if (typeof objectId !== 'string' || objectId === '' || typeof objectTypeName !== 'string') throw bad("Each subject needs 'objectId' and 'objectTypeName'.");
  return { rule, subject: { objectId, objectTypeName } };
}

function provision(call: GraphCall): GraphResponse {
  const record = jobOf(call);
  throttle(call);
  const { rule, subject } = readRequest(call.request.body, rulesOf(call, record));
  const user = call.ctx.tenant.provisioning.users.find((u) => u.id === subject.objectId.toLowerCase());
  if (!user || subject.objectTypeName.toLowerCase() !== 'user') {
    // What the service answers for an unknown subject is unconfirmed; a 400 that names it is the emulator's choice.
    throw new GraphFailure(400, 'invalidRequest', `The object '${subject.objectId}' of type '${subject.objectTypeName}' was not found in ${rule.sourceDirectoryName}.`);
  }
  return { status: 200, body: onDemandResult(call, record, rule, user) };
}

/** The result as the docs' example shapes it: `key` and `value` are JSON strings (parsed again by the client). */
function onDemandResult(call: GraphCall, record: JobRecord, rule: SynchronizationRule, user: DirectoryUser): unknown {
  const error = errorFor(call, record, user);
  const at = call.now.toISOString();
  const step = (name: string, type: string, status: string, description: string, details: Record<string, string> = {}) =>
    ({ name, type, status, description, timestamp: at, details });
  const steps = [
    step('EntryImport', 'Import', 'Success', `Retrieved User '${user.userPrincipalName}' from ${rule.sourceDirectoryName}`, { objectId: user.id, userPrincipalName: user.userPrincipalName }),
    step('EntrySynchronizationScoping', 'Scoping', 'Success', 'Determine if User in scope by evaluating against each scoping filter', { Assigned: 'True', IsActive: 'True' }),
    step('EntryImport', 'Matching', error === DEMO_ERRORS.duplicateTarget ? 'Failure' : 'Success', `Looked for User '${user.userPrincipalName}' in ${rule.targetDirectoryName}`),
    error
      ? step('EntryExportUpdate', 'Export', 'Failure', `Failed to export User '${user.userPrincipalName}' to ${rule.targetDirectoryName}`, { ErrorCode: error.errorCode ?? '' })
      : step('EntryExportUpdate', 'Export', 'Success', `User '${user.userPrincipalName}' was updated in ${rule.targetDirectoryName}`),
  ];
  const key = error
    ? { result: 'Failure', details: { errorCode: error.errorCode, errorMessage: error.reason } }
    : { result: 'Success', details: {} };
  const value = {
    action: 'Update', changeId: `${record.job.id.slice(0, 8)}-od`, startTime: at, endTime: at, provisioningSteps: steps,
    reportableIdentifier: user.userPrincipalName,
    statusInfo: { status: error ? 'Failure' : 'Success', errorCode: error?.errorCode ?? null, reason: error?.reason ?? null, additionalDetails: error?.additionalDetails ?? null, errorCategory: error?.errorCategory ?? null, recommendedAction: error?.recommendedAction ?? null },
    sourceIdentity: { id: user.id, type: 'User', displayName: user.displayName, details: null },
    sourceSystem: { id: null, name: rule.sourceDirectoryName, details: null },
    targetSystem: { id: null, name: rule.targetDirectoryName, details: null },
  };
  return {
    '@odata.context': `${call.ctx.origin}/beta/$metadata#microsoft.graph.stringKeyStringValuePair`,
    key: JSON.stringify(key), value: JSON.stringify(value),
  };
}

/** A quarantined job on its credentials fails every export; a user whose last event failed fails the same way again. */
function errorFor(call: GraphCall, record: JobRecord, user: DirectoryUser): ProvisioningErrorInfo | undefined {
  if (record.job.status.quarantine?.error?.code === DEMO_ERRORS.scimCredentials.errorCode) return DEMO_ERRORS.scimCredentials;
  const last = call.ctx.tenant.provisioning.events.find((e) => e.jobId === record.job.id && e.sourceIdentity.id === user.id);
  return last?.provisioningStatusInfo.errorInformation ?? undefined;
}

export const provisionOnDemandRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`${JOB}/schema$`), operation: 'jobs.read', area: 'sync', handle: getSchema },
  { method: 'POST', pattern: new RegExp(`${JOB}/provisionOnDemand$`), operation: 'jobs.provisionOnDemand', area: 'sync', handle: provision },
];
