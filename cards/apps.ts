import type { Job, ServicePrincipal } from '../bot/graph/types';
import { describeJob } from '../bot/present/jobWords';
import { expandListCard } from './list';
import { commandAction, type AdaptiveCard } from './render';

/** Apps that fit the card budget; a search is capped at 25 by the gateway anyway. */
const MAX_APPS = 25;

/** `apps <name>`: matching enterprise apps, and which have provisioning jobs. */
export function renderAppListCard(data: { query: string; apps: readonly { app: ServicePrincipal; jobs?: readonly Job[] }[] }): AdaptiveCard {
  const apps = data.apps.slice(0, MAX_APPS);
  return expandListCard({
    title: `Apps matching "${data.query}" (${data.apps.length})`,
    empty: 'No enterprise app has a name with these words. Search matches whole words from their start, e.g. "work" finds "Workday to AD".',
    items: apps.map(({ app, jobs }) => ({
      heading: app.displayName,
      color: jobs && jobs.length ? 'Good' : 'Default',
      lines: [
        jobs === undefined ? 'Could not read its provisioning jobs.' : jobs.length ? jobs.map((j) => `${j.id}: ${describeJob(j)}`).join(' · ') : 'No provisioning jobs.',
        `Object id ${app.id}`,
      ],
    })),
    actions: apps.filter(({ jobs }) => jobs?.length).slice(0, 5).map(({ app }) => commandAction({ title: `Jobs of ${app.displayName}`.slice(0, 40), command: `jobs ${app.id}` })),
  });
}
