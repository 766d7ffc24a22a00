import { randomUUID } from 'node:crypto';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { BlobServiceClient, type ContainerClient, StorageRetryPolicyType, type StoragePipelineOptions } from '@azure/storage-blob';
import type { AzureStorage } from '../config';
import { SyncOpsError } from '../errors';
import { PreconditionFailedError, type WriteCondition } from './keyValue';

/** Blob metadata naming the write that stored the blob (metadata names are C# identifiers, stored lower-case). */
const WRITE_ID = 'syncopswriteid';

/** How long storage may take: the SDK's retry policy per request, and one deadline over all its tries. */
export interface BlobTimings {
  /** Tries per request, the first included; the SDK retries 408, 429, 500, 503, 504 and network errors. */
  maxTries: number;
  tryTimeoutMs: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** The whole call, retries included; past it the call fails with StorageUnavailableError. */
  deadlineMs: number;
}

/**
 * Bounded so a confirm click still gets its card within Teams' invoke window when storage is slow: three
 * tries of up to 3 s inside an 8 s deadline. Retry policy options:
 * https://learn.microsoft.com/javascript/api/@azure/storage-blob/storageretryoptions
 */
export const DEFAULT_BLOB_TIMINGS: BlobTimings = { maxTries: 3, tryTimeoutMs: 3_000, retryDelayMs: 200, maxRetryDelayMs: 2_000, deadlineMs: 8_000 };

/** Storage failed or did not answer in time, after the SDK's retries; the message is safe to show an admin. */
export class StorageUnavailableError extends SyncOpsError {
  constructor(readonly reason: string) {
    super('storageUnavailable', `SyncOps storage (Azure Blob Storage) is not answering right now (${reason}). Nothing more was done; try again in a minute.`);
  }
}

/** A blob's text and the ETag it was read at. */
export interface BlobText {
  text: string;
  etag: string;
}

/** The container every Blob store shares, with the deadline, the retry policy and the error mapping in one place. */
export class BlobContainer {
  constructor(
    readonly client: ContainerClient,
    readonly timings: BlobTimings = DEFAULT_BLOB_TIMINGS,
  ) {}

