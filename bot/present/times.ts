/** Times on cards: the markup lives in cards/time.ts (why: there); here, the hints a presenter adds. */
export { cardClock, cardDateTime, rfc3339 } from '../../cards/time';
import { cardDateTime, rfc3339 } from '../../cards/time';

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
