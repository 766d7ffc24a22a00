import { cardDateTime } from './times';

/**
 * A moment as each reader sees it, in their own time zone and format: the Adaptive Cards DATE()/TIME()
 * functions, which Teams evaluates on the reader's device. They work in TextBlock text only, and want the
 * strict form `graphTime` writes (https://learn.microsoft.com/en-us/adaptive-cards/authoring-cards/text-features).
 */
export function readersTime(iso: string): string {
  return cardDateTime(iso);
}

/** "7 minutes late": how a scheduled run that started after its time says so. */
export function lateness(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? '' : 's'} late`;
}
