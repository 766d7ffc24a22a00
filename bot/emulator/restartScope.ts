/** The restart body and its `synchronizationJobRestartScope` flags (reference §5.5–5.6). */
import { GraphFailure } from './protocol';

export const RESTART_FLAGS = {
  None: 0,
  ConnectorDataStore: 1,
  Escrows: 2,
  Watermark: 4,
  QuarantineState: 8,
  Full: 15,
  ForceDeletes: 32,
} as const;

export type RestartFlagName = keyof typeof RESTART_FLAGS;

/** What the portal's "Restart provisioning" does; used when the body gives no scope (§5.5). */
export const DEFAULT_RESET_SCOPE = 'Watermark, Escrows, QuarantineState';

export interface ResetScope {
  names: RestartFlagName[];
  flags: number;
}

function invalid(message: string): GraphFailure {
  return new GraphFailure(400, 'invalidRequest', message);
}

function flagNamed(name: string): RestartFlagName {
  const names = Object.keys(RESTART_FLAGS) as RestartFlagName[];
  // Case-sensitive first, then case-insensitive: the service's case sensitivity is unconfirmed (§5.6).
  const found = names.find((candidate) => candidate === name) ?? names.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (!found) {
    throw invalid(`The value '${name}' is not a valid member of synchronizationJobRestartScope (${names.join(', ')}).`);
  }
  return found;
}

export function parseScopeText(text: string): ResetScope {
  const names = text.split(',').map((part) => part.trim());
  if (names.some((name) => name === '')) throw invalid(`The resetScope '${text}' has an empty member.`);
  const flagNames = names.map(flagNamed);
  return { names: flagNames, flags: flagNames.reduce((flags, name) => flags | RESTART_FLAGS[name], 0) };
}

/** A missing body, `{}`, `criteria: null`, `resetScope: null` or `""` all mean the default scope. */
export function readResetScope(body: unknown): ResetScope {
  if (body === undefined || body === null) return parseScopeText(DEFAULT_RESET_SCOPE);
  if (typeof body !== 'object' || Array.isArray(body)) throw invalid('The request body must be a JSON object with "criteria".');
  const criteria = (body as Record<string, unknown>).criteria;
  if (criteria === undefined || criteria === null) return parseScopeText(DEFAULT_RESET_SCOPE);
  if (typeof criteria !== 'object' || Array.isArray(criteria)) throw invalid('"criteria" must be a synchronizationJobRestartCriteria object.');
  const scope = (criteria as Record<string, unknown>).resetScope;
  if (scope === undefined || scope === null || (typeof scope === 'string' && scope.trim() === '')) {
    return parseScopeText(DEFAULT_RESET_SCOPE);
  }
  if (typeof scope !== 'string') throw invalid('"resetScope" must be a string of comma-separated synchronizationJobRestartScope members.');
  return parseScopeText(scope);
}
