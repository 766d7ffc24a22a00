import type { When } from '../commands/when';
import type { ActionSchedule } from './storedAction';

/** A change may be scheduled at most this far ahead: further out, the state it was proposed on is stale. */
export const MAX_SCHEDULE_DAYS = 7;

export type ResolvedSchedule = { ok: true; schedule: ActionSchedule } | { ok: false; reason: string };

/**
 * The moment a typed `at HH:MM` / `in <n>m|<n>h` means. `at` is the next such time on the admin's own
 * clock: Teams sends the sender's IANA zone as the activity's `localTimezone` (teams-bot.md); without a
 * usable one, UTC, and the card says so. `in` counts from now.
 */
export function resolveSchedule(when: When, now: Date, timeZone: string | undefined): ResolvedSchedule {
  const zone = timeZone && isKnownZone(timeZone) ? timeZone : 'UTC';
  const typed = when.kind === 'at' ? `at ${pad(when.hour)}:${pad(when.minute)}` : when.unit === 'h' ? `in ${when.minutes / 60}h` : `in ${when.minutes}m`;
  let runAt: number;
  if (when.kind === 'in') {
    if (when.minutes < 1) return { ok: false, reason: `"${typed}" is not in the future: schedule at least 1 minute ahead.` };
    runAt = now.getTime() + when.minutes * 60_000;
  } else {
    runAt = nextWallClock(now, when.hour, when.minute, zone);
  }
  if (runAt - now.getTime() > MAX_SCHEDULE_DAYS * 24 * 60 * 60_000)
    return { ok: false, reason: `"${typed}" is more than ${MAX_SCHEDULE_DAYS} days ahead; schedule changes at most ${MAX_SCHEDULE_DAYS} days out.` };
  return { ok: true, schedule: { runAt: new Date(runAt).toISOString(), timeZone: zone, typed } };
}

/** Today's hour:minute in `zone`, or tomorrow's when that has passed (or is this very minute). */
function nextWallClock(now: Date, hour: number, minute: number, zone: string): number {
  const local = partsIn(now.getTime(), zone);
  const today = instantOf(local.year, local.month, local.day, hour, minute, zone);
  // Tomorrow's comes after tomorrow's midnight, so it is always in the future, DST jumps included.
  return today > now.getTime() ? today : instantOf(local.year, local.month, local.day + 1, hour, minute, zone);
}

/**
 * The UTC instant of a wall-clock time in `zone`. Around a DST change the two offsets differ: a time that
 * exists twice (autumn) takes the first; a time skipped by the spring jump moves forward by the jump.
 */
function instantOf(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const first = asUtc - offsetOf(asUtc, zone);
  const candidates = [first, asUtc - offsetOf(first, zone)];
  const exact = candidates.filter((at) => partsIn(at, zone).hour === hour && partsIn(at, zone).minute === minute);
  return exact.length ? Math.min(...exact) : Math.max(...candidates);
}

/** How far `zone` is ahead of UTC at `instant`, in milliseconds. */
function offsetOf(instant: number, zone: string): number {
  const p = partsIn(instant, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

function partsIn(instant: number, zone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false; // not an IANA zone Node knows: the caller uses UTC and says so
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
