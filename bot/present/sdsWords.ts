/** How the new SDS's states read, stated once for every card and notification. */
import type { NoticeTone } from '../../cards/notice';
import type { InboundFlow, ReadinessStatus, SdsActivityStatus, SdsRun, SdsRunStatus } from '../graph/industryDataTypes';
import { readersTime } from './time';
import { styleOf } from './health';

export const RUN_STATUS_LABEL: Record<SdsRunStatus, string> = {
  running: 'Running', failed: 'Failed', completed: 'Completed', completedWithErrors: 'Completed with errors',
  completedWithWarnings: 'Completed with warnings', unknownFutureValue: 'Unknown status',
};

export const ACTIVITY_STATUS_LABEL: Record<SdsActivityStatus, string> = {
  inProgress: 'In progress', skipped: 'Skipped', failed: 'Failed', completed: 'Completed', completedWithErrors: 'Completed with errors',
  completedWithWarnings: 'Completed with warnings', unknownFutureValue: 'Unknown status',
};

export const READINESS_LABEL: Record<ReadinessStatus, string> = {
  notReady: 'Not ready', ready: 'Ready', failed: 'Failed', disabled: 'Disabled', expired: 'Expired', unknownFutureValue: 'Unknown',
};

/** "failed" is documented as "run canceled by the system": the one status that did nothing. */
export function runTone(status: SdsRunStatus | SdsActivityStatus): NoticeTone {
  if (status === 'failed') return 'attention';
  if (status === 'completedWithErrors') return 'attention';
  if (status === 'completedWithWarnings') return 'warning';
  return status === 'completed' ? 'good' : 'info';
}

/** Text colour of a tone, from the one health rule: a warning is never pale-yellow text (bot/present/health.ts). */
export const TONE_COLOR: Record<NoticeTone, string> = { info: 'Default', good: 'Good', warning: styleOf('warning').color, attention: 'Attention' };

/** An instant in each reader's own zone (readersTime: TextBlock text only, never a fact), or a dash when Graph gave none. */
export function localTime(iso: string | undefined): string {
  return iso && !Number.isNaN(Date.parse(iso)) ? readersTime(iso) : '—';
}

/** "14 min", "2 h 05 min". */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "Running for 14 min" or "Completed with errors after 51 min". */
export function describeRunNow(run: SdsRun, now: Date): string {
  const started = Date.parse(run.startDateTime ?? '');
  if (run.status === 'running') return Number.isNaN(started) ? 'Running' : `Running for ${duration(now.getTime() - started)}`;
  const ended = Date.parse(run.endDateTime ?? '');
  const took = Number.isNaN(started) || Number.isNaN(ended) ? '' : ` after ${duration(ended - started)}`;
  return `${RUN_STATUS_LABEL[run.status]}${took}`;
}

/** "Started … · ended … · took 51 min", or "Started … · running for 14 min", times in the reader's own zone. */
export function describeRunTimes(run: SdsRun, now: Date): string {
  const started = `Started ${localTime(run.startDateTime)}`;
  if (run.status === 'running' || !run.endDateTime) return `${started} · ${describeRunNow(run, now).toLowerCase()}`;
  const took = Date.parse(run.endDateTime) - Date.parse(run.startDateTime ?? '');
  return `${started} · ended ${localTime(run.endDateTime)}${Number.isNaN(took) ? '' : ` · took ${duration(took)}`}`;
}

/** Days until an inbound flow stops running; a warning within 14 days (the watch uses the same bound). */
export const EXPIRY_WARNING_DAYS = 14;

export function expiryWarning(flow: InboundFlow, now: Date): string | undefined {
  const ends = Date.parse(flow.expirationDateTime ?? '');
  if (Number.isNaN(ends)) return undefined;
  const days = Math.ceil((ends - now.getTime()) / 86_400_000);
  if (days < 0) return 'Expired: this flow no longer runs. Extend it in the SDS portal.';
  return days <= EXPIRY_WARNING_DAYS ? `Expires in ${days} day${days === 1 ? '' : 's'}: extend it in the SDS portal or it stops running.` : undefined;
}

/** "12 → 40" when the previous run had a different count, else "40". */
export function compared(now: number, before: number | undefined): string {
  return before === undefined || before === now ? String(now) : `${before} → ${now}`;
}
