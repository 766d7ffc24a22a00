import { errorCode } from './store/atomicFile';
import { LockTimeoutError } from './store/fileLock';
import { ContentionError } from './store/keyValue';
import { StorageDeadlineError } from './storageDeadline';

/**
 * File-system answers that mean the store cannot be written or read right now (read-only mount, full
 * disk, lost permissions, a file where a folder should be), as Node reports them in `error.code`.
 */
const STORAGE_CODES = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EIO', 'ENOTDIR', 'EISDIR', 'EMFILE', 'ENFILE']);

/** True when an error means SyncOps' own storage failed, not Graph or the input. */
export function isStorageFailure(error: unknown): boolean {
  if (error instanceof LockTimeoutError || error instanceof ContentionError || error instanceof StorageDeadlineError) return true;
  const code = errorCode(error);
  return code !== undefined && STORAGE_CODES.has(code);
}
