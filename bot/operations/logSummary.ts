/** A job's provisioning events, summed up the way an identity admin reads them: outcomes, actions, errors, who failed. */
import { isEntraDirectory } from '../graph/entraDirectory';
import type { ProvisioningEvent, ProvisioningResult } from '../graph/provisioningTypes';

/** The outcomes and actions always shown, even at zero, so "0 failures" is said rather than left out. */
export const OUTCOMES: readonly ProvisioningResult[] = ['success', 'failure', 'skipped', 'warning'];
export const ACTIONS = ['create', 'update', 'delete', 'disable'] as const;

export interface TopError {
  errorCode: string;
  count: number;
  reason?: string;
  recommendedAction?: string;
}

export interface LogSummary {
  total: number;
  byOutcome: Record<string, number>;
  /** create, update, delete, disable, then any other action Graph reported (stageddelete, other). */
  byAction: Record<string, number>;
  topErrors: TopError[];
  /** Newest first. */
  latestFailures: ProvisioningEvent[];
}

const TOP_ERRORS = 3;
const LATEST_FAILURES = 5;

export function summarizeEvents(events: readonly ProvisioningEvent[]): LogSummary {
  const byOutcome: Record<string, number> = Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
  const byAction: Record<string, number> = Object.fromEntries(ACTIONS.map((a) => [a, 0]));
  const errors = new Map<string, TopError>();
  for (const event of events) {
    byOutcome[event.status] = (byOutcome[event.status] ?? 0) + 1;
    byAction[event.action] = (byAction[event.action] ?? 0) + 1;
    const code = event.error?.errorCode;
    if (event.status !== 'failure' || !code) continue;
    const known = errors.get(code);
    // The newest event of a code speaks for it: events arrive newest first.
    if (known) known.count += 1;
    else errors.set(code, { errorCode: code, count: 1, ...pick(event) });
  }
  const sorted = [...events].sort((a, b) => b.activityDateTime.localeCompare(a.activityDateTime));
  return {
    total: events.length, byOutcome, byAction,
    topErrors: [...errors.values()].sort((a, b) => b.count - a.count || a.errorCode.localeCompare(b.errorCode)).slice(0, TOP_ERRORS),
    latestFailures: sorted.filter((e) => e.status === 'failure').slice(0, LATEST_FAILURES),
  };
}

function pick(event: ProvisioningEvent): Pick<TopError, 'reason' | 'recommendedAction'> {
  return {
    ...(event.error?.reason ? { reason: event.error.reason } : {}),
    ...(event.error?.recommendedAction ? { recommendedAction: event.error.recommendedAction } : {}),
  };
}

/** The Entra user an event concerns: the source of outbound provisioning, the target of inbound (HR) provisioning. */
export function entraIdentityOf(event: ProvisioningEvent): { id: string; name: string } {
  const isInbound = isEntraDirectory(event.targetSystem);
  const identity = isInbound ? event.target : event.source;
  const other = isInbound ? event.source : event.target;
  return { id: identity.id || other.id, name: identity.displayName || other.displayName || identity.id || other.id };
}
