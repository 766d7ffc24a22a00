import type { Profile, ProfileStatus, ProviderType } from '../bot/graph/types';
import template from './profiles.json';
import { CARD_DATA_VERSION, expandCard, RUN_VERB, type AdaptiveCard } from './render';

export interface ProfileListCardData {
  profiles: readonly { profile: Profile; status?: ProfileStatus }[];
}

export const PROVIDER_LABEL: Record<ProviderType, string> = {
  csv: 'CSV files', powerSchool: 'PowerSchool', oneRoster: 'OneRoster API', unknown: 'Other provider',
};

/** Rows that keep the card well under the 28 KB budget (about 530 bytes a row). */
export const MAX_PROFILE_ROWS = 40;

/** The tenant's SDS profiles with their state; clicking a row opens its status card. */
export function renderProfileListCard(data: ProfileListCardData): AdaptiveCard {
  const rows = data.profiles.slice(0, MAX_PROFILE_ROWS).map(({ profile, status }) => ({
    name: profile.displayName,
    provider: PROVIDER_LABEL[profile.providerType],
    state: describeState(profile, status),
    color: colorOf(profile, status),
    data: { v: CARD_DATA_VERSION, cmd: `profile ${profile.id}` },
    verb: RUN_VERB,
  }));
  const total = data.profiles.length;
  const more = total > rows.length ? `Showing ${rows.length} of ${total}. Type profile <name> for any other.` : '';
  return expandCard(template, { title: `School Data Sync profiles (${total})`, profiles: rows, more });
}

/** Provisioning state first (a profile that is not provisioned does not sync), then sync status. */
export function describeState(profile: Profile, status?: ProfileStatus): string {
  if (profile.state !== 'provisioned' || !status) return STATE_LABEL[profile.state];
  const errors = status.errorCount ? ` · ${status.errorCount} error${status.errorCount === 1 ? '' : 's'}` : '';
  return `${STATUS_LABEL[status.status]}${errors}`;
}

function colorOf(profile: Profile, status?: ProfileStatus): string {
  if (profile.state === 'provisioningFailed' || profile.state === 'deletionFailed') return 'Attention';
  if (!status) return 'Default';
  if (['error', 'validationError', 'quarantined'].includes(status.status)) return 'Attention';
  if (status.status === 'paused') return 'Warning';
  return status.status === 'success' ? 'Good' : 'Default';
}

const STATE_LABEL: Record<Profile['state'], string> = {
  deleting: 'Deleting', deletionFailed: 'Deletion failed', provisioningFailed: 'Provisioning failed',
  provisioned: 'Provisioned', provisioning: 'Provisioning', unknownFutureValue: 'Unknown state',
};

export const STATUS_LABEL: Record<ProfileStatus['status'], string> = {
  paused: 'Paused', inProgress: 'In progress', success: 'Synced', error: 'Error', validationError: 'Validation error',
  quarantined: 'Quarantined', unknownFutureValue: 'Unknown status', extracting: 'Extracting', validating: 'Validating',
};
