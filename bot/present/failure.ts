import { renderNoticeCard } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import { SyncOpsError } from '../errors';
import { GraphError, type GraphFailure } from '../graph/errors';
import { presentClassicRetired } from './sdsClassic';
import { StorageDeadlineError } from '../storageDeadline';
import { isStorageFailure } from '../storageFailure';

export const GRAPH_TITLES: Record<GraphFailure, string> = {
  unauthenticated: 'Microsoft Graph did not accept the bot\'s sign-in',
  forbidden: 'Microsoft Graph refused: missing permission or role',
  notFound: 'Not found in Microsoft Graph',
  badRequest: 'Microsoft Graph rejected the request',
  conflict: 'Microsoft Graph reports a conflict',
  throttled: 'Microsoft Graph is busy',
  unavailable: 'Microsoft Graph is unavailable right now',
  timeout: 'Microsoft Graph did not answer in time',
  outcomeUnknown: 'Outcome unknown: check the status before trying again',
  unreachable: 'Microsoft Graph could not be reached',
  retired: 'School Data Sync (Classic) was retired on 31 December 2024',
};

/**
 * The one mapper from any thrown value to the error card. Known errors say what happened and what to do;
 * anything else is "Something went wrong (ref …)", with the details only in the log under that ref.
 */
export function presentFailure(error: unknown, ref: string): AdaptiveCard {
  if (error instanceof GraphError) return error.failure === 'retired' ? presentClassicRetired(error) : presentGraphError(error);
  if (error instanceof SyncOpsError) return renderNoticeCard({ title: error.message, tone: 'warning' });
  if (error instanceof StorageDeadlineError) {
    return renderNoticeCard({
      title: 'SyncOps storage did not answer in time', tone: 'attention',
      text: `This may or may not have been recorded. Look at the card again, or run audit, before trying again (ref ${ref}).`,
    });
  }
  if (isStorageFailure(error)) {
    return renderNoticeCard({
      title: 'SyncOps could not write to its storage', tone: 'attention',
      text: `Nothing was done. Its storage is read-only, full or unavailable; whoever runs SyncOps must fix that first (ref ${ref}).`,
    });
  }
  return renderNoticeCard({
    title: `Something went wrong (ref ${ref})`, tone: 'attention',
    text: 'Nothing more was done. If it happens again, give this ref to whoever runs SyncOps.',
  });
}

function presentGraphError(error: GraphError): AdaptiveCard {
  const facts = [
    ...(error.status ? [{ title: 'HTTP status', value: String(error.status) }] : []),
    ...(error.graphCode ? [{ title: 'Graph code', value: error.graphCode }] : []),
    ...(error.requestId ? [{ title: 'Graph request-id', value: error.requestId }] : []),
  ];
  return renderNoticeCard({
    title: GRAPH_TITLES[error.failure], tone: error.failure === 'throttled' ? 'warning' : 'attention',
    text: adviceFor(error), facts,
  });
}

/** What a Graph failure means and what to do, for any card that reports one. */
export function adviceFor(error: Pick<GraphError, 'failure' | 'message' | 'retryAfterSeconds'>): string {
  const said = error.message ? ` Graph said: "${error.message}"` : '';
  switch (error.failure) {
    case 'throttled':
      return `Try again in ${error.retryAfterSeconds ?? 30} s.`;
    case 'retired':
      return 'This tenant\'s Microsoft Graph no longer serves SDS (Classic) profiles. Use the new School Data Sync: sds runs, sds flows, start sds run.';
    case 'outcomeUnknown':
      return 'The request reached Microsoft Graph but no answer came back, so it may or may not have run. Check the current status before running it again.';
    case 'forbidden':
      return `The app or the signed-in admin lacks the permission or directory role this call needs.${said}`;
    default:
      return said.trim() || 'Try again in a moment.';
  }
}
