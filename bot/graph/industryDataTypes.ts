/**
 * The new SDS (Industry Data API, beta) as the bot uses it. Shapes from
 * https://learn.microsoft.com/graph/api/resources/industrydata-overview?view=graph-rest-beta; unknown enum
 * strings become `unknownFutureValue` instead of failing (evolvable enums).
 */
export const RUN_STATUSES = ['running', 'failed', 'completed', 'completedWithErrors', 'completedWithWarnings', 'unknownFutureValue'] as const;
export type SdsRunStatus = (typeof RUN_STATUSES)[number];
export const ACTIVITY_STATUSES = ['inProgress', 'skipped', 'failed', 'completed', 'completedWithErrors', 'completedWithWarnings', 'unknownFutureValue'] as const;
export type SdsActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const READINESS_STATUSES = ['notReady', 'ready', 'failed', 'disabled', 'expired', 'unknownFutureValue'] as const;
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];
export const OPERATION_STATUSES = ['notStarted', 'running', 'succeeded', 'failed', 'unknownFutureValue'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** Graph's `publicError`: what went wrong, and (for files) which file. */
export interface PublicError {
  code: string;
  message: string;
  target?: string;
}

export interface SdsRunActivity {
  direction: 'inbound' | 'outbound' | 'unknown';
  displayName: string;
  status: SdsActivityStatus;
  blockingError?: PublicError;
}

export interface SdsRun {
  id: string;
  displayName: string;
  startDateTime?: string;
  /** Absent while the run is running. */
  endDateTime?: string;
  status: SdsRunStatus;
  blockingError?: PublicError;
  /** Only when read with `$expand=activities`. */
  activities?: SdsRunActivity[];
}

export interface RoleCount {
  role: string;
  count: number;
}

export interface InboundCounts {
  errors: number;
  warnings: number;
  people: number;
  groups: number;
  memberships: number;
  organizations: number;
  matchedPeopleByRole: RoleCount[];
  unmatchedPeopleByRole: RoleCount[];
}

export interface SdsRunStatistics {
  runId: string;
  status: SdsRunStatus;
  totals: InboundCounts;
  flows: (InboundCounts & { displayName: string; status: SdsActivityStatus })[];
}

export interface InboundFlow {
  id: string;
  displayName: string;
  /** `inboundFileFlow` (CSV files uploaded to Azure Data Lake) or `inboundApiFlow` (e.g. OneRoster). */
  source: 'file' | 'api' | 'unknown';
  readinessStatus: ReadinessStatus;
  effectiveDateTime?: string;
  expirationDateTime?: string;
  /** The year's display name, when read with `$expand=year`. */
  year?: string;
}

export interface ProvisioningFlow {
  id: string;
  displayName: string;
  /** `userProvisioningFlow` → users, `classGroupProvisioningFlow` → classGroups, … */
  provisions: 'users' | 'classGroups' | 'securityGroups' | 'administrativeUnits' | 'unknown';
  readinessStatus: ReadinessStatus;
}

export interface FlowSet {
  id: string;
  displayName: string;
  flows: ProvisioningFlow[];
}

/** A `fileValidateOperation` (a `longRunningOperation`). */
export interface FileValidation {
  id: string;
  status: OperationStatus;
  statusDetail?: string;
  validatedFiles: string[];
  errors: PublicError[];
  warnings: PublicError[];
}

/** POST …/validate answered 202; the operation to follow. */
export interface ValidationStarted {
  requestId: string;
  operationId: string;
}
