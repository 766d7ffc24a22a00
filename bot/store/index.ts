import { join } from 'node:path';
import { type AuditLog, FileAuditLog } from './auditLog';
import { FileStore } from './fileStore';
import { assertValidKey } from './keys';
import type { KeyValueStore } from './keyValue';
import { FileLease, type Lease, type LeaseOptions } from './lease';

export { type AuditEntry, type AuditLog, FileAuditLog, type FileAuditLogOptions, MemoryAuditLog } from './auditLog';
export { DEFAULT_LOCK_OPTIONS, type FileLockOptions, LockTimeoutError } from './fileLock';
export { FileStore } from './fileStore';
export {
  compareAndSet,
  type CompareAndSetOptions,
  type CompareAndSetResult,
  ContentionError,
  type KeyValueStore,
  PreconditionFailedError,
  type Stored,
  type WriteCondition,
} from './keyValue';
export { FileLease, type Lease, type LeaseOptions } from './lease';
export { MemoryStore } from './memoryStore';

export interface Stores {
  kv: KeyValueStore;
  audit: AuditLog;
  /** A lease named `name` (e.g. 'poller') shared by every process using the same data directory. */
  lease(name: string, options: LeaseOptions): Lease;
}

/**
 * The file-backed stores under DATA_DIR: `kv/` (one JSON file per key), `audit/` (JSON Lines per
 * day) and `leases/`. Separate folders keep each format's files out of the others' listings.
 */
export function createStores(config: { dataDir: string }): Stores {
  const leases = join(config.dataDir, 'leases');
  return {
    kv: new FileStore(join(config.dataDir, 'kv')),
    audit: new FileAuditLog(join(config.dataDir, 'audit')),
    lease(name, options) {
      assertValidKey(name);
      if (name.includes('/')) throw new Error(`Lease name ${JSON.stringify(name)} must be one segment`);
      return new FileLease(join(leases, `${name}.json`), options);
    },
  };
}
