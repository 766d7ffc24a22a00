/**
 * The Azure Blob Storage stores, apart from index.ts: the file stores need no package beyond Node, and a
 * process that uses only them (a test child, a tool) does not load the Azure SDK.
 */
export { BlobAuditLog } from './blobAuditLog';
export { BlobContainer, type BlobTimings, createContainerClient, DEFAULT_BLOB_TIMINGS, StorageUnavailableError } from './blobContainer';
export { BlobLease } from './blobLease';
export { BlobStore } from './blobStore';
export { openBlobStores, StorageStartError, type BlobStoresOptions } from './blobStores';
