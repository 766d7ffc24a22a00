/** SDS (Classic) profile endpoints, /education/synchronizationProfiles (reference §3, state machine §7). */
import { LATE_SYNC_STATUSES, type SyncStatus } from './model';
import { pageOf } from './paging';
import { GraphFailure, PREFER_UNKNOWN_ENUMS, type GraphRequest, type GraphResponse } from './protocol';
import type { GraphCall, Route } from './routing';
import { DELETE_DELAY_MS, findProfile, isoSeconds, listProfiles, START_PHASE_MS, type ProfileRecord } from './state';

const PROFILES = '/education/synchronizationProfiles';
const ID = '([^/()]+)';
const CSV_PROVIDER = 'educationcsvdataprovider';
const SDS_PAGE = { allowCount: true, badRequestCode: 'invalidRequest' };

function context(call: GraphCall, fragment: string): string {
  return `${call.ctx.origin}/beta/$metadata#${fragment}`;
}

function profileOf(call: GraphCall): ProfileRecord {
  const id = call.params[0] as string;
  const record = findProfile(call.ctx.tenant, call.now, id);
  if (!record) throw new GraphFailure(404, 'itemNotFound', `The educationSynchronizationProfile '${id}' was not found.`);
  return record;
}

function requireProvisioned(record: ProfileRecord): void {
  if (record.profile.state !== 'provisioned') {
    throw new GraphFailure(400, 'invalidRequest', `The profile is in state '${record.profile.state}'; this operation needs a provisioned profile.`);
  }
}

function requireCsv(record: ProfileRecord, operation: string): void {
  const type = String(record.profile.dataProvider['@odata.type'] ?? '').split('.').pop()?.toLowerCase();
  if (type !== CSV_PROVIDER) {
    throw new GraphFailure(400, 'invalidRequest', `${operation} is only supported for profiles whose dataProvider is an educationCsvDataProvider.`);
  }
}

function setStatus(record: ProfileRecord, now: Date, status: SyncStatus, statusMessage: string): void {
  record.transitions = [];
  record.status.status = status;
  record.status.statusMessage = statusMessage;
  record.status.lastActivityDateTime = isoSeconds(now);
}

/** Late enum members only for clients that said they understand them (§1 row 13). */
function visibleStatus(status: SyncStatus | null, request: GraphRequest): SyncStatus | null {
  if (status === null || !LATE_SYNC_STATUSES.includes(status)) return status;
  const prefer = (request.headers.prefer ?? '').split(',').map((value) => value.trim().toLowerCase());
  return prefer.includes(PREFER_UNKNOWN_ENUMS) ? status : 'unknownFutureValue';
}

const ok = (): GraphResponse => ({ status: 200 });

function pause(call: GraphCall): GraphResponse {
  const record = profileOf(call);
  requireProvisioned(record);
  if (record.status.status === 'paused') throw new GraphFailure(400, 'invalidRequest', 'The profile is already paused.');
  setStatus(record, call.now, 'paused', 'Paused by an administrator');
  return ok();
}

function resume(call: GraphCall): GraphResponse {
  const record = profileOf(call);
  requireProvisioned(record);
  if (record.status.status !== 'paused') throw new GraphFailure(400, 'invalidRequest', 'The profile is not paused.');
  setStatus(record, call.now, 'inProgress', 'Synchronization resumed');
  return ok();
}

function reset(call: GraphCall): GraphResponse {
  const record = profileOf(call);
  requireProvisioned(record);
  record.errors = [];
  setStatus(record, call.now, 'inProgress', 'Synchronization restarted after a reset');
  return ok();
}

