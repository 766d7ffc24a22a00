/**
 * The `$filter` forms GET /auditLogs/provisioning documents (docs/provisioning-logs.md): one attribute per
 * clause with the operators its row allows, clauses joined by `and`. Anything else (`or`, `ne`, `ge`,
 * `startswith`, an attribute not in the table) is answered 400, as the docs give no other form.
 */
import type { ProvisioningObjectSummary } from './provisioningModel';
import { GraphFailure } from './protocol';

type Operator = 'eq' | 'contains' | 'gt' | 'lt';
type Value = string | number;

interface Attribute {
  operators: readonly Operator[];
  read: (event: ProvisioningObjectSummary) => Value;
  kind: 'text' | 'time' | 'number';
  /** "The filters are all case sensitive except for status." */
  isCaseInsensitive?: boolean;
}

const EQ_CONTAINS: readonly Operator[] = ['eq', 'contains'];
const text = (read: (e: ProvisioningObjectSummary) => string, isCaseInsensitive = false): Attribute => ({ operators: EQ_CONTAINS, read, kind: 'text', isCaseInsensitive });

/** The attribute table of the List provisioningObjectSummary page, keyed in lower case (the page writes `jobid`, `tenantid`). */
const ATTRIBUTES: Record<string, Attribute> = {
  'id': text((e) => e.id),
  'activitydatetime': { operators: ['eq', 'gt', 'lt'], read: (e) => Date.parse(e.activityDateTime), kind: 'time' },
  'tenantid': text((e) => e.tenantId),
  'jobid': text((e) => e.jobId),
  'changeid': text((e) => e.changeId),
  'cycleid': text((e) => e.cycleId),
  'provisioningaction': text((e) => e.provisioningAction),
  'durationinmilliseconds': { operators: ['eq', 'gt', 'lt'], read: (e) => e.durationInMilliseconds, kind: 'number' },
  'provisioningstatusinfo/status': text((e) => e.provisioningStatusInfo.status, true),
  'sourcesystem/displayname': text((e) => e.sourceSystem.displayName),
  'targetsystem/displayname': text((e) => e.targetSystem.displayName),
  'sourceidentity/identitytype': text((e) => e.sourceIdentity.identityType),
  'targetidentity/identitytype': text((e) => e.targetIdentity.identityType),
  'sourceidentity/id': text((e) => e.sourceIdentity.id),
  'targetidentity/id': text((e) => e.targetIdentity.id),
  'sourceidentity/displayname': text((e) => e.sourceIdentity.displayName),
  'targetidentity/displayname': text((e) => e.targetIdentity.displayName),
  'initiatedby/displayname': text((e) => e.initiatedBy.displayName),
  'serviceprincipal/id': { operators: ['eq'], read: (e) => e.servicePrincipal.id, kind: 'text' },
  'serviceprincipal/displayname': { operators: ['eq'], read: (e) => e.servicePrincipal.displayName, kind: 'text' },
};

const COMPARISON = /^([A-Za-z/]+)\s+(eq|gt|lt)\s+(?:'((?:[^']|'')*)'|(\S+))$/;
const CONTAINS = /^contains\(\s*([A-Za-z/]+)\s*,\s*'((?:[^']|'')*)'\s*\)$/i;

export type EventTest = (event: ProvisioningObjectSummary) => boolean;

/** The filter as one predicate; throws the 400 for anything the docs do not allow. */
export function parseProvisioningFilter(filter: string | undefined): EventTest {
  if (filter === undefined || filter.trim() === '') return () => true;
  const tests = splitAnd(filter).map(parseClause);
  return (event) => tests.every((test) => test(event));
}

function splitAnd(filter: string): string[] {
  // `and` outside quoted strings; an `or` anywhere outside quotes is not a documented form.
  const parts: string[] = [];
  let current = '';
  let inQuote = false;
  const words = filter.trim().split(/(\s+)/);
  for (const word of words) {
    for (const ch of word) if (ch === "'") inQuote = !inQuote;
    if (!inQuote && /^and$/i.test(word)) {
      parts.push(current.trim());
      current = '';
    } else if (!inQuote && /^or$/i.test(word)) {
      throw invalid(`'or' is not supported in this $filter.`);
    } else current += word;
  }
  parts.push(current.trim());
  if (parts.some((p) => p === '')) throw invalid('The $filter expression is incomplete.');
  return parts;
}

function parseClause(clause: string): EventTest {
  const contains = CONTAINS.exec(clause);
  if (contains) {
    const [attribute] = attributeOf(contains[1]!, 'contains');
    const wanted = unquote(contains[2]!);
    return (event) => String(normalize(attribute, attribute.read(event))).includes(String(normalize(attribute, wanted)));
  }
  const comparison = COMPARISON.exec(clause);
  if (!comparison) throw invalid(`The $filter clause '${clause}' is not supported.`);
  const [attribute, name] = attributeOf(comparison[1]!, comparison[2] as Operator);
  const wanted = valueOf(attribute, name, comparison[3], comparison[4]);
  const operator = comparison[2] as Operator;
  return (event) => {
    const actual = normalize(attribute, attribute.read(event));
    const expected = normalize(attribute, wanted);
    return operator === 'eq' ? actual === expected : operator === 'gt' ? actual > expected : actual < expected;
  };
}

function attributeOf(raw: string, operator: Operator): [Attribute, string] {
  const attribute = ATTRIBUTES[raw.toLowerCase()];
  if (!attribute) throw invalid(`Filtering on '${raw}' is not supported.`);
  if (!attribute.operators.includes(operator)) throw invalid(`The operator '${operator}' is not supported on '${raw}'.`);
  return [attribute, raw];
}

/** Text values are quoted; times are bare ISO 8601 (`2024-05-01T00:00:00Z`); numbers are bare. */
function valueOf(attribute: Attribute, name: string, quoted: string | undefined, bare: string | undefined): Value {
  if (attribute.kind === 'text') {
    if (quoted === undefined) throw invalid(`The value for '${name}' must be a quoted string.`);
    return unquote(quoted);
  }
  if (attribute.kind === 'time') {
    const at = bare === undefined ? NaN : Date.parse(bare);
    if (!/^\d{4}-\d\d-\d\dT/.test(bare ?? '') || Number.isNaN(at)) throw invalid(`'${bare ?? quoted}' is not a valid DateTimeOffset for '${name}'.`);
    return at;
  }
  const number = Number(bare);
  if (bare === undefined || !Number.isInteger(number)) throw invalid(`'${bare ?? quoted}' is not a valid Int32 for '${name}'.`);
  return number;
}

function normalize(attribute: Attribute, value: Value): Value {
  return attribute.isCaseInsensitive && typeof value === 'string' ? value.toLowerCase() : value;
}

function unquote(text: string): string {
  return text.replace(/''/g, "'");
}

// The error code Graph uses for a rejected provisioning-log filter is unconfirmed; the generic 400 code is used.
function invalid(message: string): GraphFailure {
  return new GraphFailure(400, 'BadRequest', `Invalid filter clause: ${message}`);
}
