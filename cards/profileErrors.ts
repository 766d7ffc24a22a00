import type { Profile, ProfileError } from '../bot/graph/types';
import { expandListCard } from './list';
import { errorsNextSteps } from '../bot/present/nextSteps';
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
    subtitle: [range, summaryByCode(data.errors)].filter(Boolean).join('. '),
    empty: 'No synchronization errors.',
    items: data.errors.map((error) => ({
      heading: `${error.entryType ?? 'Entry'}: ${error.reportableIdentifier ?? error.joiningValue ?? error.id}`,
      color: 'Attention' as const,
      lines: [error.errorMessage ?? '', `${error.errorCode ?? 'Unknown code'} · ${formatTime(error.recordedDateTime)}`].filter(Boolean),
    })),
    actions: [...more, ...errorsNextSteps(data.profile).map(commandAction)],
  });
}

/** Errors on a page before which a summary by code helps: above this, reading them one by one is slow. */
const SUMMARY_FROM = 5;

/** "By code: UnsynchronizableChange 12, DuplicateSourceAnchor 3" for a long page, most frequent first. */
function summaryByCode(errors: readonly ProfileError[]): string {
  if (errors.length < SUMMARY_FROM) return '';
  const counts = new Map<string, number>();
  for (const error of errors) counts.set(error.errorCode ?? 'Unknown code', (counts.get(error.errorCode ?? 'Unknown code') ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return `By code on this page: ${sorted.map(([code, count]) => `${code} ${count}`).join(', ')}`;
}
