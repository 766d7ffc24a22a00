import type { BlobContainer } from './blobContainer';
import { assertValidKey, assertValidPrefix } from './keys';
import type { KeyValueStore, Stored, WriteCondition } from './keyValue';

/**
 * One blob per key (`actions/a1` → `kv/actions/a1`), its ETag the store's etag. A conditional write is one
 * Put Blob with If-Match or If-None-Match: *, so Azure itself decides a race between instances: exactly
 * one writer of an etag wins, the others get 412 (PreconditionFailedError). botbuilder's BlobsStorage
 * has no create-only write, which is why the bot has its own.
 */
export class BlobStore implements KeyValueStore {
  constructor(
    private readonly blobs: BlobContainer,
    private readonly folder = 'kv/',
  ) {}

  async read<T>(key: string): Promise<Stored<T> | undefined> {
    assertValidKey(key);
    const found = await this.blobs.download(this.folder + key);
    return found && { value: JSON.parse(found.text) as T, etag: found.etag };
  }

  async write<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    assertValidKey(key);
    if (value === undefined) throw new Error(`Cannot store undefined at ${JSON.stringify(key)}`);
    return this.blobs.upload(this.folder + key, JSON.stringify(value), condition);
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.blobs.delete(this.folder + key);
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    const names = await this.blobs.listNames(this.folder + prefix);
    return names.map((name) => name.slice(this.folder.length)).sort();
  }
}
