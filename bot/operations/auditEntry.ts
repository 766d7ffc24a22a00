import type { Actor } from '../actor';
import type { AuditEntry } from '../store/auditLog';
import type { Person } from './storedAction';

/** A person as the audit trail and the cards name them. */
export function personOf(actor: Actor): Person {
  return { name: actor.name, ...(actor.aadObjectId ? { aadObjectId: actor.aadObjectId } : {}) };
}

/** An audit entry: who (Entra object id, name), tenant, conversation and when, plus what happened. */
export function auditEntry(
  who: { actor: Actor; conversationId: string },
  at: Date,
  what: Pick<AuditEntry, 'event' | 'command'> & Partial<AuditEntry>,
): AuditEntry {
  return {
    at: at.toISOString(), actor: personOf(who.actor), conversationId: who.conversationId,
    ...(who.actor.tenantId ? { tenantId: who.actor.tenantId } : {}),
    ...what,
  };
}
