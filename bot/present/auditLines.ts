/**
 * The audit card shows one line per action, not one per audit entry: an action writes an entry when it
 * is proposed, when it is confirmed, approved or cancelled, and when it ends. The line carries its latest
 * state, who proposed it and who decided. Refused clicks and entries of no action (a watch) stand alone.
 */
import type { AuditEntry } from '../store/auditLog';

export interface AuditLine {
  /** When the latest entry was written. */
  at: string;
  /** The latest event: succeeded, failed, cancelled, proposed, refused, watched… */
  state: string;
  command: string;
  target?: string;
  proposedBy?: AuditEntry['actor'];
  decidedBy?: { actor: AuditEntry['actor']; how: Decision };
  /** The actor of an entry that stands alone. */
  actor: AuditEntry['actor'];
  outcome?: string;
  graphRequestId?: string;
}

/** Entries newest first in, lines newest first out (the action's newest entry places it). */
export function auditLinesOf(entries: readonly AuditEntry[]): AuditLine[] {
  const lines: AuditLine[] = [];
  const byAction = new Map<string, AuditLine>();
  for (const entry of entries) {
    // A refused click is an attempt by someone, not a step of the action: it keeps a line of its own.
    const actionId = entry.event === 'refused' ? undefined : entry.actionId;
    const line = actionId ? byAction.get(actionId) : undefined;
    if (!line) {
      const fresh: AuditLine = {
        at: entry.at, state: entry.event, command: entry.command, actor: entry.actor,
        ...(entry.target ? { target: entry.target } : {}), ...(entry.outcome ? { outcome: entry.outcome } : {}),
        ...(entry.graphRequestId ? { graphRequestId: entry.graphRequestId } : {}),
      };
      lines.push(fresh);
      if (actionId) byAction.set(actionId, fresh);
      addPeople(fresh, entry);
      continue;
    }
    line.graphRequestId ??= entry.graphRequestId;
    addPeople(line, entry);
  }
  return lines;
}

/** The events that say who decided: a Confirm or Cancel, or a second admin's approval or rejection. */
const DECISIONS = ['confirmed', 'cancelled', 'approved', 'rejected'] as const;
type Decision = (typeof DECISIONS)[number];

function addPeople(line: AuditLine, entry: AuditEntry): void {
  if (entry.event === 'proposed') line.proposedBy ??= entry.actor;
  // Entries come newest first, so the decision kept is the latest: the approval that let a confirmed change run.
  if ((DECISIONS as readonly string[]).includes(entry.event) && !line.decidedBy) line.decidedBy = { actor: entry.actor, how: entry.event as Decision };
}
