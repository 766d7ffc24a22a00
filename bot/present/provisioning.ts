/** How the provisioning logs look: `logs job` and `why` views to their cards. */
import { renderProvisioningEventsCard } from '../../cards/provisioningEvents';
import { renderProvisioningLogsCard } from '../../cards/provisioningLogs';
import type { AdaptiveCard, CommandButton } from '../../cards/render';
import { formatCommand } from '../commands/format';
import { byId } from '../commands/types';
import { isEntraDirectory } from '../graph/entraDirectory';
import type { ProvisioningEvent, ProvisioningResult } from '../graph/provisioningTypes';
import { ACTIONS, entraIdentityOf, OUTCOMES } from '../operations/logSummary';
import type { View } from '../operations/outcome';
import { plural } from './profileWords';
import { describeStep } from './stepWords';

type LogsView = Extract<View, { kind: 'provisioningLogs' }>;
type IdentityView = Extract<View, { kind: 'identityEvents' }>;

/** A few `why` buttons, one per row under the failures: more would push the card past a phone screen. */
const WHY_BUTTONS = 3;
/** Outcome colours; a warning is told by its word, not by the "Warning" colour (pale yellow on white in Teams' light theme). */
const COLOR: Record<ProvisioningResult, 'Default' | 'Good' | 'Attention'> = {
  success: 'Good', failure: 'Attention', skipped: 'Default', warning: 'Default', unknown: 'Default',
};

export function presentJobLogs(view: LogsView): AdaptiveCard {
  const { app, job, summary } = view;
  const failures = summary.byOutcome.failure ?? 0;
  const whyButtons = distinctIdentities(summary.latestFailures).slice(0, WHY_BUTTONS)
    .map((who): CommandButton => ({ title: `Why ${who.name}?`, command: formatCommand({ kind: 'explainIdentity', identity: who.id, app: byId(app.id) }) }));
  return renderProvisioningLogsCard({
    title: `${app.displayName}: ${plural(failures, 'failure')} in ${sinceWords(view.sinceHours)}`,
    subtitle: `Provisioning logs of job ${job.id}: ${plural(summary.total, 'event')}`,
    tone: failures > 0 ? 'attention' : (summary.byOutcome.warning ?? 0) > 0 ? 'warning' : 'good',
    since: view.since,
    outcomes: counts(summary.byOutcome, OUTCOMES),
    actionCounts: counts(summary.byAction, ACTIONS),
    errors: summary.topErrors.map((e) => ({
      heading: `${e.errorCode} × ${e.count}`, ...(e.reason ? { reason: e.reason } : {}), ...(e.recommendedAction ? { action: e.recommendedAction } : {}),
    })),
    failures: summary.latestFailures.map((event) => ({
      who: entraIdentityOf(event).name, at: event.activityDateTime, what: `${event.action}: ${event.error?.errorCode ?? 'failed'}`,
    })),
    ...(view.isTruncated ? { footnote: 'More events than SyncOps reads for one card: the counts cover the newest ones. Narrow it with since.' } : {}),
    choices: whyButtons,
    buttons: [{ title: 'Job status', command: formatCommand({ kind: 'showJob', jobId: job.id, app: byId(app.id) }) }],
  });
}

export function presentIdentityEvents(view: IdentityView): AdaptiveCard {
  const name = view.user ? `${view.user.displayName} (${view.user.userPrincipalName})` : view.identity;
  const where = view.app ? ` in ${view.app.displayName}` : '';
  const failed = view.events.filter((e) => e.status === 'failure');
  // Provision on demand takes an Entra user only where Entra is the source (outbound provisioning).
  const retry = failed.find((e) => isEntraDirectory(e.sourceSystem));
  const buttons: CommandButton[] = [
    ...distinctJobs(failed).map((e): CommandButton => ({
      // As far back as `why` looked, so the failure shown is among the logs the button opens.
      title: `Logs of ${e.servicePrincipal.displayName}`, command: formatCommand({ kind: 'showJobLogs', jobId: e.jobId, app: byId(e.servicePrincipal.id), sinceHours: view.lookbackDays * 24 }),
    })),
    ...(view.user && retry ? [{
      title: `Provision again in ${retry.servicePrincipal.displayName}`,
      command: formatCommand({ kind: 'provisionUser', identity: view.user.userPrincipalName, app: byId(retry.servicePrincipal.id) }),
    }] : []),
  ];
  return renderProvisioningEventsCard({
    title: view.events.length ? `${name}: latest ${plural(view.events.length, 'provisioning event')}${where}` : `No provisioning event in ${view.lookbackDays} days for ${name}${where}`,
    subtitle: failed.length ? `${plural(failed.length, 'failure')}, newest first` : 'Newest first',
    tone: failed.length ? 'attention' : view.events.length ? 'good' : 'info',
    empty: `The provisioning logs (kept ${view.lookbackDays} days) have no event where this identity is the source or the target.`,
    events: view.events.map((event) => ({
      heading: `${event.servicePrincipal.displayName}: ${event.action}, ${event.status}`,
      color: COLOR[event.status], at: event.activityDateTime,
      where: `${event.sourceSystem || 'source'} → ${event.targetSystem || 'target'}, job ${event.jobId}`,
      problem: event.error ? [
        `${event.error.errorCode ?? 'Error'}: ${event.error.reason ?? ''}`.trim(),
        ...(event.error.recommendedAction ? [`Recommended: ${event.error.recommendedAction}`] : []),
      ] : [],
      steps: event.steps.map(describeStep),
    })),
    buttons: buttons.slice(0, 4),
  });
}

function counts(values: Record<string, number>, always: readonly string[]): { title: string; value: string }[] {
  const extra = Object.keys(values).filter((key) => !always.includes(key) && values[key]! > 0);
  return [...always, ...extra].map((key) => ({ title: key, value: String(values[key] ?? 0) }));
}

function distinctIdentities(events: readonly ProvisioningEvent[]): { id: string; name: string }[] {
  const seen = new Map<string, { id: string; name: string }>();
  for (const event of events) {
    const who = entraIdentityOf(event);
    if (who.id && !seen.has(who.id)) seen.set(who.id, who);
  }
  return [...seen.values()];
}

function distinctJobs(events: readonly ProvisioningEvent[]): ProvisioningEvent[] {
  return [...new Map(events.map((e) => [e.jobId, e])).values()].slice(0, 2);
}

function sinceWords(hours: number): string {
  return hours % 24 === 0 && hours >= 48 ? `the last ${plural(hours / 24, 'day')}` : `the last ${plural(hours, 'hour')}`;
}
