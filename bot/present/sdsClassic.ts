/** The one card for a tenant whose Graph no longer serves SDS (Classic): what happened, and the new SDS commands. */
import { renderNoticeCard } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import type { GraphError } from '../graph/errors';
import { formatCommand } from '../commands/format';

/** SDS (Classic) profiles stopped running on 31 Dec 2024 (industry-data reference §0). */
export const CLASSIC_RETIRED_TITLE = 'School Data Sync (Classic) was retired on 31 December 2024';
export const CLASSIC_RETIRED_TEXT =
  "This tenant's Microsoft Graph no longer serves SDS (Classic) profiles. Schools now run the new School Data Sync, which SyncOps drives with:";
export const NEW_SDS_COMMANDS: readonly { title: string; command: string; usage: string }[] = [
  { title: 'Recent runs', command: formatCommand({ kind: 'listSdsRuns' }), usage: 'recent runs, errors and warnings' },
  { title: 'Latest run', command: formatCommand({ kind: 'showSdsRun', run: 'latest' }), usage: 'a run with its statistics' },
  { title: 'Flows', command: formatCommand({ kind: 'listSdsFlows' }), usage: 'inbound flows and outbound flow sets' },
  { title: 'Start a run…', command: formatCommand({ kind: 'startSdsRun' }), usage: 'an on-demand run, confirmed first' },
].map((c) => ({ ...c, usage: `${c.command}: ${c.usage}` }));

export function presentClassicRetired(error?: GraphError): AdaptiveCard {
  return renderNoticeCard({
    title: CLASSIC_RETIRED_TITLE, tone: 'warning', text: CLASSIC_RETIRED_TEXT,
    lines: NEW_SDS_COMMANDS.map((c) => c.usage),
    facts: error ? [
      ...(error.status ? [{ title: 'HTTP status', value: String(error.status) }] : []),
      ...(error.requestId ? [{ title: 'Graph request-id', value: error.requestId }] : []),
    ] : [],
    buttons: NEW_SDS_COMMANDS.map(({ title, command }) => ({ title, command })),
  });
}
