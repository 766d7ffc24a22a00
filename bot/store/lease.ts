import { randomUUID } from 'node:crypto';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { errorCode, writeFileAtomic } from './atomicFile';
import { DEFAULT_LOCK_OPTIONS, type FileLockOptions, withFileLock } from './fileLock';
import { type Holder, isHolderGone, thisProcess } from './holder';

/** Leadership for work only one process may do at a time, such as polling Graph. */
export interface Lease {
  /** True when this holder now has the lease: it was free, expired, or already ours. */
  acquire(): Promise<boolean>;
  /** True when the lease was still ours and now runs for another ttl; false means stop the work. */
  renew(): Promise<boolean>;
  /** Gives the lease up if it is still ours, so another process can take it without waiting for expiry. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  /** Who holds it; defaults to host, pid and a random suffix, unique per FileLease. */
  holderId?: string;
  ttlMs: number;
  now?: () => number;
  lock?: Partial<FileLockOptions>;
}

/**
 * The lease file: who holds it and until when (ms since the epoch, by the holder's clock), and the
 * holder's host and pid, so a process that died holding it (kill -9) is replaced at once, not after ttl.
 */
interface LeaseRecord extends Partial<Holder> {
  holderId: string;
  expiresAt: number;
}

/** Holder ids of the FileLeases made in this process: a record with our pid and another id is an earlier process's. */
const liveHolderIds = new Set<string>();

/**
 * A lease in a JSON file that processes sharing DATA_DIR agree on. Each operation reads and rewrites
 * the file while holding its lock file, so two processes can't both see it free and both take it.
 * Expiry compares times from different processes' clocks, so their skew must stay well under ttlMs.
 */
export class FileLease implements Lease {
  readonly holderId: string;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly lockOptions: FileLockOptions;

  constructor(
    private readonly path: string,
    options: LeaseOptions,
  ) {
    if (!(options.ttlMs > 0)) throw new Error('Lease ttlMs must be positive');
    this.holderId = options.holderId ?? `${hostname()}.${process.pid}.${randomUUID().slice(0, 8)}`;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
    this.lockOptions = { ...DEFAULT_LOCK_OPTIONS, ...options.lock };
    liveHolderIds.add(this.holderId);
  }

  acquire(): Promise<boolean> {
    return this.takeIf((current) => !current || current.holderId === this.holderId || current.expiresAt <= this.now() || isDead(current));
  }

  /** Still ours means nobody rewrote the file, even if it expired: no one else took over meanwhile. */
  renew(): Promise<boolean> {
    return this.takeIf((current) => current?.holderId === this.holderId);
  }

  async release(): Promise<void> {
    await this.withLock(async () => {
      if ((await this.readRecord())?.holderId !== this.holderId) return;
      await unlink(this.path).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    });
  }

  /** Takes or extends the lease when `mayHold` says so for the current record. */
  private takeIf(mayHold: (current: LeaseRecord | undefined) => boolean): Promise<boolean> {
    return this.withLock(async () => {
      if (!mayHold(await this.readRecord())) return false;
      const record: LeaseRecord = { holderId: this.holderId, expiresAt: this.now() + this.ttlMs, ...thisProcess };
      await writeFileAtomic(this.path, JSON.stringify(record));
      return true;
    });
  }

  private async withLock<R>(task: () => Promise<R>): Promise<R> {
    await mkdir(dirname(this.path), { recursive: true });
    return withFileLock(`${this.path}.lock`, task, this.lockOptions);
  }

  private async readRecord(): Promise<LeaseRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as LeaseRecord;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  }
}

function isDead(record: LeaseRecord): boolean {
  const { host, pid, holderId } = record;
  return typeof host === 'string' && typeof pid === 'number' && isHolderGone({ host, pid }, () => liveHolderIds.has(holderId));
}