  /** Runs one storage call under the deadline; 5xx, timeouts and network errors become StorageUnavailableError. */
  async call<T>(task: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await task(AbortSignal.timeout(this.timings.deadlineMs));
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  /** The blob's text, or undefined when there is none. */
  async download(name: string): Promise<BlobText | undefined> {
    try {
      return await this.call(async (abortSignal) => {
        const response = await this.client.getBlobClient(name).download(0, undefined, { abortSignal });
        return { text: await readAll(response.readableStreamBody), etag: response.etag ?? '' };
      });
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /**
   * Writes the whole blob in one Put Blob, under the store's condition as If-Match / If-None-Match: * (Azure
   * answers 412 ConditionNotMet, or 409 BlobAlreadyExists for If-None-Match: *, both mapped to
   * PreconditionFailedError). Returns the new ETag. Conditional headers:
   * https://learn.microsoft.com/rest/api/storageservices/specifying-conditional-headers-for-blob-service-operations
   *
   * The SDK resends a Put Blob after a timeout, a reset or a 500/503; if the first try was stored and only
   * its answer was lost, the resend fails its own condition. So a conditional write tags the blob with a
   * write id in its metadata, and a condition failure first asks whether the blob now holds that id: if so,
   * the write is ours and succeeded. Without this, compareAndSet would read back its own `running` value and
   * conclude it lost. Metadata travels in the same Put Blob (x-ms-meta-*), so it is stored with the content:
   * https://learn.microsoft.com/rest/api/storageservices/put-blob#request-headers-all-blob-types
   */
  async upload(name: string, text: string, condition?: WriteCondition): Promise<string> {
    const conditions = condition && ('ifMatch' in condition ? { ifMatch: condition.ifMatch } : { ifNoneMatch: '*' });
    const writeId = randomUUID();
    try {
      const response = await this.call((abortSignal) =>
        this.client.getBlockBlobClient(name).upload(text, Buffer.byteLength(text), {
          abortSignal, conditions, metadata: { [WRITE_ID]: writeId }, blobHTTPHeaders: { blobContentType: 'application/json' },
        }));
      return response.etag ?? '';
    } catch (error) {
      // 404 answers an If-Match write to a blob someone deleted: the etag no longer holds either.
      if (condition && isConditionFailure(error)) {
        const ours = await this.etagIfWrittenBy(name, writeId);
        if (ours !== undefined) return ours;
        throw new PreconditionFailedError(`${JSON.stringify(name)}: ${codeOf(error)}`);
      }
      throw error;
    }
  }

  /** The blob's ETag when its metadata carries this write id (an earlier try of the same write landed). */
  private async etagIfWrittenBy(name: string, writeId: string): Promise<string | undefined> {
    try {
      const properties = await this.call((abortSignal) => this.client.getBlobClient(name).getProperties({ abortSignal }));
      return properties.metadata?.[WRITE_ID] === writeId ? properties.etag ?? '' : undefined;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    await this.call((abortSignal) => this.client.getBlobClient(name).deleteIfExists({ abortSignal }));
  }

  /** Every blob name under a prefix (the SDK follows the continuation markers). */
  async listNames(prefix: string): Promise<string[]> {
    return this.call(async (abortSignal) => {
      const names: string[] = [];
      for await (const blob of this.client.listBlobsFlat({ prefix, abortSignal })) names.push(blob.name);
      return names;
    });
  }

  /** The "folders" right under a prefix, e.g. the days under 'audit/'. */
  async listFolders(prefix: string): Promise<string[]> {
    return this.call(async (abortSignal) => {
      const folders: string[] = [];
      for await (const item of this.client.listBlobsByHierarchy('/', { prefix, abortSignal })) if (item.kind === 'prefix') folders.push(item.name);
      return folders;
    });
  }
}

/**
 * The container client for the configured account, with the retry policy set explicitly. A connection
 * string carries its own key (or Azurite's); an account URL signs in as the bot's managed identity.
 */
export function createContainerClient(storage: AzureStorage, timings: BlobTimings = DEFAULT_BLOB_TIMINGS): ContainerClient {
  const options: StoragePipelineOptions = {
    retryOptions: {
      retryPolicyType: StorageRetryPolicyType.EXPONENTIAL, maxTries: timings.maxTries, tryTimeoutInMs: timings.tryTimeoutMs,
      retryDelayInMs: timings.retryDelayMs, maxRetryDelayInMs: timings.maxRetryDelayMs,
    },
  };
  const service = storage.kind === 'connectionString'
    ? BlobServiceClient.fromConnectionString(storage.connectionString, options)
    : new BlobServiceClient(storage.accountUrl, storage.clientId ? new ManagedIdentityCredential({ clientId: storage.clientId }) : new DefaultAzureCredential(), options);
  return service.getContainerClient(storage.container);
}

/** The HTTP status of a storage error, if it got one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The storage error code, e.g. 'LeaseAlreadyPresent'. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : String(statusOf(error) ?? 'error');
}

function isConditionFailure(error: unknown): boolean {
  const status = statusOf(error);
  return status === 412 || status === 404 || (status === 409 && codeOf(error) === 'BlobAlreadyExists');
}

/** 4xx answers are the caller's to interpret (not found, condition, lease); anything else means storage is unavailable. */
function unavailableOr(error: unknown): unknown {
  if (error instanceof SyncOpsError) return error;
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return error;
  const name = (error as { name?: unknown } | undefined)?.name;
  const reason = status ? `${status} ${codeOf(error)}` : name === 'AbortError' || name === 'TimeoutError' ? 'timed out' : 'unreachable';
  return new StorageUnavailableError(reason);
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
