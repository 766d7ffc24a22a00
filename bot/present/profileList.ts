import { renderProfileListCard } from '../../cards/profiles';
import type { AdaptiveCard } from '../../cards/render';
import { formatCommand } from '../commands/format';
import { byId } from '../commands/types';
import type { Profile, ProfileStatus } from '../graph/types';
import { profileHealth, styleOf } from './health';
import { describeState, PROVIDER_LABEL } from './profileWords';

/** Rows that keep the card well under the 28 KB budget (about 530 bytes a row). */
export const MAX_PROFILE_ROWS = 40;

/** `profiles`: the tenant's SDS profiles with their state, each row opening its status card. */
export function presentProfileList(profiles: readonly { profile: Profile; status?: ProfileStatus }[]): AdaptiveCard {
  const rows = profiles.slice(0, MAX_PROFILE_ROWS).map(({ profile, status }) => ({
    name: profile.displayName,
    provider: PROVIDER_LABEL[profile.providerType],
    state: describeState(profile, status),
    color: styleOf(profileHealth(profile, status)).color,
    command: formatCommand({ kind: 'showProfile', profile: byId(profile.id) }),
  }));
  const total = profiles.length;
  const more = total > rows.length ? `Showing ${rows.length} of ${total}. Type profile <name> for any other.` : '';
  return renderProfileListCard({ title: `School Data Sync profiles (${total})`, rows, more });
}
