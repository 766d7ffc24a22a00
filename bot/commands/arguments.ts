import { MAX_SINCE_HOURS, type Clause, type GrammarRow, type Parsed } from './grammar';
import { clauseWordOf, type Token } from './tokenize';
import { GUID } from '../domain/guid';
import { RESTART_FLAGS, WATCH_FILTERS, type ParseError, type RestartScope, type Target } from './types';

/** Tokens not consumed yet, or why the arguments are wrong. */
type Step = { rest: Token[] } | { error: ParseError };

const DIGITS = /^[0-9]{1,9}$/;
/** The stored cursor ids the More button writes (operations/profiles.ts). */
const CURSOR = /^[A-Za-z0-9_-]{8,64}$/;

// Argument names for `missingArgument`, named after the placeholders of the usage lines.
const ARGUMENT = {
  target: 'name|id', query: 'name', jobId: 'jobId', for: 'app', scope: 'flags|full', only: 'errors|quarantine', page: 'page',
  identity: 'user upn|object id', since: '<n>h|<n>d', in: 'app',
};
const DURATION = /^([0-9]{1,4})([hd])$/i;

/** Reads what follows the verb and noun into `parsed`; every word is either used or named in an error. */
export function readArguments(row: GrammarRow, tokens: Token[], parsed: Parsed): ParseError | undefined {
  const step = readSubject(row, tokens, parsed);
  if ('error' in step) return step.error;
  const error = readClauses(row, step.rest, parsed);
  if (error) return error;
  if (row.required?.includes('for') && !parsed.app) return { reason: 'missingArgument', usage: row.usage, argument: ARGUMENT.for };
  return undefined;
}

/** Graph ids are GUIDs in any case; lower-casing them lets two spellings of one id compare equal. */
export function toTarget(text: string): Target {
  return GUID.test(text) ? { by: 'id', value: text.toLowerCase() } : { by: 'name', value: text };
}

function readSubject(row: GrammarRow, tokens: Token[], parsed: Parsed): Step {
  const subject = row.subject;
  switch (subject.kind) {
    case 'none':
      return { rest: tokens };
    case 'count': {
      const word = tokens[0];
      if (word === undefined) return { rest: tokens };
      const count = DIGITS.test(word.text) ? Number(word.text) : NaN;
      if (!(count >= subject.min && count <= subject.max)) {
        return { error: { reason: 'badNumber', word: word.text, usage: row.usage, min: subject.min, max: subject.max } };
      }
      parsed.count = count;
      return { rest: tokens.slice(1) };
    }
    case 'jobId':
    case 'identity': {
      const word = tokens[0];
      if (word === undefined || isClauseStart(row.clauses ?? [], word)) return missing(row, ARGUMENT[subject.kind]);
      if (subject.kind === 'jobId') parsed.jobId = word.text;
      else parsed.identity = word.text;
      return { rest: tokens.slice(1) };
    }
    case 'word': {
      const word = tokens[0];
      if (word === undefined) return missing(row, subject.argument);
      parsed.word = word.text;
      return { rest: tokens.slice(1) };
    }
    case 'query':
    case 'target': {
      const name = takeName(tokens, row.clauses ?? []);
      if (name.text === '') return missing(row, ARGUMENT[subject.kind]);
      if (subject.kind === 'query') parsed.query = name.text;
      else parsed.target = toTarget(name.text);
      return { rest: name.rest };
    }
  }
}

/** Clauses may each appear once, in the row's order; anything else is named as unexpected. */
function readClauses(row: GrammarRow, tokens: Token[], parsed: Parsed): ParseError | undefined {
  const clauses = row.clauses ?? [];
  let rest = tokens;
  let next = 0;
  while (rest.length > 0) {
    const word = clauseWordOf(rest[0]);
    const at = clauses.findIndex((clause, i) => i >= next && clause === word);
    if (at < 0) return { reason: 'unexpectedWords', words: rest.map((t) => t.text), usage: row.usage };
    const step = readClause(row, clauses[at], rest.slice(1), clauses.slice(at + 1), parsed);
    if ('error' in step) return step.error;
    rest = step.rest;
    next = at + 1;
  }
  return undefined;
}

