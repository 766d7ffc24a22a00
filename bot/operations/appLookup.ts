import { createHash } from 'node:crypto';
import { formatCommand } from '../commands/format';
import type { Command, Target } from '../commands/types';
import { GraphError } from '../graph/errors';
import type { Job, ServicePrincipal } from '../graph/types';
import { compareAndSet } from '../store/keyValue';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { matchByName, resolveTarget } from './resolve';

/** Apps a conversation looked at, newest first: where `job <id>` without `for` looks. */
const REMEMBERED_APPS = 10;

/** One enterprise app from what the admin typed, or the outcome that asks to choose or says none matched. */
export async function findApp(target: Target, ctx: OperationContext, commandFor: (id: string) => Command): Promise<{ kind: 'app'; app: ServicePrincipal } | Outcome> {
  const match = await resolveTarget(target, (id) => ctx.gateway.getServicePrincipal(id), () => ctx.gateway.searchServicePrincipals(target.value), (a) => a.displayName);
  if (match.kind === 'one') return { kind: 'app', app: match.item };
  if (match.kind === 'none') {
    const nearest = match.nearest?.length || target.by === 'id' ? match.nearest ?? [] : await widerSearch(target.value, ctx);
    const options = nearest.map((a) => ({ label: a.displayName, command: formatCommand(commandFor(a.id)) }));
    return { kind: 'notFound', what: 'app', query: target.value, closest: nearest.map((a) => a.displayName), options };
  }
  return { kind: 'chooseOne', what: 'app', query: target.value, options: match.items.map((a) => ({ label: a.displayName, command: formatCommand(commandFor(a.id)) })) };
}

/**
 * Graph's app search matches every word, so one misspelt word ("Contoso Cloud Sink") finds nothing. The
 * first word alone finds the app's neighbours; the closest of those are offered, still without listing
 * the whole tenant.
 */
async function widerSearch(query: string, ctx: OperationContext): Promise<ServicePrincipal[]> {
  const first = query.trim().split(/\s+/)[0] ?? '';
  if (!first || first === query.trim()) return [];
  const match = matchByName(await ctx.gateway.searchServicePrincipals(first), query, (a) => a.displayName);
  return match.kind === 'none' ? match.nearest ?? [] : match.kind === 'one' ? [match.item] : match.items.slice(0, 3);
}

/**
 * A job by id: in the named app, or else among the apps this conversation used before. It never scans
 * the whole tenant (hundreds of apps, and a job id does not say which app runs it).
 */
export async function findJob(jobId: string, appTarget: Target | undefined, ctx: OperationContext, commandFor: (appId: string) => Command): Promise<{ kind: 'job'; app: ServicePrincipal; job: Job } | Outcome> {
  if (appTarget) {
    const found = await findApp(appTarget, ctx, commandFor);
    if (found.kind !== 'app') return found;
    try {
      const job = await ctx.gateway.getJob(found.app.id, jobId);
      await rememberApp(found.app.id, ctx);
      return { kind: 'job', app: found.app, job };
    } catch (error) {
      if (error instanceof GraphError && error.failure === 'notFound') return { kind: 'notFound', what: 'job', query: `${jobId} in ${found.app.displayName}`, closest: [] };
      throw error;
    }
  }
  const remembered = await rememberedApps(ctx);
  let unread: GraphError | undefined;
  for (const [appId, read] of await ctx.gateway.readJobsOfMany(remembered)) {
    if (!read.ok) {
      unread ??= read.error;
      continue;
    }
    const job = read.value.find((j) => j.id.toLowerCase() === jobId.toLowerCase());
    if (job) return { kind: 'job', app: await ctx.gateway.getServicePrincipal(appId), job };
  }
  // An app whose jobs could not be read may run it: say why, never "no app runs it".
  if (unread) throw unread;
  return { kind: 'needsApp', jobId, searched: remembered.length };
}

/** Notes that this conversation used an app, so later `job <id>` finds its jobs without `for`. */
export async function rememberApp(appId: string, ctx: OperationContext): Promise<void> {
  await compareAndSet<string[]>(ctx.store, memoryKey(ctx), (current = []) =>
    current[0] === appId ? undefined : [appId, ...current.filter((id) => id !== appId)].slice(0, REMEMBERED_APPS),
  );
}

async function rememberedApps(ctx: OperationContext): Promise<string[]> {
  return (await ctx.store.read<string[]>(memoryKey(ctx)))?.value ?? [];
}

/** Conversation ids hold characters store keys do not allow (`:`, `@`, `;`), so the key uses a hash. */
function memoryKey(ctx: OperationContext): string {
  return `conversations/${createHash('sha256').update(ctx.conversationId).digest('hex').slice(0, 32)}/apps`;
}
