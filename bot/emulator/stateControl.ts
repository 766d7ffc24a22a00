/** The tenant as GET /_emulator/state shows it, and the merge of PATCH /_emulator/state (shape in control.ts). */
import type { PermissionProfile } from './auth';
import {
  JOB_STATUS_CODES, PROFILE_STATES, SCHEDULE_STATES, SYNC_STATUSES, type JsonObject, type Quarantine, type SdsError,
  type SynchronizationJob, type VerificationMessage,
} from './model';
import { industryDataChange, viewIndustryData } from './industryDataControl';
import { StatePatchError } from './statePatchError';
import { isoSeconds, listProfiles, type JobRecord, type ProfileRecord, type TenantState } from './state';

export { StatePatchError };

export function viewState(tenant: TenantState, now: Date, permissions: PermissionProfile): JsonObject {
  const profiles = Object.fromEntries(listProfiles(tenant, now).map((record) => [record.profile.id, {
    ...record.profile,
    status: { ...record.status, errorCount: record.errors.length },
    errors: record.errors,
    pendingVerification: record.pendingVerification,
    uploadBlocked: record.uploadBlocked,
  }]));
  const apps = [...tenant.apps.values()];
  const servicePrincipals = Object.fromEntries(apps.map((app) => [app.servicePrincipal.id, { ...app.servicePrincipal, ownerAppIds: app.ownerAppIds }]));
  const jobs = Object.fromEntries(apps.flatMap((app) => app.jobs.map((record) => [
    `${app.servicePrincipal.id}/${record.job.id}`,
    { servicePrincipalId: app.servicePrincipal.id, ...record.job, lastRestart: record.lastRestart },
  ])));
  return structuredClone({ sdsRetired: tenant.sdsRetired, permissions, profiles, servicePrincipals, jobs, industryData: viewIndustryData(tenant.industryData, now) });
}

type Change = () => void;

function objectAt(value: unknown, where: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new StatePatchError(400, `${where} must be a JSON object.`);
  return value as JsonObject;
}

function arrayAt(value: unknown, where: string): JsonObject[] {
  if (!Array.isArray(value)) throw new StatePatchError(400, `${where} must be an array.`);
  return value.map((item, index) => objectAt(item, `${where}[${index}]`));
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string, nullable = false): void {
  if (value === undefined || (nullable && value === null)) return;
  if (!allowed.includes(value as T)) throw new StatePatchError(400, `${where} must be one of ${allowed.join(', ')}.`);
}

function onlyKeys(object: JsonObject, allowed: string[], where: string): void {
  const unknown = Object.keys(object).find((key) => !allowed.includes(key));
  if (unknown) throw new StatePatchError(400, `${where} has an unknown key '${unknown}'; allowed: ${allowed.join(', ')}.`);
}

function profileChange(record: ProfileRecord, patch: JsonObject, now: Date, where: string): Change {
  onlyKeys(patch, ['displayName', 'state', 'status', 'errors', 'pendingVerification', 'uploadBlocked'], where);
  oneOf(patch.state, PROFILE_STATES, `${where}.state`);
  const status = patch.status === undefined ? undefined : objectAt(patch.status, `${where}.status`);
  if (status) {
    onlyKeys(status, ['status', 'statusMessage', 'lastActivityDateTime', 'lastSynchronizationDateTime'], `${where}.status`);
    oneOf(status.status, SYNC_STATUSES, `${where}.status.status`, true);
  }
  const errors = patch.errors === undefined ? undefined : arrayAt(patch.errors, `${where}.errors`);
  const verification = patch.pendingVerification === undefined ? undefined : arrayAt(patch.pendingVerification, `${where}.pendingVerification`);
  return () => {
    if (typeof patch.displayName === 'string') record.profile.displayName = patch.displayName;
    if (patch.state !== undefined) record.profile.state = patch.state as ProfileRecord['profile']['state'];
    if (status) {
      Object.assign(record.status, status);
      record.transitions = [];
    }
    if (errors) record.errors = errors.map((error, index) => withErrorDefaults(error, index, now));
    if (verification) record.pendingVerification = verification as unknown as VerificationMessage[];
    if (typeof patch.uploadBlocked === 'boolean') record.uploadBlocked = patch.uploadBlocked;
  };
}

