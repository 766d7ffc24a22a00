/** What changed between two snapshots of one watched object, as the changes a notification reports. */
import type { WatchFilter } from '../commands/types';
import type { AppSnapshot, Change, JobSnapshot, ProfileSnapshot, Snapshot } from './model';
import { diffSds } from './sdsObserve';

/** Statuses that mean something failed, for `only errors`. */
const ERROR_STATUSES = new Set(['error', 'validationError', 'Failed']);

export function diffSnapshots(before: Snapshot, after: Snapshot): Change[] {
  if (before.kind === 'profile' && after.kind === 'profile') return diffProfile(before, after);
  if (before.kind === 'app' && after.kind === 'app') return diffApp(before, after);
  if (before.kind === 'sds' && after.kind === 'sds') return diffSds(before, after);
  return [];
}

function diffProfile(before: ProfileSnapshot, after: ProfileSnapshot): Change[] {
  const changes: Change[] = [];
  if (before.status !== after.status) {
    // SDS reports quarantine as a status; it is said as entering or leaving, like a job's quarantine.
    if (after.status === 'quarantined') changes.push({ kind: 'quarantineEntered', reason: after.message ?? 'SDS gave no reason' });
    else if (before.status === 'quarantined') changes.push({ kind: 'quarantineLeft', reason: before.message ?? 'SDS gave no reason', to: after.status });
    else changes.push({ kind: 'status', from: before.status, to: after.status });
  }
  if (after.errorCount > before.errorCount) changes.push({ kind: 'errors', before: before.errorCount, after: after.errorCount });
  return changes;
}

function diffApp(before: AppSnapshot, after: AppSnapshot): Change[] {
  const ids = [...new Set([...Object.keys(before.jobs), ...Object.keys(after.jobs)])].sort();
  return ids.flatMap((job): Change[] => {
    const was = before.jobs[job];
    const now = after.jobs[job];
    if (!was && now) return [{ kind: 'jobAdded', job, code: now.code }];
    if (was && !now) return [{ kind: 'jobRemoved', job }];
    return was && now ? diffJob(job, was, now) : [];
  });
}

function diffJob(job: string, before: JobSnapshot, after: JobSnapshot): Change[] {
  const changes: Change[] = [];
  const entered = after.quarantine && (!before.quarantine || before.quarantine.reason !== after.quarantine.reason);
  const left = before.quarantine && !after.quarantine;
  if (entered && after.quarantine) changes.push({ kind: 'quarantineEntered', job, ...after.quarantine });
  if (left && before.quarantine) changes.push({ kind: 'quarantineLeft', job, reason: before.quarantine.reason, to: after.code });
  const isQuarantineMove = (entered && after.code === 'Quarantine') || (left && before.code === 'Quarantine');
  if (before.code !== after.code && !isQuarantineMove) changes.push({ kind: 'status', job, from: before.code, to: after.code });
  const run = after.lastRun;
  if (run && run.state === 'Failed' && run.id !== before.lastRun?.id) {
    changes.push({ kind: 'runFailed', job, ...(run.error ? { error: run.error } : {}), ...(run.endedAt ? { endedAt: run.endedAt } : {}) });
  }
  if (after.escrowed > before.escrowed) changes.push({ kind: 'errors', job, before: before.escrowed, after: after.escrowed });
  return changes;
}

/** The changes a watch with `only` posts; a deleted object is always said, since its watch ends. */
export function filterChanges(changes: readonly Change[], only: WatchFilter): Change[] {
  return changes.filter((change) => {
    if (only === 'all' || change.kind === 'deleted' || change.kind === 'jobRemoved') return true;
    if (change.kind.startsWith('sds')) return true; // `watch sds` has no filter: each of its changes needs attention
    if (only === 'quarantine') return change.kind === 'quarantineEntered' || change.kind === 'quarantineLeft';
    return change.kind === 'errors' || change.kind === 'runFailed' || (change.kind === 'status' && ERROR_STATUSES.has(change.to));
  });
}
