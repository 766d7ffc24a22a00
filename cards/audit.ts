import type { AuditEntry } from '../bot/store/auditLog';
import { expandListCard } from './list';
import { formatTime, type AdaptiveCard } from './render';

const COLOR: Record<string, 'Good' | 'Attention' | 'Warning' | 'Default'> = {
  succeeded: 'Good', failed: 'Attention', refused: 'Attention', outcomeUnknown: 'Warning', cancelled: 'Warning',
  rejected: 'Warning', missed: 'Warning', skipped: 'Warning', expired: 'Warning',
};

/** The last audited actions of this conversation, newest first. */
export function renderAuditCard(data: { entries: readonly AuditEntry[]; requested: number }): AdaptiveCard {
  return expandListCard({
    title: `Audit: last ${data.entries.length} action${data.entries.length === 1 ? '' : 's'} here`,
    empty: 'Nothing has been audited in this conversation yet.',
    items: data.entries.map((entry) => ({
      heading: `${entry.event} · ${entry.command}${entry.target ? ` · ${entry.target}` : ''}`,
      color: COLOR[entry.event] ?? 'Default',
      // One line per entry keeps 50 entries inside the 28 KB card budget.
      lines: [[
        `${formatTime(entry.at)} by ${entry.actor.name}${entry.actor.aadObjectId ? ` (${entry.actor.aadObjectId})` : ''}`,
        entry.outcome, entry.graphRequestId ? `request-id ${entry.graphRequestId}` : undefined,
      ].filter(Boolean).join(' · ')],
    })),
    ...(data.entries.length < data.requested ? {} : { footnote: 'Type audit 50 for more (at most 50).' }),
    actions: [],
  });
}
