import type { Profile, ProfileStatus } from '../bot/graph/types';
import { describeState, PROVIDER_LABEL } from '../bot/present/profileWords';
import { profileHealth, styleOf } from '../bot/present/health';
import template from './profiles.json';
import { CARD_DATA_VERSION, expandCard, RUN_VERB, type AdaptiveCard } from './render';

export interface ProfileListCardData {
  profiles: readonly { profile: Profile; status?: ProfileStatus }[];
}

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

function colorOf(profile: Profile, status?: ProfileStatus): string {
  return styleOf(profileHealth(profile, status)).color;
}
