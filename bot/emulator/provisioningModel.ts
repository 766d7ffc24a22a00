/**
 * Wire shapes of the provisioning logs and provision on demand (docs/provisioning-logs.md): what the
 * emulator stores and serves. Kept apart from model.ts, which holds the SDS and job shapes.
 */

/** provisioningResult (https://learn.microsoft.com/graph/api/resources/provisioningstep). */
export type ProvisioningResult = 'success' | 'warning' | 'failure' | 'skipped' | 'unknownFutureValue';

/** provisioningAction (https://learn.microsoft.com/graph/api/resources/provisioningobjectsummary). */
export type ProvisioningAction = 'create' | 'update' | 'delete' | 'stageddelete' | 'disable' | 'other' | 'unknownFutureValue';

export type ProvisioningStepType = 'import' | 'scoping' | 'matching' | 'processing' | 'referenceResolution' | 'export' | 'unknownFutureValue';

export interface ProvisioningErrorInfo {
  additionalDetails: string | null;
  errorCategory: 'failure' | 'nonServiceFailure' | 'success' | 'unknownFutureValue' | null;
  errorCode: string | null;
  reason: string | null;
  recommendedAction: string | null;
}

export interface ProvisioningStep {
  name: string;
  provisioningStepType: ProvisioningStepType;
  status: ProvisioningResult;
  description: string;
  details: Record<string, string>;
}

export interface ProvisionedIdentity {
  id: string;
  displayName: string;
  identityType: string;
  details: Record<string, string>;
}

export interface ProvisioningObjectSummary {
  id: string;
  activityDateTime: string;
  tenantId: string;
  jobId: string;
  cycleId: string;
  changeId: string;
  provisioningAction: ProvisioningAction;
  durationInMilliseconds: number;
  provisioningStatusInfo: { status: ProvisioningResult; errorInformation: ProvisioningErrorInfo | null };
  provisioningSteps: ProvisioningStep[];
  modifiedProperties: { displayName: string; oldValue: string | null; newValue: string | null }[];
  servicePrincipal: { id: string; displayName: string };
  sourceSystem: { id: string; displayName: string; details: Record<string, string> };
  targetSystem: { id: string; displayName: string; details: Record<string, string> };
  initiatedBy: { id: string; displayName: string; initiatorType: 'user' | 'application' | 'system' | 'unknownFutureValue' };
  sourceIdentity: ProvisionedIdentity;
  targetIdentity: ProvisionedIdentity;
}

/** A directory user, as much of it as GET /users/{id | userPrincipalName} needs to return here. */
export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  accountEnabled: boolean;
}

/** synchronizationRule, trimmed to what on-demand provisioning reads (https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationrule). */
export interface SynchronizationRule {
  id: string;
  name: string;
  sourceDirectoryName: string;
  targetDirectoryName: string;
  editable: boolean;
  priority: number;
  objectMappings: { name: string; enabled: boolean; sourceObjectName: string; targetObjectName: string; flowTypes: string }[];
}

/** What the demo tenant keeps for these endpoints, beside its profiles and apps. */
export interface ProvisioningState {
  events: ProvisioningObjectSummary[];
  users: DirectoryUser[];
  /** Synchronization rules of each job's schema, by job id (lower case). */
  rules: Map<string, SynchronizationRule[]>;
  /** Times (ms) of the provisionOnDemand calls Graph accepted, for its 5-per-10-seconds limit. */
  onDemandCalls: number[];
}
