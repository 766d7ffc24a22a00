import type { Profile, ProfileStatus } from '../bot/graph/types';
import { describeState, PROVIDER_LABEL } from '../bot/present/profileWords';
import { renderNoticeCard } from './notice';
import { formatTime, type AdaptiveCard, type CommandButton } from './render';

/** A profile's status card: what an admin checks first, and the next actions as buttons. */
export function renderProfileStatusCard(data: { profile: Profile; status: ProfileStatus }): AdaptiveCard {
  const { profile, status } = data;
  const isTrouble = ['error', 'validationError', 'quarantined'].includes(status.status) || profile.state !== 'provisioned';
  return renderNoticeCard({
    title: `${profile.displayName}: ${describeState(profile, status)}`,
    tone: isTrouble ? 'attention' : status.status === 'paused' ? 'warning' : 'good',
    ...(status.statusMessage ? { text: status.statusMessage } : {}),
    facts: [
      { title: 'Provisioning state', value: profile.state },
      { title: 'Provider', value: PROVIDER_LABEL[profile.providerType] },
      { title: 'Last successful sync', value: formatTime(status.lastSynchronizationDateTime) },
      { title: 'Last activity', value: formatTime(status.lastActivityDateTime) },
      { title: 'Errors', value: String(status.errorCount ?? 0) },
      { title: 'Profile id', value: profile.id },
    ],
    buttons: nextActions(profile, status),
  });
}

function nextActions(profile: Profile, status: ProfileStatus): CommandButton[] {
  if (profile.state !== 'provisioned') return [];
  const id = profile.id;
  return [
    ...(status.errorCount ? [{ title: 'Show errors', command: `errors profile ${id}` }] : []),
    status.status === 'paused' ? { title: 'Resume', command: `resume profile ${id}` } : { title: 'Pause', command: `pause profile ${id}` },
    ...(profile.providerType === 'csv' ? [{ title: 'Start', command: `start profile ${id}` }] : []),
    { title: 'Reset', command: `reset profile ${id}` },
  ];
}
