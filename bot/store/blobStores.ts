import type { AzureStorage } from '../config';
import { SyncOpsError } from '../errors';
import { BlobAuditLog } from './blobAuditLog';
import { BlobContainer, type BlobTimings, codeOf, createContainerClient, DEFAULT_BLOB_TIMINGS, statusOf, StorageUnavailableError } from './blobContainer';
import { BlobLease, type RenewalFailed } from './blobLease';
import { BlobStore } from './blobStore';
import type { Stores } from './index';
import { assertValidKey } from './keys';

/** Storage could not be used at start-up; the message names the setting to check. */
export class StorageStartError extends SyncOpsError {
  constructor(message: string) {
    super('storageStart', message);
  }
}

export interface BlobStoresOptions {
  timings?: BlobTimings;
  onLeaseRenewalFailed?: RenewalFailed;
}

/**
 * Every store in one container: `kv/` (one blob per key), `audit/` (one blob per entry) and `leases/`. The
 * container is created if missing, which also proves at start-up that the account answers and lets us in.
 */
export async function openBlobStores(storage: AzureStorage, options: BlobStoresOptions = {}): Promise<Stores> {
  const blobs = new BlobContainer(createContainerClient(storage, options.timings), options.timings ?? DEFAULT_BLOB_TIMINGS);
  await ensureContainer(blobs, storage);
  return {
    kv: new BlobStore(blobs),
    audit: new BlobAuditLog(blobs),
    lease(name, leaseOptions) {
      assertValidKey(name);
      if (name.includes('/')) throw new Error(`Lease name ${JSON.stringify(name)} must be one segment`);
      return new BlobLease(blobs, name, leaseOptions, options.onLeaseRenewalFailed);
    },
  };
}

async function ensureContainer(blobs: BlobContainer, storage: AzureStorage): Promise<void> {
  const setting = storage.kind === 'connectionString' ? 'AZURE_STORAGE_CONNECTION_STRING' : 'AZURE_STORAGE_ACCOUNT_URL';
  try {
    await blobs.call((abortSignal) => blobs.client.createIfNotExists({ abortSignal }));
  } catch (error) {
    const answer = error instanceof StorageUnavailableError ? error.reason : `${statusOf(error) ?? ''} ${codeOf(error)}`.trim();
    const hint = statusOf(error) === 403 ? '; grant the bot\'s identity "Storage Blob Data Contributor" on the account' : '';
    throw new StorageStartError(`${setting}: Azure Blob Storage container '${storage.container}' is not usable at start-up (${answer})${hint}`);
  }
}
