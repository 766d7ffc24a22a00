import type { AuditLog } from './auditLog';
import type { KeyValueStore } from './keyValue';
import type { Lease, LeaseOptions } from './lease';

/** Every store the bot uses, on files (one host) or on Azure Blob Storage (any number of instances). */
export interface Stores {
  kv: KeyValueStore;
  audit: AuditLog;
  /** A lease named `name` (e.g. 'poller') shared by every process using the same data directory or container. */
  lease(name: string, options: LeaseOptions): Lease;
}
