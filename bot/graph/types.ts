/**
 * Domain types the gateway returns. SDS types were removed from @microsoft/microsoft-graph-types-beta
 * after 0.42 (reference §0, §9), so they are kept here with the documented shapes; job types come from
 * the package. Unknown enum strings land in an `unknown` bucket instead of failing (evolvable enums).
 */
import type { SynchronizationJob } from '@microsoft/microsoft-graph-types-beta';

export type ProfileState =
  | 'deleting' | 'deletionFailed' | 'provisioningFailed' | 'provisioned' | 'provisioning' | 'unknownFutureValue';
export type ProfileSyncStatus =
  | 'paused' | 'inProgress' | 'success' | 'error' | 'validationError' | 'quarantined' | 'unknownFutureValue'
  | 'extracting' | 'validating';
export type ProviderType = 'csv' | 'powerSchool' | 'oneRoster' | 'unknown';

export interface Profile {
  id: string;
  displayName: string;
  state: ProfileState;
  providerType: ProviderType;
  expirationDate?: string;
}

export interface ProfileStatus {
  status: ProfileSyncStatus;
  statusMessage?: string;
  errorCount?: number;
  lastActivityDateTime?: string;
  lastSynchronizationDateTime?: string;
}

export interface ProfileError {
  id: string;
  entryType?: string;
  errorCode?: string;
  errorMessage?: string;
  joiningValue?: string;
  recordedDateTime?: string;
  reportableIdentifier?: string;
}

export type VerificationType = 'error' | 'warning' | 'information' | 'unknown';
export interface VerificationMessage {
  type: VerificationType;
  fileName: string;
  description: string;
}

export interface Page<T> {
  items: T[];
  /** Absolute URL of the next page, followed verbatim (reference §2.6). */
  nextLink?: string;
  count?: number;
}

/** What every Graph call that changes something reports back: the proof it happened. */
export interface MutationReceipt {
  requestId: string;
}

export interface StartProfileResult extends MutationReceipt {
  isStarted: boolean;
  messages: VerificationMessage[];
}

export interface ServicePrincipal {
  id: string;
  appId?: string;
  displayName: string;
  tags: string[];
}

export type Job = SynchronizationJob & { id: string };

export { RESTART_FLAGS, type ResetScope, type RestartFlag } from '../domain/restartScope';
