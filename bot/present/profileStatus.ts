import type { Profile, ProfileStatus } from '../graph/types';
import { profileHealth, styleOf } from './health';
import { profileNextSteps } from './nextSteps';
import { sdsPortalLink } from './adminLinks';
import { describeState, PROVIDER_LABEL } from './profileWords';
import { renderNoticeCard } from '../../cards/notice';
import { formatTime, type AdaptiveCard } from '../../cards/render';

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
