import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { createFileAtomic, errorCode, syncDirectory, unlinkFile } from './atomicFile';
import { DEFAULT_LOCK_OPTIONS, type FileLockOptions, replaceUnderLock, withFileLock } from './fileLock';
import { assertValidKey, assertValidPrefix, directoryOf, isValidKey } from './keys';
import { checkCondition, type KeyValueStore, PreconditionFailedError, type Stored, type WriteCondition } from './keyValue';
import { KeyedMutex } from './mutex';

const SUFFIX = '.json';

/**
 * What one key's file holds. The etag is a fresh random token per write, so A→B→A still changes it. `holder`
 * names the writer's lock (fileLock.replaceUnderLock): it comes first, so a lock left holding a record by a
 * crash still names its dead holder; readers ignore it.
 */
interface FileRecord {
  holder?: string;
  etag: string;
  value: unknown;
}

/**
 * One JSON file per key under `dir` (`actions/a1` → `dir/actions/a1.json`). Every write and delete
 * holds the key's lock file, so a conditional write is atomic against other calls in this process,
 * other FileStore instances and other processes sharing the directory. Reads take no lock: a write fills
 * the lock file with the new record and renames it over the key's file (fileLock.replaceUnderLock), so a
 * reader sees a whole old or a whole new record. A create-only write
 * (`ifNoneMatch: '*'`) needs no lock: it links its temp file to the key's name, which the file system
 * refuses atomically when the name exists. That holds against locked writers too: an `ifMatch` writer
 * found the file under its lock, and only a delete (which takes the same lock) could free the name.
 */
export class FileStore implements KeyValueStore {
  private readonly queue = new KeyedMutex();
  private readonly lockOptions: FileLockOptions;

  constructor(
    private readonly dir: string,
    lockOptions: Partial<FileLockOptions> = {},
  ) {
    this.lockOptions = { ...DEFAULT_LOCK_OPTIONS, ...lockOptions };
    mkdirSync(dir, { recursive: true });
  }

  async read<T>(key: string): Promise<Stored<T> | undefined> {
    const record = this.readRecord(this.pathOf(key));
    // The read itself is synchronous; without a turn of the event loop here, a sweep over thousands of records
    // (every stored action, every watch) would hold every request for its whole length.
    await setImmediate();
    return record && { value: record.value as T, etag: record.etag };
  }

  async write<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    const path = this.pathOf(key);
    if (value === undefined) throw new Error(`Cannot store undefined at ${JSON.stringify(key)}`);
    const etag = randomUUID();
    if (condition && 'ifNoneMatch' in condition) {
      const content = JSON.stringify({ etag, value } satisfies FileRecord);
      await this.inDirectoryOf(path, () => createFileAtomic(path, content).catch((error: unknown) => {
        throw errorCode(error) === 'EEXIST' ? new PreconditionFailedError(`${JSON.stringify(key)} already exists`) : error;
      }));
      return etag;
    }
    const check = () => {
      if (condition) checkCondition(key, condition, this.readRecord(path));
    };
    await this.locked(path, (lockPath) => replaceUnderLock(lockPath, path, (holder) => {
      check();
      return JSON.stringify({ holder, etag, value } satisfies FileRecord);
    }, this.lockOptions), check);
    return etag;
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await this.locked(path, (lockPath) => withFileLock(lockPath, () =>
      unlinkFile(path).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      }), this.lockOptions));
    // Without it, a power cut could bring the record back after the delete was reported done.
    await syncDirectory(dirname(path));
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    const base = directoryOf(prefix);
    const keys = await this.walk(join(this.dir, base), base);
    // Files someone put there by hand with names no key could have are not ours to report.
    return keys.filter((key) => key.startsWith(prefix) && isValidKey(key)).sort();
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return join(this.dir, ...key.split('/')) + SUFFIX;
  }

  /**
   * In this process, calls for one key queue up before the file lock, so they do not poll the file system
   * for each other. A call that waited there runs `precheck` before the lock: a write went ahead of it, so
   * its etag may be stale, and an unlocked read is the right answer then (etags never come back) and spares
   * the lock (200 clicks on one card: 199 losers would otherwise take it in turn ahead of the winner's
   * result). A call that did not wait skips it: its caller has just read the etag, so it is almost always current.
   */
  private async locked(path: string, underLock: (lockPath: string) => Promise<void>, precheck?: () => void): Promise<void> {
    await this.inDirectoryOf(path, () => this.queue.run(path, async (hasWaited) => {
      if (hasWaited) precheck?.();
      await underLock(`${path}.lock`);
    }));
  }

  /**
   * Runs `step`, again after making the key's folder if it failed for a missing name (the lock file or
   * temp file could not be created: nothing was written). A folder is made when a write finds it missing,
   * not checked before every write: that was two calls per write.
   */
  private async inDirectoryOf(path: string, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
      await mkdir(dirname(path), { recursive: true });
      await step();
    }
  }

  /** Synchronous: a record is a few KB in the page cache (atomicFile.ts: which calls wait). */
  private readRecord(path: string): FileRecord | undefined {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    const record = JSON.parse(text) as Partial<FileRecord>;
    if (typeof record.etag !== 'string' || !('value' in record)) throw new Error(`Corrupt store file ${path}`);
    return record as FileRecord;
  }

  /** Keys below `dir`; lock and temp files are skipped because they do not end in `.json`. */
  private async walk(dir: string, keyPrefix: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.isDirectory()) {
        keys.push(...(await this.walk(join(dir, entry.name), `${keyPrefix}${entry.name}/`)));
      } else if (entry.isFile() && entry.name.endsWith(SUFFIX)) {
        keys.push(keyPrefix + entry.name.slice(0, -SUFFIX.length));
      }
    }
    return keys;
  }
}