function readClause(row: GrammarRow, clause: Clause, tokens: Token[], later: readonly Clause[], parsed: Parsed): Step {
  switch (clause) {
    case 'for':
    case 'in': {
      const name = takeName(tokens, later);
      if (name.text === '') return missing(row, ARGUMENT[clause]);
      parsed.app = toTarget(name.text);
      return { rest: name.rest };
    }
    case 'since': {
      const word = tokens[0];
      if (word === undefined) return missing(row, ARGUMENT.since);
      const match = DURATION.exec(word.text);
      const hours = match ? Number(match[1]) * (match[2]!.toLowerCase() === 'd' ? 24 : 1) : NaN;
      if (!(hours >= 1 && hours <= MAX_SINCE_HOURS)) return { error: { reason: 'badDuration', word: word.text, usage: row.usage, maxHours: MAX_SINCE_HOURS } };
      parsed.sinceHours = hours;
      return { rest: tokens.slice(1) };
    }
    case 'scope': {
      const scope = readScope(tokens);
      if ('error' in scope) return scope.error === 'missing' ? missing(row, ARGUMENT.scope) : { error: scope.error };
      parsed.scope = scope.scope;
      return { rest: [] };
    }
    case 'only': {
      const word = tokens[0];
      if (word === undefined) return missing(row, ARGUMENT.only);
      const filter = WATCH_FILTERS.find((f) => f === word.text.toLowerCase());
      if (filter === undefined) return { error: { reason: 'unexpectedWords', words: tokens.map((t) => t.text), usage: row.usage } };
      parsed.only = filter;
      return { rest: tokens.slice(1) };
    }
    case 'page': {
      const word = tokens[0];
      if (word === undefined) return missing(row, ARGUMENT.page);
      if (!CURSOR.test(word.text)) return { error: { reason: 'unexpectedWords', words: tokens.map((t) => t.text), usage: row.usage } };
      parsed.page = word.text;
      return { rest: tokens.slice(1) };
    }
  }
}

/**
 * A name is one quoted word, or the words up to the LAST clause keyword that may follow it:
 * clauses come at the end, so `for Scope Manager scope full` still finds the app "Scope Manager".
 * A name that itself ends in such a keyword phrase must be quoted.
 */
function takeName(tokens: Token[], stops: readonly Clause[]): { text: string; rest: Token[] } {
  const first = tokens[0];
  if (first?.isQuoted) return { text: first.text, rest: tokens.slice(1) };
  let end = tokens.length;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (isClauseStart(stops, tokens[i])) {
      end = i;
      break;
    }
  }
  return { text: tokens.slice(0, end).map((t) => t.text).join(' '), rest: tokens.slice(end) };
}

/** `full` alone, or flags separated by commas and/or spaces, matched case-insensitively. */
function readScope(tokens: Token[]): { scope: RestartScope } | { error: ParseError | 'missing' } {
  const words = tokens.flatMap((t) => t.text.split(/[\s,]+/)).filter((w) => w !== '');
  if (words.length === 0) return { error: 'missing' };
  if (words.every((w) => w.toLowerCase() === 'full')) return { scope: { kind: 'full' } };
  const unknown = words.filter((w) => !RESTART_FLAGS.some((f) => f.toLowerCase() === w.toLowerCase()));
  if (unknown.length > 0) return { error: { reason: 'badScope', words: unknown, valid: [...RESTART_FLAGS] } };
  // Canonical order, so the same scope typed two ways is one command (and one audit text).
  const flags = RESTART_FLAGS.filter((f) => words.some((w) => w.toLowerCase() === f.toLowerCase()));
  return { scope: { kind: 'flags', flags } };
}

function isClauseStart(clauses: readonly Clause[], token: Token): boolean {
  const word = clauseWordOf(token);
  return clauses.some((clause) => clause === word);
}

function missing(row: GrammarRow, argument: string): Step {
  return { error: { reason: 'missingArgument', usage: row.usage, argument } };
}
