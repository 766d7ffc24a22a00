/**
 * A moment as each reader sees it, in their own time zone and format: the Adaptive Cards DATE()/TIME()
 * functions, which Teams evaluates on the reader's device. They work in TextBlock text only, want strict
 * RFC 3339 without fractions of a second, and show the raw text when that rule is broken
 * (https://learn.microsoft.com/en-us/adaptive-cards/authoring-cards/text-features).
 */
export function readersTime(iso: string): string {
  const stamp = `${new Date(iso).toISOString().slice(0, 19)}Z`;
  return `{{DATE(${stamp}, SHORT)}} {{TIME(${stamp})}}`;
}

/** "7 minutes late": how a scheduled run that started after its time says so. */
export function lateness(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? '' : 's'} late`;
}
