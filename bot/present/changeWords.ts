/** Changes and states of watched objects in words, for notification cards. */
import { formatTime } from '../../cards/render';
import { cardDateTimeWithHint } from '../present/times';
import type { ProfileSyncStatus } from '../graph/types';
import { QUARANTINE_REASONS } from './jobWords';
import { plural, STATUS_LABEL } from './profileWords';
import type { ReadinessStatus, SdsRunStatus } from '../graph/industryDataTypes';
import { localTime, READINESS_LABEL, RUN_STATUS_LABEL } from './sdsWords';
import type { Change, ErrorBrief, SdsSnapshot, Snapshot } from '../notify/model';

/** "Workday.1a2b": job ids are a template name and 32 hex digits; the start is enough to tell jobs apart. */
export function shortJob(jobId: string): string {
  const [template, rest] = [jobId.slice(0, jobId.indexOf('.')), jobId.slice(jobId.indexOf('.') + 1)];
  return template && rest.length > 8 ? `${template}.${rest.slice(0, 4)}` : jobId;
}

function statusWords(status: string): string {
  return STATUS_LABEL[status as ProfileSyncStatus] ?? status;
}

/** The object's state now, in one line. */
export function describeSnapshot(snapshot: Snapshot): string {
  if (snapshot.kind === 'profile') return `${statusWords(snapshot.status)}${snapshot.errorCount ? ` · ${plural(snapshot.errorCount, 'error')}` : ''}`;
  if (snapshot.kind === 'sds') return describeSdsSnapshot(snapshot);
  const jobs = Object.entries(snapshot.jobs);
  if (jobs.length === 0) return 'no provisioning jobs';
  return jobs.map(([id, job]) => `${shortJob(id)} ${job.quarantine ? `Quarantine (${job.quarantine.reason})` : job.code}`).join(', ');
}

/** The title of a card with one change, without the object's name. */
export function headlineOf(change: Change): string {
  const job = 'job' in change && change.job ? `${shortJob(change.job)} ` : '';
  switch (change.kind) {
    case 'status': return change.job ? `${job}${change.from} → ${change.to}` : `${statusWords(change.from)} → ${statusWords(change.to)}`;
    case 'errors': return change.job ? `${job}has ${plural(change.after - change.before, 'more failed object')}` : plural(change.after - change.before, 'new error');
    case 'quarantineEntered': return `${job}entered quarantine`;
    case 'quarantineLeft': return `${job}left quarantine`;
    case 'runFailed': return `${job}run failed`;
    case 'jobAdded': return `new job ${shortJob(change.job)}`;
    case 'jobRemoved': return `job ${shortJob(change.job)} was removed`;
    case 'deleted': return 'no longer exists';
    case 'sdsRunEnded': return `run ${RUN_STATUS_LABEL[change.status as SdsRunStatus]?.toLowerCase() ?? change.status}`;
    case 'sdsFlowReadiness': return `${change.name}: ${READINESS_LABEL[change.to as ReadinessStatus] ?? change.to}`;
    case 'sdsFlowExpiring': return `${change.name} expires soon`;
  }
}

/** What a card says about one change: one or a few lines. */
export function linesOf(change: Change, seenAt?: Date): string[] {
  const subject = 'job' in change && change.job ? `Job ${shortJob(change.job)}` : '';
  switch (change.kind) {
    case 'status':
      return [subject ? `${subject}: ${change.from} → ${change.to}` : `Status: ${statusWords(change.from)} → ${statusWords(change.to)}`];
    case 'errors':
      return [subject ? `${subject}: objects that failed to provision ${change.before} → ${change.after}` : `Errors: ${change.before} → ${change.after}`];
    case 'quarantineEntered': {
      if (!subject) return [`Entered quarantine: ${change.reason}`];
      const reason = QUARANTINE_REASONS[change.reason];
      return [
        `${subject} entered quarantine (${change.reason}): ${reason?.meaning ?? 'the provisioning service gave this reason.'}`,
        ...(change.nextAttempt ? [`Next attempt: ${seenAt ? cardDateTimeWithHint(change.nextAttempt, seenAt) : formatTime(change.nextAttempt)}`] : []),
        ...(change.error ? [`Error: ${change.error}`] : []),
        ...(reason ? [`What to do: ${reason.action}`] : []),
      ];
    }
    case 'quarantineLeft':
      return [subject ? `${subject} left quarantine (${change.reason}); now ${change.to}` : `Left quarantine; now ${statusWords(change.to)}`];
    case 'runFailed':
      return [`${subject}: the run that ended ${formatTime(change.endedAt)} failed${change.error ? `: ${change.error}` : ''}`];
    case 'jobAdded':
      return [`New job ${shortJob(change.job)} (${change.job}), ${change.code}`];
    case 'jobRemoved':
      return [`Job ${shortJob(change.job)} (${change.job}) no longer exists`];
    case 'deleted':
      return ['Graph answered twice in a row that it no longer exists.'];
    case 'sdsRunEnded':
      return [
        `The latest run ${RUN_STATUS_LABEL[change.status as SdsRunStatus]?.toLowerCase() ?? change.status}: ${plural(change.errors, 'error')}, ${plural(change.warnings, 'warning')}.`,
        ...(change.blockingError ? [`Blocking error: ${change.blockingError}`] : []),
      ];
    case 'sdsFlowReadiness':
      return [`Inbound flow ${change.name}: ${READINESS_LABEL[change.from as ReadinessStatus] ?? change.from} → ${READINESS_LABEL[change.to as ReadinessStatus] ?? change.to}. It is not in runs until fixed in the SDS portal.`];
    case 'sdsFlowExpiring':
      return [`Inbound flow ${change.name} stops running at ${localTime(change.expiresAt)}: extend its dates in the SDS portal to keep it running.`];
  }
}

/** The command of every Unwatch / Stop watching button; the tenant's one SDS has no id to name. */
export function unwatchCommand(target: { kind: string; id: string }): string {
  return target.kind === 'sds' ? 'unwatch sds' : `unwatch ${target.kind} ${target.id}`;
}

function describeSdsSnapshot(snapshot: SdsSnapshot): string {
  const run = snapshot.lastRun;
  const flows = Object.values(snapshot.flows);
  const notReady = flows.filter((flow) => flow.readiness !== 'ready').length;
  const runText = run ? `latest run ${RUN_STATUS_LABEL[run.status as SdsRunStatus]?.toLowerCase() ?? run.status} (${plural(run.errors, 'error')}, ${plural(run.warnings, 'warning')})` : 'no run yet';
  return `${runText}; ${plural(flows.length, 'inbound flow')}${notReady ? `, ${notReady} not ready` : ''}`;
}

export function errorItemOf(error: ErrorBrief): { heading: string; detail: string } {
  const who = [error.entryType, error.identifier].filter(Boolean).join(' ');
  return {
    heading: `${who || 'Entry'} · ${error.code ?? 'error'} · ${formatTime(error.at)}`,
    detail: error.message ?? '',
  };
}
