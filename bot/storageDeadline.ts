import { DeadlineError, withDeadline } from './deadline';
import type { AuditEntry, AuditLog } from './store/auditLog';
import type { KeyValueStore, Stored, WriteCondition } from './store/keyValue';

/** SyncOps' own storage did not answer in time: what the call did is unknown. */
export class StorageDeadlineError extends DeadlineError {}

/**
 * Above the file lock's 15 s wait (DEFAULT_LOCK_OPTIONS.timeoutMs), so a lock held too long is reported
 * as such first; this catches a store that hangs outright (a stuck network disk, a hung Blob call).
 */
export const STORAGE_DEADLINE_MS = 20_000;

/** The stores with a deadline on every call, so a hung store never stalls a poll cycle or a background run for good. */
export function withStorageDeadlines<S extends { kv: KeyValueStore; audit: AuditLog }>(stores: S, ms = STORAGE_DEADLINE_MS): S {
  const bounded = <T>(work: Promise<T>, what: string) =>
    withDeadline(work, ms, what).catch((error: unknown) => {
      throw error instanceof DeadlineError ? new StorageDeadlineError(what, ms) : error;
    });
  const { kv, audit } = stores;
  return {
    ...stores,
    kv: {
      read: <T>(key: string): Promise<Stored<T> | undefined> => bounded(kv.read<T>(key), 'storage read'),
      write: <T>(key: string, value: T, condition?: WriteCondition) => bounded(kv.write(key, value, condition), 'storage write'),
      delete: (key: string) => bounded(kv.delete(key), 'storage delete'),
      list: (prefix: string) => bounded(kv.list(prefix), 'storage list'),
    },
    audit: {
      append: (entry: AuditEntry) => bounded(audit.append(entry), 'audit append'),
      recent: (conversationId: string, limit: number) => bounded(audit.recent(conversationId, limit), 'audit read'),
    },
  };
}
