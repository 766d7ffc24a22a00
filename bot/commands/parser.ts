import { truncate } from '../truncate';
import { readArguments } from './arguments';
import { DEFAULT_SINCE_HOURS, GRAMMAR, type GrammarRow, type Parsed } from './grammar';
import { suggestCommands } from './suggest';
import { keywordOf, tokenize, type Token } from './tokenize';
import type { ParseError, ParseResult } from './types';
import { splitWhen } from './when';

// Real commands are under 200 characters; refusing long texts up front keeps every step cheap
// and keeps a pasted document out of the reply.
export const MAX_TEXT_LENGTH = 2000;
const PREVIEW_LENGTH = 40;

/**
 * Reads a chat message as a command. Never throws: any input, including a non-string from an
 * untrusted payload (read as empty), yields a command or a typed reason.
 */
export function parseCommand(text: unknown): ParseResult {
  const input = typeof text === 'string' ? text : '';
  if (input.length > MAX_TEXT_LENGTH) {
    return fail({ reason: 'tooLong', length: input.length, max: MAX_TEXT_LENGTH, preview: truncate(input, PREVIEW_LENGTH + 1) });
  }
  const { tokens, isUnbalanced } = tokenize(input);
  if (isUnbalanced) {
    const found = tokens.length > 0 ? findRow(tokens) : undefined;
    return fail(found && 'row' in found ? { reason: 'unbalancedQuote', usage: found.row.usage } : { reason: 'unbalancedQuote' });
  }
  if (tokens.length === 0) return fail({ reason: 'empty' });
  const found = findRow(tokens);
  if ('error' in found) return fail(found.error);
  const split = splitWhen(found.rest, found.row.clauses);
  if ('error' in split) return fail(split.error);
  const parsed = initialParsed(found.row);
  const error = readArguments(found.row, split.rest, parsed);
  if (error) return fail(error);
  return { ok: true, command: found.row.build(parsed), ...(split.when ? { when: split.when } : {}) };
}

/** The row named by the verb, and by the noun when the verb has several. */
function findRow(tokens: Token[]): { row: GrammarRow; rest: Token[] } | { error: ParseError } {
  const [first, second] = tokens;
  const verb = keywordOf(first) ?? '';
  const rows = GRAMMAR.filter((row) => row.verb === verb);
  if (rows.length === 0) {
    const word = first?.text ?? '';
    const suggestions = suggestCommands(word);
    return { error: { reason: 'unknownVerb', word, suggestions, corrections: correctionsOf(first, tokens.slice(1), suggestions) } };
  }
  const nounless = rows.find((row) => row.noun === undefined);
  if (nounless) return { row: nounless, rest: tokens.slice(1) };
  // A noun may be two words (`start sds run`); each must be typed unquoted, as keywords are.
  const row = rows.find((r) => nounWords(r).every((word, i) => !tokens[1 + i]?.isQuoted && keywordOf(tokens[1 + i]) === word));
  if (!row) return { error: { reason: 'unknownNoun', verb, word: second?.text ?? null, usages: rows.map((r) => r.usage) } };
  return { row, rest: tokens.slice(1 + nounWords(row).length) };
}

function nounWords(row: GrammarRow): string[] {
  return (row.noun ?? '').split(' ');
}

/** "pase profile X" → "pause profile X": each suggested verb with the rest of the text as typed. */
function correctionsOf(first: Token | undefined, rest: Token[], suggestions: string[]): string[] {
  if (!first || first.isQuoted) return [];
  const tail = rest.map((t) => (t.isQuoted ? `"${t.text}"` : t.text)).join(' ');
  return [...new Set(suggestions.map((usage) => `${usage.split(' ')[0]}${tail ? ` ${tail}` : ''}`))];
}

// Neutral values for what a row does not read; the row's subject and clauses overwrite the rest.
function initialParsed(row: GrammarRow): Parsed {
  return {
    target: { by: 'name', value: '' },
    query: '',
    jobId: '',
    word: '',
    count: row.subject.kind === 'count' ? row.subject.fallback : 0,
    scope: { kind: 'default' },
    only: 'all',
    identity: '',
    sinceHours: DEFAULT_SINCE_HOURS,
  };
}

function fail(error: ParseError): ParseResult {
  return { ok: false, error };
}