function withErrorDefaults(error: JsonObject, index: number, now: Date): SdsError {
  return {
    id: `e0000000-0000-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`,
    entryType: 'Student',
    errorCode: 'UnsynchronizableChange',
    errorMessage: 'The entry could not be synchronized.',
    joiningValue: `user${index + 1}@students.contoso.edu`,
    recordedDateTime: isoSeconds(now),
    reportableIdentifier: `user${index + 1}`,
    ...(error as Partial<SdsError>),
  };
}

/**
 * Job status merges shallowly. Setting `quarantine` to an object fills the missing fields and, unless
 * `code` is given, sets code Quarantine; setting it to null lifts it and turns a Quarantine code to Active.
 */
function jobChange(record: JobRecord, patch: JsonObject, now: Date, where: string): Change {
  onlyKeys(patch, ['status', 'schedule', 'synchronizationJobSettings'], where);
  const status = patch.status === undefined ? undefined : objectAt(patch.status, `${where}.status`);
  const schedule = patch.schedule === undefined ? undefined : objectAt(patch.schedule, `${where}.schedule`);
  oneOf(status?.code, JOB_STATUS_CODES, `${where}.status.code`);
  oneOf(schedule?.state, SCHEDULE_STATES, `${where}.schedule.state`);
  const quarantine = status?.quarantine;
  if (quarantine !== undefined && quarantine !== null) objectAt(quarantine, `${where}.status.quarantine`);
  const settings = patch.synchronizationJobSettings === undefined ? undefined : arrayAt(patch.synchronizationJobSettings, `${where}.synchronizationJobSettings`);
  return () => {
    const job: SynchronizationJob = record.job;
    if (status) {
      Object.assign(job.status, status);
      if (quarantine) job.status.quarantine = withQuarantineDefaults(quarantine as Partial<Quarantine>, now);
      if (status.code === undefined && quarantine) job.status.code = 'Quarantine';
      if (status.code === undefined && quarantine === null && job.status.code === 'Quarantine') job.status.code = 'Active';
    }
    if (schedule) Object.assign(job.schedule, schedule);
    if (settings) job.synchronizationJobSettings = settings as unknown as SynchronizationJob['synchronizationJobSettings'];
  };
}

function withQuarantineDefaults(quarantine: Partial<Quarantine>, now: Date): Quarantine {
  return {
    currentBegan: isoSeconds(now),
    nextAttempt: isoSeconds(new Date(now.getTime() + 12 * 3_600_000)),
    reason: 'Unknown',
    seriesBegan: isoSeconds(now),
    seriesCount: 1,
    error: null,
    ...quarantine,
  };
}

/** Validates the whole patch first, then applies it, so a bad patch changes nothing. */
export function patchState(tenant: TenantState, body: unknown, now: Date): void {
  const patch = objectAt(body, 'The body');
  onlyKeys(patch, ['sdsRetired', 'profiles', 'jobs', 'industryData'], 'The body');
  if (patch.sdsRetired !== undefined && typeof patch.sdsRetired !== 'boolean') throw new StatePatchError(400, 'sdsRetired must be a boolean.');
  const changes: Change[] = [];
  for (const [id, value] of Object.entries(patch.profiles === undefined ? {} : objectAt(patch.profiles, 'profiles'))) {
    const record = listProfiles(tenant, now).find((candidate) => candidate.profile.id === id);
    if (!record) throw new StatePatchError(404, `No profile has the id '${id}'.`);
    changes.push(profileChange(record, objectAt(value, `profiles.${id}`), now, `profiles.${id}`));
  }
  for (const [key, value] of Object.entries(patch.jobs === undefined ? {} : objectAt(patch.jobs, 'jobs'))) {
    const [spId, jobId] = key.split('/');
    const record = tenant.apps.get(spId)?.jobs.find((candidate) => candidate.job.id === jobId);
    if (!record) throw new StatePatchError(404, `No job has the key '${key}' (expected "<servicePrincipalId>/<jobId>").`);
    changes.push(jobChange(record, objectAt(value, `jobs.${key}`), now, `jobs.${key}`));
  }
  if (patch.industryData !== undefined) changes.push(industryDataChange(tenant.industryData, patch.industryData, now));
  if (typeof patch.sdsRetired === 'boolean') {
    const retired = patch.sdsRetired;
    changes.push(() => { tenant.sdsRetired = retired; });
  }
  changes.forEach((change) => change());
}
