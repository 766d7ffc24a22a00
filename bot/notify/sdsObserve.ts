/**
 * The new SDS as a watched object. There are no change notifications for it (industry-data reference §4):
 * each cycle reads the runs (1 GET), the inbound flows (1 GET) and the latest ended run's statistics (1 GET).
 */
import type { GraphGateway } from '../graph/gateway';
import type { InboundFlow, SdsRun } from '../graph/industryDataTypes';
import { newestFirst } from '../domain/sdsRuns';
import { EXPIRY_WARNING_DAYS } from '../present/sdsWords';
import type { Change, SdsSnapshot, WatchTarget } from './model';

/** The one new-SDS target of a tenant. */
export const SDS_TARGET: WatchTarget = { kind: 'sds', id: 'tenant', name: 'School Data Sync' };

const NOTIFIED_RUN_STATUSES = new Set(['failed', 'completedWithErrors', 'completedWithWarnings']);
const NOTIFIED_READINESS = new Set(['failed', 'expired']);

export async function readSdsSnapshot(gateway: GraphGateway, now: Date): Promise<SdsSnapshot> {
  const [runs, flows] = await Promise.all([gateway.industryData.listRuns(), gateway.industryData.listInboundFlows()]);
  const ended = newestFirst(runs).find((run) => run.status !== 'running');
  const statistics = ended ? await gateway.industryData.getRunStatistics(ended.id) : undefined;
  return {
    kind: 'sds',
    ...(ended ? { lastRun: lastRunOf(ended, statistics?.totals.errors ?? 0, statistics?.totals.warnings ?? 0) } : {}),
    flows: Object.fromEntries(flows.map((flow) => [flow.id, flowOf(flow, now)])),
  };
}

function lastRunOf(run: SdsRun, errors: number, warnings: number): NonNullable<SdsSnapshot['lastRun']> {
  const blocking = run.blockingError ? `${run.blockingError.code}: ${run.blockingError.message}`.slice(0, 300) : undefined;
  return { id: run.id, status: run.status, errors, warnings, ...(blocking ? { blockingError: blocking } : {}) };
}

function flowOf(flow: InboundFlow, now: Date): SdsSnapshot['flows'][string] {
  const ends = Date.parse(flow.expirationDateTime ?? '');
  const isExpiringSoon = !Number.isNaN(ends) && ends - now.getTime() <= EXPIRY_WARNING_DAYS * 86_400_000 && ends > now.getTime();
  return { name: flow.displayName, readiness: flow.readinessStatus, ...(flow.expirationDateTime ? { expiresAt: flow.expirationDateTime } : {}), isExpiringSoon };
}

/** A run that ended failed, with errors or with warnings; a flow that became failed or expired, or entered its last 14 days. */
export function diffSds(before: SdsSnapshot, after: SdsSnapshot): Change[] {
  const changes: Change[] = [];
  const run = after.lastRun;
  if (run && run.id !== before.lastRun?.id && NOTIFIED_RUN_STATUSES.has(run.status)) {
    changes.push({ kind: 'sdsRunEnded', runId: run.id, status: run.status, errors: run.errors, warnings: run.warnings, ...(run.blockingError ? { blockingError: run.blockingError } : {}) });
  }
  for (const [id, flow] of Object.entries(after.flows).sort(([a], [b]) => a.localeCompare(b))) {
    const was = before.flows[id];
    if (flow.readiness !== was?.readiness && NOTIFIED_READINESS.has(flow.readiness)) changes.push({ kind: 'sdsFlowReadiness', flow: id, name: flow.name, from: was?.readiness ?? 'new', to: flow.readiness });
    if (flow.isExpiringSoon && !was?.isExpiringSoon && flow.expiresAt) changes.push({ kind: 'sdsFlowExpiring', flow: id, name: flow.name, expiresAt: flow.expiresAt });
  }
  return changes;
}
