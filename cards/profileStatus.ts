import type { Profile, ProfileStatus } from '../bot/graph/types';
import { profileHealth, styleOf } from '../bot/present/health';
import { profileNextSteps } from '../bot/present/nextSteps';
import { sdsPortalLink } from '../bot/present/adminLinks';
import { describeState, PROVIDER_LABEL } from '../bot/present/profileWords';
import { renderNoticeCard } from './notice';
import { formatTime, type AdaptiveCard } from './render';

/** A profile's status card: what an admin checks first, and the next actions as buttons. */
export function renderProfileStatusCard(data: { profile: Profile; status: ProfileStatus }): AdaptiveCard {
  const { profile, status } = data;
  return renderNoticeCard({
    title: `${profile.displayName}: ${describeState(profile, status)}`,
    tone: styleOf(profileHealth(profile, status)).tone,
    ...(status.statusMessage ? { text: status.statusMessage } : {}),
    facts: [
      { title: 'Provisioning state', value: profile.state },
      { title: 'Provider', value: PROVIDER_LABEL[profile.providerType] },
      { title: 'Last successful sync', value: formatTime(status.lastSynchronizationDateTime) },
      { title: 'Last activity', value: formatTime(status.lastActivityDateTime) },
      { title: 'Errors', value: String(status.errorCount ?? 0) },
      { title: 'Profile id', value: profile.id },
    ],
    buttons: profileNextSteps(profile, status),
    links: sdsPortalLink(),
  });
}
