/** Wire shapes the emulator stores and serves (reference §6); local so SDS types survive their removal from the typings (§0). */

export type ProfileState =
  | 'deleting'
  | 'deletionFailed'
  | 'provisioningFailed'
  | 'provisioned'
  | 'provisioning'
  | 'unknownFutureValue';

export const PROFILE_STATES: readonly ProfileState[] = [
  'deleting', 'deletionFailed', 'provisioningFailed', 'provisioned', 'provisioning', 'unknownFutureValue',
];

export type SyncStatus =
  | 'paused' | 'inProgress' | 'success' | 'error' | 'validationError' | 'quarantined'
  | 'unknownFutureValue' | 'extracting' | 'validating';

export const SYNC_STATUSES: readonly SyncStatus[] = [
  'paused', 'inProgress', 'success', 'error', 'validationError', 'quarantined',
  'unknownFutureValue', 'extracting', 'validating',
];

/** Members declared after unknownFutureValue: only sent to clients that ask for them (§1 row 13). */
export const LATE_SYNC_STATUSES: readonly SyncStatus[] = ['extracting', 'validating'];

export interface ProfileStatus {
  status: SyncStatus | null;
  statusMessage: string | null;
  lastActivityDateTime: string | null;
  lastSynchronizationDateTime: string | null;
}

export interface SdsError {
  id: string;
  entryType: string;
  errorCode: string;
  errorMessage: string;
  joiningValue: string;
  recordedDateTime: string;
  reportableIdentifier: string;
}

export interface VerificationMessage {
  type: string;
  fileName: string;
  description: string;
}

export type JsonObject = Record<string, unknown>;

export interface Profile {
  id: string;
  displayName: string;
  state: ProfileState;
  expirationDate: string | null;
  handleSpecialCharacterConstraint: boolean | null;
  dataProvider: JsonObject;
  identitySynchronizationConfiguration: JsonObject;
  licensesToAssign: JsonObject[];
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appDisplayName: string;
  accountEnabled: boolean;
  servicePrincipalType: string;
  tags: string[];
  appOwnerOrganizationId: string;
  applicationTemplateId: string | null;
  preferredSingleSignOnMode: string | null;
  description: string | null;
  notes: string | null;
}

export type JobStatusCode = 'NotConfigured' | 'NotRun' | 'Active' | 'Paused' | 'Quarantine';
export const JOB_STATUS_CODES: readonly JobStatusCode[] = ['NotConfigured', 'NotRun', 'Active', 'Paused', 'Quarantine'];

export type ScheduleState = 'Active' | 'Disabled' | 'Paused';
export const SCHEDULE_STATES: readonly ScheduleState[] = ['Active', 'Disabled', 'Paused'];

export interface SynchronizationError {
  code: string;
  message: string;
  tenantActionable: boolean;
}

export interface Quarantine {
  currentBegan: string;
  nextAttempt: string;
  reason: string;
  seriesBegan: string;
  seriesCount: number;
  error: SynchronizationError | null;
}

export interface TaskExecution {
  activityIdentifier: string;
  countEntitled: number;
  countEntitledForProvisioning: number;
  countEscrowed: number;
  countEscrowedRaw: number;
  countExported: number;
  countExports: number;
  countImported: number;
  countImportedDeltas: number;
  countImportedReferenceDeltas: number;
  error: SynchronizationError | null;
  state: 'Succeeded' | 'Failed' | 'EntryLevelErrors';
  timeBegan: string;
  timeEnded: string;
}

export interface JobStatus {
  code: JobStatusCode;
  countSuccessiveCompleteFailures: number;
  escrowsPruned: boolean;
  troubleshootingUrl: string | null;
  steadyStateFirstAchievedTime: string;
  steadyStateLastAchievedTime: string;
  synchronizedEntryCountByType: { key: string | null; value: number }[];
  progress: { completedUnits: number; totalUnits: number; units: string | null; progressObservationDateTime: string }[];
  quarantine: Quarantine | null;
  lastExecution: TaskExecution | null;
  lastSuccessfulExecution: TaskExecution | null;
  lastSuccessfulExecutionWithExports: TaskExecution | null;
}

export interface Schedule {
  expiration: string | null;
  interval: string;
  state: ScheduleState;
}

export interface SynchronizationJob {
  id: string;
  templateId: string;
  schedule: Schedule;
  status: JobStatus;
  synchronizationJobSettings: { name: string; value: string | null }[];
}
