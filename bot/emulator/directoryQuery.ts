/** The directory query options the emulator understands on /servicePrincipals: $filter, $search, $select (§4.1). */
import type { ServicePrincipal } from './model';
import { GraphFailure } from './protocol';

type Predicate = (sp: ServicePrincipal) => boolean;

const SELECTABLE = new Set<string>([
  'id', 'appId', 'displayName', 'appDisplayName', 'accountEnabled', 'servicePrincipalType', 'tags',
  'appOwnerOrganizationId', 'applicationTemplateId', 'preferredSingleSignOnMode', 'description', 'notes',
] satisfies (keyof ServicePrincipal)[]);

const FILTERABLE = new Set(['id', 'appId', 'displayName', 'appDisplayName', 'servicePrincipalType', 'accountEnabled']);
const UNSUPPORTED_OPERATORS = new Set(['ne', 'gt', 'ge', 'lt', 'le', 'in', 'not', 'endswith', 'contains', 'any']);
// Tokenised search covers displayName and description only; other properties behave like startswith (§4.1).
const TOKENISED = new Set(['displayName', 'description']);

function badFilter(detail: string): GraphFailure {
  return new GraphFailure(400, 'Request_BadRequest', `Invalid filter clause: ${detail}`);
}

function unsupported(): GraphFailure {
  return new GraphFailure(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
}

function textOf(sp: ServicePrincipal, property: string): string {
  const value = (sp as unknown as Record<string, unknown>)[property];
  return value === null || value === undefined ? '' : String(value);
}

class FilterParser {
  private position = 0;
  private readonly tokens: string[];

  constructor(text: string) {
    this.tokens = text.match(/'(?:[^']|'')*'|[(),]|[^\s(),']+/g) ?? [];
  }

  parse(): Predicate {
    const predicate = this.or();
    if (this.position < this.tokens.length) throw badFilter(`unexpected '${this.tokens[this.position]}'.`);
    return predicate;
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private next(): string {
    const token = this.tokens[this.position++];
    if (token === undefined) throw badFilter('the expression ended too early.');
    return token;
  }

  private expect(token: string): void {
    if (this.next() !== token) throw badFilter(`expected '${token}'.`);
  }

  private or(): Predicate {
    const alternatives = [this.and()];
    while (this.peek()?.toLowerCase() === 'or') {
      this.next();
      alternatives.push(this.and());
    }
    return (sp) => alternatives.some((matches) => matches(sp));
  }

  private and(): Predicate {
    const all = [this.primary()];
    while (this.peek()?.toLowerCase() === 'and') {
      this.next();
      all.push(this.primary());
    }
    return (sp) => all.every((matches) => matches(sp));
  }

  private primary(): Predicate {
    const token = this.peek();
    if (token === '(') {
      this.next();
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (token?.toLowerCase() === 'startswith') return this.startsWith();
    const name = this.property();
    const operator = this.next().toLowerCase();
    if (UNSUPPORTED_OPERATORS.has(operator)) throw unsupported();
    if (operator !== 'eq') throw badFilter(`unknown operator '${operator}'.`);
    const value = this.literal().toLowerCase();
    return (sp) => textOf(sp, name).toLowerCase() === value;
  }

  private startsWith(): Predicate {
    this.next();
    this.expect('(');
    const name = this.property();
    this.expect(',');
    const prefix = this.literal().toLowerCase();
    this.expect(')');
    return (sp) => textOf(sp, name).toLowerCase().startsWith(prefix);
  }

  private property(): string {
    const name = this.next();
    if (!FILTERABLE.has(name)) {
      throw new GraphFailure(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${name}' of resource 'ServicePrincipal'.`);
    }
    return name;
  }

  private literal(): string {
    const token = this.next();
    if (/^'.*'$/s.test(token)) return token.slice(1, -1).replace(/''/g, "'");
    if (token === 'true' || token === 'false') return token;
    throw badFilter(`'${token}' is not a literal.`);
  }
}

/** `prop eq 'v'`, `startswith(prop,'v')`, `accountEnabled eq true`, joined by and/or, with parentheses. */
export function parseFilter(text: string): Predicate {
  return new FilterParser(text).parse();
}

/** Splits on spaces, symbols, lower→upper case changes and letter/digit changes, lower-cased. */
export function searchTokens(text: string): string[] {
  return text
    .replace(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/gu, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((token) => token.toLowerCase());
}

function clauseMatcher(clause: string): Predicate {
  const colon = clause.indexOf(':');
  if (colon <= 0) throw new GraphFailure(400, 'Request_BadRequest', `Syntax error: the $search clause "${clause}" must have the form "property:value".`);
  const name = clause.slice(0, colon).trim();
  const text = clause.slice(colon + 1).trim();
  if (!TOKENISED.has(name) && !FILTERABLE.has(name)) {
    throw new GraphFailure(400, 'Request_BadRequest', `Unrecognized property '${name}' in $search.`);
  }
  if (!TOKENISED.has(name)) return (sp) => textOf(sp, name).toLowerCase().startsWith(text.toLowerCase());
  const wanted = searchTokens(text);
  return (sp) => {
    const have = searchTokens(textOf(sp, name));
    return wanted.every((token) => have.some((candidate) => candidate.startsWith(token)));
  };
}

/** `"displayName:work"` clauses joined by AND / OR (upper case, outside the quotes); AND binds tighter. */
export function parseSearch(text: string): Predicate {
  const parts = text.trim().match(/"[^"]*"|\S+/g) ?? [];
  const groups: Predicate[][] = [[]];
  let expectClause = true;
  for (const part of parts) {
    if (expectClause) {
      if (!/^".*"$/.test(part)) throw new GraphFailure(400, 'Request_BadRequest', `Syntax error: $search clauses must be in double quotes, got ${part}.`);
      groups[groups.length - 1].push(clauseMatcher(part.slice(1, -1)));
    } else if (part === 'OR') {
      groups.push([]);
    } else if (part !== 'AND') {
      throw new GraphFailure(400, 'Request_BadRequest', `Syntax error: expected AND or OR in $search, got ${part}.`);
    }
    expectClause = !expectClause;
  }
  if (expectClause) throw new GraphFailure(400, 'Request_BadRequest', 'Syntax error: the $search expression is incomplete.');
  return (sp) => groups.some((group) => group.every((matches) => matches(sp)));
}

/** Keeps only the selected properties; an unknown name is a 400 as in Graph. */
export function parseSelect(text: string | undefined): string[] | null {
  if (text === undefined) return null;
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.find((name) => !SELECTABLE.has(name));
  if (unknown) throw new GraphFailure(400, 'Request_BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.servicePrincipal'.`);
  return names;
}

export function project(sp: ServicePrincipal, names: string[] | null): Record<string, unknown> {
  if (names === null) return { ...sp };
  return Object.fromEntries(names.map((name) => [name, (sp as unknown as Record<string, unknown>)[name]]));
}
