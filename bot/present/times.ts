/**
 * Times on cards. Teams renders `{{DATE(…)}}` and `{{TIME(…)}}` in TextBlocks (and FactSet values,
 * which the renderer draws as TextBlocks) in each reader's own time zone and locale, so no card says
 * a time in UTC only. The functions accept only RFC 3339 without fractional seconds: anything else
 * is shown to the reader as the raw macro (https://learn.microsoft.com/en-us/adaptive-cards/authoring-cards/text-features,
 * "Date/Time function rules"; the renderer's pattern is `\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|±hh:mm)`).
 */

/** "2026-03-14T10:02:07Z", or undefined for a missing or unreadable time. */
export function rfc3339(iso: string | undefined | null): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : `${date.toISOString().slice(0, 19)}Z`;
}

/** Date and time in the reader's zone: "Sat, Mar 14, 2026 10:02 AM" in an en-US client. */
export function cardDateTime(iso: string | undefined | null): string {
  const at = rfc3339(iso);
  if (!at) return iso || '—';
  return `{{DATE(${at}, SHORT)}} {{TIME(${at})}}`;
}

/** The time of day only, for what happened minutes ago ("Paused by Ada at 10:02 AM"). */
export function cardClock(iso: string | undefined | null): string {
  const at = rfc3339(iso);
  return at ? `{{TIME(${at})}}` : 'an unknown time';
}

/** "in 11 h", "5 min ago", "now": how far a time is from when the card was made, for times that matter soon. */
export function relativeHint(iso: string | undefined | null, now: Date): string {
  const at = rfc3339(iso);
  if (!at) return '';
  const minutes = Math.round((new Date(at).getTime() - now.getTime()) / 60_000);
  const size = Math.abs(minutes);
  if (size < 1) return 'now';
  const amount = size < 60 ? `${size} min` : size < 48 * 60 ? `${Math.round(size / 60)} h` : `${Math.round(size / 1440)} days`;
  return minutes > 0 ? `in ${amount}` : `${amount} ago`;
}

/** A date and time with the hint after it: "{{DATE…}} {{TIME…}} (in 11 h)". */
export function cardDateTimeWithHint(iso: string | undefined | null, now: Date): string {
  const hint = relativeHint(iso, now);
  return hint ? `${cardDateTime(iso)} (${hint})` : cardDateTime(iso);
}
