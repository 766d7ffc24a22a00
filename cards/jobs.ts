import type { Job, ServicePrincipal } from '../bot/graph/types';
import { describeInterval, describeJob } from '../bot/present/jobWords';
import { jobHealth, styleOf } from '../bot/present/health';
import { expandListCard } from './list';
import { shortJob } from '../bot/present/changeWords';
import { showJobButton } from '../bot/present/nextSteps';
import { formatTime, type AdaptiveCard } from './render';

/** `jobs <app>`: the app's provisioning jobs with status, schedule and last run. */
export function renderJobListCard(data: { app: ServicePrincipal; jobs: readonly Job[] }): AdaptiveCard {
  return expandListCard({
    title: `Provisioning jobs of ${data.app.displayName}`,
    subtitle: `Object id ${data.app.id}`,
    empty: 'This app has no provisioning jobs.',
    items: data.jobs.map((job) => {
      const last = job.status?.lastExecution;
      return {
        heading: `${job.id}: ${describeJob(job)}`,
        color: styleOf(jobHealth(job)).color,
        lines: [
          `Schedule ${job.schedule?.state ?? 'unknown'}, ${describeInterval(job.schedule?.interval)}`,
          last ? `Last run ${last.state ?? 'unknown'} at ${formatTime(last.timeEnded ?? last.timeBegan ?? undefined)}` : 'Not run yet',
        ],
        // Two jobs of one app share a template name: the short id and state tell their buttons apart.
        buttons: [showJobButton(`${shortJob(job.id)} · ${String(job.status?.code ?? 'Unknown')}`, job.id, data.app)],
      };
    }),
    actions: [],
  });
}
