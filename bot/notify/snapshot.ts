/** Graph answers reduced to what a change notification is about (the rest would make every read a "change"). */
import type { Job, ProfileError, ProfileStatus } from '../graph/types';
import { truncate } from '../truncate';
import type { AppSnapshot, ErrorBrief, JobSnapshot, ProfileSnapshot } from './model';

const MESSAGE_LENGTH = 300;

export function profileSnapshot(status: ProfileStatus): ProfileSnapshot {
  return {
    kind: 'profile',
    status: status.status,
    errorCount: status.errorCount ?? 0,
    ...(status.statusMessage ? { message: clip(status.statusMessage) } : {}),
  };
}

export function appSnapshot(jobs: readonly Job[]): AppSnapshot {
  return { kind: 'app', jobs: Object.fromEntries(jobs.map((job) => [job.id, jobSnapshot(job)])) };
}

function jobSnapshot(job: Job): JobSnapshot {
  const status = job.status ?? {};
  const quarantine = status.quarantine ?? undefined;
  const run = status.lastExecution ?? undefined;
  return {
    code: String(status.code ?? 'Unknown'),
    escrowed: Number(run?.countEscrowed ?? 0),
    ...(quarantine ? {
      quarantine: {
        reason: String(quarantine.reason ?? 'Unknown'),
        ...optional('nextAttempt', quarantine.nextAttempt),
        ...optional('error', errorText(quarantine.error)),
      },
    } : {}),
    ...(run ? {
      lastRun: {
        id: run.activityIdentifier ?? run.timeBegan ?? '',
        state: String(run.state ?? 'Unknown'),
        ...optional('endedAt', run.timeEnded),
        ...optional('error', errorText(run.error)),
      },
    } : {}),
  };
}

/** The newest few errors of a page, newest first (SDS does not document the order it lists them in). */
export function newestErrors(errors: readonly ProfileError[], count: number): ErrorBrief[] {
  return [...errors]
    .sort((a, b) => (b.recordedDateTime ?? '').localeCompare(a.recordedDateTime ?? ''))
    .slice(0, count)
    .map((error) => ({
      ...optional('entryType', error.entryType),
      ...optional('code', error.errorCode),
      ...optional('message', error.errorMessage && clip(error.errorMessage)),
      ...optional('identifier', error.reportableIdentifier ?? error.joiningValue),
      ...optional('at', error.recordedDateTime),
    }));
}

function errorText(error: { code?: string | null; message?: string | null } | null | undefined): string | undefined {
  if (!error) return undefined;
  const text = [error.code, error.message].filter(Boolean).join(': ');
  return text ? clip(text) : undefined;
}

function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function clip(text: string): string {
  return truncate(text, MESSAGE_LENGTH);
}
