/** Domain types of the provisioning logs and provision on demand (docs/provisioning-logs.md). */

/** provisioningResult; anything newer than the docs lands in `unknown`. */
export const PROVISIONING_RESULTS = ['success', 'failure', 'skipped', 'warning'] as const;
export type ProvisioningResult = (typeof PROVISIONING_RESULTS)[number] | 'unknown';

/** provisioningErrorInfo: Microsoft's code, reason and recommended action for a failed event. */
export interface ProvisioningError {
  errorCode?: string;
  reason?: string;
  recommendedAction?: string;
  additionalDetails?: string;
  errorCategory?: string;
}

/** One provisioningStep: import, scoping, matching, processing, referenceResolution, export. */
export interface ProvisioningStep {
  name: string;
  /** Lower case as the logs spell it (`import`); provision on demand writes `Import`, folded here. */
  type: string;
  status: ProvisioningResult;
  description: string;
  details: Record<string, string>;
}

export interface ProvisionedIdentity {
  id: string;
  displayName: string;
  identityType: string;
}

/** One provisioningObjectSummary: what the service did to one object in one cycle. */
export interface ProvisioningEvent {
  id: string;
  activityDateTime: string;
  jobId: string;
  cycleId: string;
  action: string;
  status: ProvisioningResult;
  error?: ProvisioningError;
  steps: ProvisioningStep[];
  source: ProvisionedIdentity;
  target: ProvisionedIdentity;
  sourceSystem: string;
  targetSystem: string;
  servicePrincipal: { id: string; displayName: string };
}

/** What to read from the logs; every field narrows the `$filter`. */
export interface ProvisioningQuery {
  jobId?: string;
  sourceId?: string;
  targetId?: string;
  servicePrincipalId?: string;
  /** `activityDateTime gt` this time. */
  since: Date;
}

/** The events read, newest first; `isTruncated` when the page bound stopped before the last page. */
export interface ProvisioningEvents {
  events: ProvisioningEvent[];
  isTruncated: boolean;
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

/** A synchronizationRule of a job's schema, with the object mappings that say what it provisions. */
export interface SynchronizationRule {
  id: string;
  name: string;
  sourceDirectoryName: string;
  targetDirectoryName: string;
  objectMappings: { sourceObjectName: string; targetObjectName: string; enabled: boolean }[];
}

/** The result of provisionOnDemand, from its stringKeyStringValuePair (both halves are JSON text). */
export interface OnDemandResult {
  result: ProvisioningResult;
  errorCode?: string;
  errorMessage?: string;
  error?: ProvisioningError;
  steps: ProvisioningStep[];
}
