import type { AuditLine } from '../bot/present/auditLines';
import { moreAuditButton } from '../bot/present/nextSteps';
import { expandListCard } from './list';
import { commandAction, formatTime, type AdaptiveCard } from './render';

const COLOR: Record<string, 'Good' | 'Attention' | 'Default'> = {
  succeeded: 'Good', failed: 'Attention', refused: 'Attention', outcomeUnknown: 'Default', cancelled: 'Default',
  rejected: 'Default', missed: 'Default', skipped: 'Default', expired: 'Default',
};

/** Most lines the card shows; `audit 50` is the largest the grammar takes. */
const MAX_LINES = 50;

/** The last audited actions of this conversation, newest first, one line each. */
export function renderAuditCard(data: { lines: readonly AuditLine[]; requested: number; hasMore: boolean }): AdaptiveCard {
  const lines = data.lines.slice(0, data.requested);
  return expandListCard({
    title: `Audit: last ${lines.length} action${lines.length === 1 ? '' : 's'} here`,
    empty: 'Nothing has been audited in this conversation yet.',
    items: lines.map((line) => ({
      heading: `${line.state} · ${line.command}${line.target ? ` · ${line.target}` : ''}`,
      color: COLOR[line.state] ?? 'Default',
      // One line per action keeps 50 of them inside the 28 KB card budget.
      lines: [[
        formatTime(line.at),
        line.proposedBy ? `proposed by ${person(line.proposedBy)}` : `by ${person(line.actor)}`,
        line.decidedBy ? `${line.decidedBy.how} by ${person(line.decidedBy.actor)}` : undefined,
        line.outcome, line.graphRequestId ? `request-id ${line.graphRequestId}` : undefined,
      ].filter(Boolean).join(' · ')],
    })),
    actions: data.hasMore && data.requested < MAX_LINES ? [commandAction(moreAuditButton(MAX_LINES))] : [],
  });
}

function person(actor: AuditLine['actor']): string {
  return `${actor.name}${actor.aadObjectId ? ` (${actor.aadObjectId})` : ''}`;
}
