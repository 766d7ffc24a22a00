/**
 * The audit card shows one line per action, not one per audit entry: an action writes an entry when it
 * is proposed, when it is confirmed or cancelled, and when it ends. The line carries its latest state,
 * who proposed it and who decided. Entries without an action (a refused click, a watch) stand alone.
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
  decidedBy?: { actor: AuditEntry['actor']; how: 'confirmed' | 'cancelled' };
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
    const line = entry.actionId ? byAction.get(entry.actionId) : undefined;
    if (!line) {
      const fresh: AuditLine = {
        at: entry.at, state: entry.event, command: entry.command, actor: entry.actor,
        ...(entry.target ? { target: entry.target } : {}), ...(entry.outcome ? { outcome: entry.outcome } : {}),
        ...(entry.graphRequestId ? { graphRequestId: entry.graphRequestId } : {}),
      };
      lines.push(fresh);
      if (entry.actionId) byAction.set(entry.actionId, fresh);
      addPeople(fresh, entry);
      continue;
    }
    line.graphRequestId ??= entry.graphRequestId;
    addPeople(line, entry);
  }
  return lines;
}

function addPeople(line: AuditLine, entry: AuditEntry): void {
  if (entry.event === 'proposed') line.proposedBy ??= entry.actor;
  if ((entry.event === 'confirmed' || entry.event === 'cancelled') && !line.decidedBy) line.decidedBy = { actor: entry.actor, how: entry.event };
}
