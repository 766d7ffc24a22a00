/** `logs job …` and `why …`: what the provisioning service did, read from the provisioning logs. */
import { byId, type Command } from '../commands/types';
import { GUID } from '../domain/guid';
import { GraphError } from '../graph/errors';
import type { DirectoryUser, ProvisioningEvent } from '../graph/provisioningTypes';
import type { ServicePrincipal } from '../graph/types';
import { findApp, findJob } from './appLookup';
import type { OperationContext } from './context';
import { summarizeEvents } from './logSummary';
import type { Outcome } from './outcome';

/** 10 pages of 100: a day of a busy job; the card says when more were left unread. */
const MAX_LOG_PAGES = 10;
/** The provisioning logs keep 30 days (docs/provisioning-logs.md): `why` looks that far back. */
export const IDENTITY_LOOKBACK_DAYS = 30;
const IDENTITY_EVENTS = 5;
const HOUR_MS = 3_600_000;

/** `logs job <jobId> [for <app>] [since <n>h|<n>d]`: counts, top errors and the latest failures of one job. */
export async function showJobLogs(command: Extract<Command, { kind: 'showJobLogs' }>, ctx: OperationContext): Promise<Outcome> {
  const found = await findJob(command.jobId, command.app, ctx, (appId) => ({ ...command, app: byId(appId) }));
  if (found.kind !== 'job') return found;
  const from = new Date(ctx.now().getTime() - command.sinceHours * HOUR_MS);
  const read = await ctx.gateway.provisioning.listEvents({ jobId: found.job.id, since: from }, MAX_LOG_PAGES);
  return {
    kind: 'info',
    view: {
      kind: 'provisioningLogs', app: found.app, job: found.job, sinceHours: command.sinceHours, since: from.toISOString(),
      summary: summarizeEvents(read.events), isTruncated: read.isTruncated,
    },
  };
}

/**
 * `why <user upn|object id> [in <app>]`: the identity's newest events, as the source (Entra to an app) or the
 * target (an HR system to Entra). A UPN is looked up first; an object id is used as it is.
 */
export async function explainIdentity(command: Extract<Command, { kind: 'explainIdentity' }>, ctx: OperationContext): Promise<Outcome> {
  let app: ServicePrincipal | undefined;
  if (command.app) {
    const found = await findApp(command.app, ctx, (id) => ({ ...command, app: byId(id) }));
    if (found.kind !== 'app') return found;
    app = found.app;
  }
  const user = await lookUpUser(command.identity, ctx);
  if (user === 'notFound') return { kind: 'notFound', what: 'user', query: command.identity, closest: [] };
  const id = user?.id ?? command.identity.toLowerCase();
  const since = new Date(ctx.now().getTime() - IDENTITY_LOOKBACK_DAYS * 24 * HOUR_MS);
  const scope = { since, ...(app ? { servicePrincipalId: app.id } : {}) };
  // Two filters rather than one `or`: the docs list `eq` and `contains` per attribute, never `or`.
  const [asSource, asTarget] = await Promise.all([
    ctx.gateway.provisioning.listEvents({ ...scope, sourceId: id }, 1, IDENTITY_EVENTS),
    ctx.gateway.provisioning.listEvents({ ...scope, targetId: id }, 1, IDENTITY_EVENTS),
  ]);
  return {
    kind: 'info',
    view: {
      kind: 'identityEvents', identity: command.identity, ...(user ? { user } : {}), ...(app ? { app } : {}),
      events: newestDistinct([...asSource.events, ...asTarget.events]), lookbackDays: IDENTITY_LOOKBACK_DAYS,
    },
  };
}

/**
 * The directory user a UPN or object id names. An object id that is no user (a group, an object of another
 * directory) is used as typed: undefined. A UPN that is no user is `notFound`.
 */
export async function lookUpUser(identity: string, ctx: OperationContext): Promise<DirectoryUser | 'notFound' | undefined> {
  try {
    return await ctx.gateway.provisioning.getUser(identity);
  } catch (error) {
    if (error instanceof GraphError && error.failure === 'notFound') return GUID.test(identity) ? undefined : 'notFound';
    throw error;
  }
}

function newestDistinct(events: ProvisioningEvent[]): ProvisioningEvent[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  return [...byId.values()].sort((a, b) => b.activityDateTime.localeCompare(a.activityDateTime)).slice(0, IDENTITY_EVENTS);
}
