/** The run's Azurite (started by jest's globalSetup) as the tests use it: a fresh container per caller. */
import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { BlobContainer, type BlobTimings, createContainerClient, DEFAULT_BLOB_TIMINGS } from '../../bot/store/blob';

export function azuriteConnectionString(): string {
  const connectionString = process.env.AZURITE_CONNECTION_STRING;
  if (!connectionString) throw new Error('AZURITE_CONNECTION_STRING is unset: run the tests through jest (its globalSetup starts Azurite)');
  return connectionString;
}

/** A container name no other test uses, so files and tests can run in any order and at once. */
export function freshContainerName(): string {
  return `t-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

/** The bot's environment for Blob state in a fresh container of the run's Azurite. */
export function blobEnv(container = freshContainerName()): Record<string, string> {
  return { AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(), AZURE_STORAGE_CONTAINER: container };
}

/** A BlobContainer on a fresh, created container. */
export async function freshBlobContainer(timings: BlobTimings = DEFAULT_BLOB_TIMINGS, connectionString = azuriteConnectionString()): Promise<BlobContainer> {
  const client = createContainerClient({ kind: 'connectionString', connectionString, container: freshContainerName() }, timings);
  await client.createIfNotExists();
  return new BlobContainer(client, timings);
}

/** A raw client on the same account: what another instance, or an admin in the portal, would do to the blobs. */
export function rawContainer(container: string): ReturnType<BlobServiceClient['getContainerClient']> {
  return BlobServiceClient.fromConnectionString(azuriteConnectionString()).getContainerClient(container);
}
