import type { Job, ServicePrincipal } from '../bot/graph/types';
import { describeInterval, describeJob } from '../bot/present/jobWords';
import { expandListCard } from './list';
import { commandAction, formatTime, type AdaptiveCard } from './render';

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
        color: job.status?.code === 'Quarantine' ? 'Attention' : job.status?.code === 'Paused' ? 'Warning' : 'Default',
        lines: [
          `Schedule ${job.schedule?.state ?? 'unknown'}, ${describeInterval(job.schedule?.interval)}`,
          last ? `Last run ${last.state ?? 'unknown'} at ${formatTime(last.timeEnded ?? last.timeBegan ?? undefined)}` : 'Not run yet',
        ],
      };
    }),
    actions: data.jobs.slice(0, 5).map((job) => commandAction({ title: `Status of ${job.templateId ?? job.id}`.slice(0, 40), command: `job ${job.id} for ${data.app.id}` })),
  });
}