/** Verifies the uploaded files: any Error → 400 and no sync; warnings only → 200 and the sync starts (seed 002, §1 row 6). */
function start(call: GraphCall): GraphResponse {
  const record = profileOf(call);
  requireCsv(record, 'Start');
  requireProvisioned(record);
  const messages = record.pendingVerification;
  const body = { '@odata.context': context(call, 'Collection(microsoft.graph.educationFileSynchronizationVerificationMessage)'), value: messages };
  if (messages.some((message) => message.type.toLowerCase() === 'error')) {
    setStatus(record, call.now, 'validationError', 'File verification found errors; synchronization did not start');
    return { status: 400, body };
  }
  record.pendingVerification = [];
  setStatus(record, call.now, 'validating', 'Validating uploaded files');
  const began = call.now.getTime();
  record.transitions = [
    { at: began + START_PHASE_MS, status: 'extracting', statusMessage: 'Extracting uploaded files' },
    { at: began + 2 * START_PHASE_MS, status: 'inProgress', statusMessage: 'Synchronizing' },
  ];
  return { status: 200, body };
}

function uploadUrl(call: GraphCall): GraphResponse {
  const record = profileOf(call);
  requireCsv(record, 'uploadUrl');
  requireProvisioned(record);
  if (record.uploadBlocked) throw new GraphFailure(409, 'conflict', 'A previous upload is still being processed; try again later.');
  const expires = encodeURIComponent(isoSeconds(new Date(call.now.getTime() + 3_600_000)));
  const url = `https://sdsemulator.blob.core.windows.net/${record.profile.id}?sv=2023-11-03&sr=c&sp=w&se=${expires}&sig=emulated`;
  return { status: 200, body: { '@odata.context': context(call, 'Edm.String'), value: url } };
}

function remove(call: GraphCall): GraphResponse {
  const record = profileOf(call);
  record.profile.state = 'deleting';
  record.transitions = [];
  record.removeAt ??= call.now.getTime() + DELETE_DELAY_MS;
  return { status: 202 };
}

function get(call: GraphCall): GraphResponse {
  const record = profileOf(call);
  return { status: 200, body: { '@odata.context': context(call, 'education/synchronizationProfiles/$entity'), ...record.profile } };
}

function list(call: GraphCall): GraphResponse {
  const profiles = listProfiles(call.ctx.tenant, call.now).map((record) => record.profile);
  const page = pageOf(profiles, call.ctx.origin, call.request, SDS_PAGE);
  return { status: 200, body: { '@odata.context': context(call, 'education/synchronizationProfiles'), ...page } };
}

function profileStatus(call: GraphCall): GraphResponse {
  const record = profileOf(call);
  const id = record.profile.id;
  return {
    status: 200,
    body: {
      '@odata.context': context(call, `education/synchronizationProfiles('${id}')/profileStatus/$entity`),
      id,
      ...record.status,
      status: visibleStatus(record.status.status, call.request),
      errorCount: record.errors.length,
    },
  };
}

function errors(call: GraphCall): GraphResponse {
  const record = profileOf(call);
  const page = pageOf(record.errors, call.ctx.origin, call.request, SDS_PAGE);
  const fragment = `education/synchronizationProfiles('${record.profile.id}')/errors`;
  return { status: 200, body: { '@odata.context': context(call, fragment), ...page } };
}

const action = (name: string) => new RegExp(`^${PROFILES}/${ID}/${name}$`);

export const sdsRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^${PROFILES}$`), operation: 'sds.read', area: 'sds', handle: list },
  { method: 'GET', pattern: new RegExp(`^${PROFILES}/${ID}$`), operation: 'sds.read', area: 'sds', handle: get },
  { method: 'DELETE', pattern: new RegExp(`^${PROFILES}/${ID}$`), operation: 'sds.delete', area: 'sds', handle: remove },
  { method: 'POST', pattern: action('pause'), operation: 'sds.pause', area: 'sds', handle: pause },
  { method: 'POST', pattern: action('resume'), operation: 'sds.resume', area: 'sds', handle: resume },
  { method: 'POST', pattern: action('reset'), operation: 'sds.reset', area: 'sds', handle: reset },
  { method: 'POST', pattern: action('start'), operation: 'sds.start', area: 'sds', handle: start },
  { method: 'GET', pattern: action('uploadUrl(?:\\(\\))?'), operation: 'sds.uploadUrl', area: 'sds', handle: uploadUrl },
  { method: 'GET', pattern: action('profileStatus'), operation: 'sds.read', area: 'sds', handle: profileStatus },
  { method: 'GET', pattern: action('errors'), operation: 'sds.read', area: 'sds', handle: errors },
];
