import { byId, type Command } from '../commands/types';
import { findApp, findJob, rememberApp } from './appLookup';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';

/** `apps <name>`: enterprise apps whose name matches, and which of them have provisioning jobs. */
export async function findApps(command: Extract<Command, { kind: 'findApps' }>, ctx: OperationContext): Promise<Outcome> {
  const apps = await ctx.gateway.searchServicePrincipals(command.query);
  const jobs = await ctx.gateway.listJobsOfMany(apps.map((a) => a.id));
  // The admin's next words are often `job <id>` for a job this list shows: remember the apps that have jobs.
  for (const app of apps.filter((a) => jobs.get(a.id)?.length).reverse()) await rememberApp(app.id, ctx);
  return {
    kind: 'info',
    view: { kind: 'appList', query: command.query, apps: apps.map((app) => ({ app, ...(jobs.has(app.id) ? { jobs: jobs.get(app.id)! } : {}) })) },
  };
}

/** `jobs <app>`: the app's provisioning jobs with their state. */
export async function listJobs(command: Extract<Command, { kind: 'listJobs' }>, ctx: OperationContext): Promise<Outcome> {
  const found = await findApp(command.app, ctx, (id) => ({ ...command, app: byId(id) }));
  if (found.kind !== 'app') return found;
  const jobs = await ctx.gateway.listJobs(found.app.id);
  await rememberApp(found.app.id, ctx);
  return { kind: 'info', view: { kind: 'jobList', app: found.app, jobs } };
}

/** `job <jobId> [for <app>]`: the status card an admin checks in the portal. */
export async function showJob(command: Extract<Command, { kind: 'showJob' }>, ctx: OperationContext): Promise<Outcome> {
  const found = await findJob(command.jobId, command.app, ctx, (appId) => ({ ...command, app: byId(appId) }));
  if (found.kind !== 'job') return found;
  return { kind: 'info', view: { kind: 'jobStatus', app: found.app, job: found.job, seenAt: ctx.now().toISOString() } };
}
