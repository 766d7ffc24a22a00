import type { Job, ServicePrincipal } from '../bot/graph/types';
import { describeInterval, describeJob, explainQuarantine, isNever } from '../bot/present/jobWords';
import { jobHealth, styleOf } from '../bot/present/health';
import { cardDateTimeWithHint } from '../bot/present/times';
import { jobNextSteps } from '../bot/present/nextSteps';
import { provisioningPageLink } from '../bot/present/adminLinks';
import { renderNoticeCard } from './notice';
import { formatTime, type AdaptiveCard } from './render';

type Execution = NonNullable<NonNullable<Job['status']>['lastExecution']>;

/** Everything an admin checks in the portal for one provisioning job, with the next actions. */
/** `seenAt`: when Graph was read, for hints such as "next attempt in 11 h". */
export function renderJobStatusCard(data: { app: ServicePrincipal; job: Job; seenAt?: string }): AdaptiveCard {
  const { app, job } = data;
  const status = job.status ?? {};
  const quarantine = status.quarantine ?? undefined;
  const explained = quarantine ? explainQuarantine(quarantine) : undefined;
  const progress = (status.progress ?? []).map((p) => `${p.completedUnits ?? 0} of ${p.totalUnits ?? '?'} ${p.units ?? 'units'}`).join('; ');
  return renderNoticeCard({
    title: `${app.displayName}: ${describeJob(job)}`,
    tone: styleOf(jobHealth(job)).tone,
    ...(explained ? { text: `${explained.meaning} What to do: ${explained.action}` } : {}),
    facts: [
      { title: 'Job', value: job.id },
      { title: 'Status', value: String(status.code ?? 'Unknown') },
      { title: 'Schedule', value: `${job.schedule?.state ?? 'unknown'}, ${describeInterval(job.schedule?.interval)}` },
      ...executionFacts('Last run', status.lastExecution ?? undefined),
      ...executionFacts('Last successful run', status.lastSuccessfulExecution ?? undefined),
      ...(progress ? [{ title: 'Progress', value: progress }] : []),
      { title: 'Escrowed (failed, retried)', value: String(status.lastExecution?.countEscrowed ?? 0) },
      { title: 'Successive failed runs', value: String(status.countSuccessiveCompleteFailures ?? 0) },
      { title: 'Steady state last reached', value: isNever(status.steadyStateLastAchievedTime) ? 'never' : formatTime(status.steadyStateLastAchievedTime ?? undefined) },
      ...(quarantine ? [
        { title: 'In quarantine since', value: formatTime(quarantine.currentBegan ?? undefined) },
        { title: 'Series began', value: `${formatTime(quarantine.seriesBegan ?? undefined)} (${quarantine.seriesCount ?? 0} re-evaluations)` },
        { title: 'Next attempt', value: data.seenAt ? cardDateTimeWithHint(quarantine.nextAttempt, new Date(data.seenAt)) : formatTime(quarantine.nextAttempt ?? undefined) },
        ...(quarantine.error ? [{ title: 'Error', value: `${quarantine.error.code ?? ''}: ${quarantine.error.message ?? ''}` }] : []),
      ] : []),
    ],
    buttons: jobNextSteps(app, job),
    links: [...(status.troubleshootingUrl ? [{ title: 'Troubleshooting guide', url: status.troubleshootingUrl }] : []), ...provisioningPageLink(app)],
  });
}

function executionFacts(title: string, run: Execution | undefined): { title: string; value: string }[] {
  if (!run) return [{ title, value: 'none' }];
  const counts = `imported ${run.countImported ?? 0}, exported ${run.countExported ?? 0} of ${run.countExports ?? 0}, escrowed ${run.countEscrowed ?? 0}`;
  const error = run.error ? ` · ${run.error.code ?? ''} ${run.error.message ?? ''}`.trimEnd() : '';
  return [{ title, value: `${run.state ?? 'unknown'}, ${formatTime(run.timeBegan ?? undefined)} → ${formatTime(run.timeEnded ?? undefined)}; ${counts}${error}` }];
}
