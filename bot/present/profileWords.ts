/** How SyncOps says Graph states in words; cards and operations share these so a state reads the same everywhere. */
import type { Profile, ProfileStatus, ProviderType } from '../graph/types';

export const PROVIDER_LABEL: Record<ProviderType, string> = {
  csv: 'CSV files', powerSchool: 'PowerSchool', oneRoster: 'OneRoster API', unknown: 'Other provider',
};

const STATE_LABEL: Record<Profile['state'], string> = {
  deleting: 'Deleting', deletionFailed: 'Deletion failed', provisioningFailed: 'Provisioning failed',
  provisioned: 'Provisioned', provisioning: 'Provisioning', unknownFutureValue: 'Unknown state',
};

export const STATUS_LABEL: Record<ProfileStatus['status'], string> = {
  paused: 'Paused', inProgress: 'In progress', success: 'Synced', error: 'Error', validationError: 'Validation error',
  quarantined: 'Quarantined', unknownFutureValue: 'Unknown status', extracting: 'Extracting', validating: 'Validating',
};

/** Provisioning state first (a profile that is not provisioned does not sync), then sync status and errors. */
export function describeState(profile: Profile, status?: ProfileStatus): string {
  if (profile.state !== 'provisioned' || !status) return STATE_LABEL[profile.state];
  return describeStatus(status);
}

/** "Paused · 3 errors": the sync status of a provisioned profile. */
export function describeStatus(status: ProfileStatus): string {
  return `${STATUS_LABEL[status.status]}${status.errorCount ? ` · ${plural(status.errorCount, 'error')}` : ''}`;
}

/** "1 warning", "3 warnings". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
