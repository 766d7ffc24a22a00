import { clauseWordOf, type Token } from './tokenize';
import type { ParseError, When } from './types';

export type { When } from './types';

const CLOCK_TIME = /^(\d{1,2}):(\d{2})$/;
const DELAY = /^(\d{1,5})([mh])$/i;
const HAS_DIGIT = /\d/;

/** How a schedule is written, for the cards that explain a bad one. */
export const WHEN_USAGE = 'at ‹HH:MM› (24-hour, your time zone) or in ‹n›m | in ‹n›h';

/**
 * Takes a trailing `at HH:MM` or `in <n>m|<n>h` off the words of a command. It comes last, after every
 * other clause, so `restart job X scope full at 02:00` keeps its scope. A word after `at`/`in` with no
 * digit is not a time (`in Workday` stays a name), nor is a row's own clause of that name; one with digits
 * that does not read as a time is an error, since guessing would run a change at the wrong moment.
 * Whether the command may be scheduled at all (only changes may) is the caller's to say.
 */
export function splitWhen(tokens: readonly Token[], ownClauses: readonly string[] = []): { rest: Token[]; when?: When } | { error: ParseError } {
  const rest = tokens.slice(0, -2);
  const keyword = clauseWordOf(tokens[tokens.length - 2]);
  const value = tokens[tokens.length - 1];
  if ((keyword !== 'at' && keyword !== 'in') || ownClauses.includes(keyword)) return { rest: [...tokens] };
  if (!value || value.isQuoted || !HAS_DIGIT.test(value.text)) return { rest: [...tokens] };
  const when = keyword === 'at' ? readClockTime(value.text) : readDelay(value.text);
  return typeof when === 'string' ? { error: { reason: 'badTime', words: `${keyword} ${value.text}`, problem: when } } : { rest, when };
}

function readClockTime(text: string): When | string {
  const match = CLOCK_TIME.exec(text);
  if (!match) return 'write the time as 24-hour HH:MM, for example at 02:00 or at 17:30';
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return `${text} is not a time of day (00:00 to 23:59)`;
  return { kind: 'at', hour, minute };
}

function readDelay(text: string): When | string {
  const match = DELAY.exec(text);
  if (!match) return 'write the delay in minutes or hours, for example in 30m or in 2h';
  const amount = Number(match[1]);
  return match[2]!.toLowerCase() === 'h' ? { kind: 'in', minutes: amount * 60, unit: 'h' } : { kind: 'in', minutes: amount };
}
