import type { Job, ServicePrincipal } from '../bot/graph/types';
import { describeJob } from '../bot/present/jobWords';
import { appHealth, styleOf } from '../bot/present/health';
import { listJobsButton } from '../bot/present/nextSteps';
import { plural } from '../bot/present/profileWords';
import { expandListCard } from './list';
import type { AdaptiveCard } from './render';

/** Apps that fit the card budget; a search is capped at 25 by the gateway anyway. */
const MAX_APPS = 25;

/** A button label that fits the card's width on a phone (about 36 characters at Teams' font size). */
const MAX_LABEL = 36;

function shorten(label: string): string {
  return label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1)}…`;
}

/** `apps <name>`: matching enterprise apps, and which have provisioning jobs. */
export function renderAppListCard(data: { query: string; apps: readonly { app: ServicePrincipal; jobs?: readonly Job[] }[] }): AdaptiveCard {
  const apps = data.apps.slice(0, MAX_APPS);
  return expandListCard({
    title: `Apps matching "${data.query}" (${data.apps.length})`,
    empty: 'No enterprise app has a name with these words. Search matches whole words from their start, e.g. "work" finds "Workday to AD".',
    items: apps.map(({ app, jobs }) => ({
      heading: app.displayName,
      color: styleOf(appHealth(jobs)).color,
      lines: [
        jobs === undefined ? 'Could not read its provisioning jobs.' : jobs.length ? jobs.map((j) => `${j.id}: ${describeJob(j)}`).join(' · ') : 'No provisioning jobs.',
        `Object id ${app.id}`,
      ],
      buttons: jobs?.length ? [listJobsButton(shorten(`${plural(jobs.length, 'job')} of ${app.displayName}`), app)] : [],
    })),
    actions: [],
  });
}
