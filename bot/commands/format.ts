import { DEFAULT_SINCE_HOURS, GRAMMAR, type GrammarRow, type Parsed } from './grammar';
import type { Command, RestartScope, Target } from './types';

/**
 * Writes a command back as the text `parseCommand` reads, from the same grammar rows, so every button and
 * suggestion runs exactly the command it shows and a renamed verb cannot break one. A name is always quoted
 * and an id is written bare; names with a quote character in them cannot be written (the grammar has no
 * escape), so buttons name objects by id.
 */
export function formatCommand(command: Command): string {
  const row = GRAMMAR.find((r) => r.kind === command.kind);
  if (!row) throw new Error(`no grammar row for ${command.kind}`);
  const fields = fieldsOf(row);
  const values = command as unknown as Record<string, unknown>;
  const words = [row.verb, ...(row.noun ? [row.noun] : [])];
  const subject = fields.subject ? values[fields.subject] : undefined;
  if (subject !== undefined) words.push(subjectText(row, subject));
  for (const clause of row.clauses ?? []) {
    const text = clauseText(clause, values[fields[clause] ?? clause]);
    if (text) words.push(text);
  }
  return words.join(' ');
}

function subjectText(row: GrammarRow, value: unknown): string {
  switch (row.subject.kind) {
    case 'target':
      return targetText(value as Target);
    case 'query':
      return quote(String(value));
    default:
      return String(value);
  }
}

function clauseText(clause: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  switch (clause) {
    case 'for':
      return `for ${targetText(value as Target)}`;
    case 'scope':
      return scopeText(value as RestartScope);
    case 'only':
      return value === 'all' ? undefined : `only ${String(value)}`;
    case 'page':
      return `page ${String(value)}`;
    case 'in':
      return `in ${targetText(value as Target)}`;
    case 'since':
      return sinceText(value as number);
    default:
      throw new Error(`formatCommand cannot write the ${clause} clause`);
  }
}

/** Whole days as days (`3d`), anything else in hours; the default (24 h) is left out. */
function sinceText(hours: number): string | undefined {
  if (hours === DEFAULT_SINCE_HOURS) return undefined;
  return hours % 24 === 0 ? `since ${hours / 24}d` : `since ${hours}h`;
}

function scopeText(scope: RestartScope): string | undefined {
  if (scope.kind === 'default') return undefined;
  return scope.kind === 'full' ? 'scope full' : `scope ${scope.flags.join(', ')}`;
}

function targetText(target: Target): string {
  return target.by === 'id' ? target.value : quote(target.value);
}

function quote(text: string): string {
  if (/["\u201c-\u201f]/.test(text)) throw new Error('a name with a quote character cannot be written as a command');
  return `"${text}"`;
}

/**
 * Which Command field each part of a row fills, read off the row's own `build` with marked values, so the
 * writer needs no second table that could drift from the parser's.
 */
const FIELDS = new Map<GrammarRow, Partial<Record<string, string>>>();

function fieldsOf(row: GrammarRow): Partial<Record<string, string>> {
  const known = FIELDS.get(row);
  if (known) return known;
  const marks: Record<string, unknown> = {
    subject: row.subject.kind === 'target' ? { by: 'name', value: '\u0000subject' }
      : row.subject.kind === 'count' ? -1 : '\u0000subject',
    for: { by: 'name', value: '\u0000for' },
    scope: { kind: 'flags', flags: ['\u0000scope'] },
    only: '\u0000only',
    page: '\u0000page',
    since: -2,
  };
  const probe = {
    target: marks.subject, query: marks.subject, jobId: marks.subject, word: marks.subject, count: marks.subject,
    app: marks.for, scope: marks.scope, only: marks.only, page: marks.page,
    identity: marks.subject, sinceHours: marks.since,
  } as unknown as Parsed;
  const built = row.build(probe) as unknown as Record<string, unknown>;
  const fields: Partial<Record<string, string>> = {};
  for (const [field, value] of Object.entries(built)) {
    const part = Object.entries(marks).find(([, mark]) => mark === value)?.[0];
    if (part) fields[part] = field;
  }
  // `in <app>` fills the same field as `for <app>` (`why … in <app>`).
  if (row.clauses?.includes('in') && fields.for) fields.in = fields.for;
  FIELDS.set(row, fields);
  return fields;
}
