import type { Profile, ProfileError } from '../bot/graph/types';
import { expandListCard } from './list';
import { commandAction, formatTime, type AdaptiveCard } from './render';

export interface ProfileErrorsCardData {
  profile: Profile;
  errors: readonly ProfileError[];
  /** How many errors earlier pages showed, so numbering continues. */
  shownBefore: number;
  total?: number;
  /** The command of the next page (it carries the stored cursor); absent on the last page. */
  moreCommand?: string;
}

/** A page of a profile's synchronization errors, with More when Graph has another page. */
export function renderProfileErrorsCard(data: ProfileErrorsCardData): AdaptiveCard {
  const first = data.shownBefore + 1;
  const last = data.shownBefore + data.errors.length;
  const range = data.errors.length ? `${first}–${last}${data.total !== undefined ? ` of ${data.total}` : ''}` : '';
  const more = data.moreCommand ? [commandAction({ title: 'More', command: data.moreCommand })] : [];
  return expandListCard({
    title: `Errors of ${data.profile.displayName}`,
    subtitle: range,
    empty: 'No synchronization errors.',
    items: data.errors.map((error) => ({
      heading: `${error.entryType ?? 'Entry'}: ${error.reportableIdentifier ?? error.joiningValue ?? error.id}`,
      color: 'Attention' as const,
      lines: [error.errorMessage ?? '', `${error.errorCode ?? 'Unknown code'} · ${formatTime(error.recordedDateTime)}`].filter(Boolean),
    })),
    actions: more,
  });
}
