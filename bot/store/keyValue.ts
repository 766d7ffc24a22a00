export interface Stored<T> {
  value: T;
  etag: string;
}

/** `ifMatch`: only if the stored etag is still this one. `ifNoneMatch: '*'`: only if the key is absent. */
export type WriteCondition = { ifMatch: string } | { ifNoneMatch: '*' } | undefined;

/** A conditional write found a different etag, or found the key when it expected none. */
export class PreconditionFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreconditionFailedError';
  }
}

/** compareAndSet lost the race on every attempt; nothing was written by this call. */
export class ContentionError extends Error {
  constructor(key: string, attempts: number) {
    super(`compareAndSet on ${JSON.stringify(key)} lost to concurrent writers ${attempts} times`);
    this.name = 'ContentionError';
  }
}

/** JSON values by key, with etags for optimistic concurrency. Values are copied in and out. */
export interface KeyValueStore {
  read<T>(key: string): Promise<Stored<T> | undefined>;
  /** Writes atomically; with a condition, fails with PreconditionFailedError unless it holds. Returns the new etag. */
  write<T>(key: string, value: T, condition?: WriteCondition): Promise<string>;
  delete(key: string): Promise<void>;
  /** Keys under a prefix (e.g. 'actions/'), sorted. */
  list(prefix: string): Promise<string[]>;
}

export interface CompareAndSetOptions<T = unknown> {
  /** Each lost race costs one attempt; with n concurrent updaters, n attempts always suffice. */
  attempts?: number;
  /** The record as the caller has just read it: the first attempt starts from it instead of reading it again (a stale one only costs that attempt). */
  known?: Stored<T>;
}

export interface CompareAndSetResult<T> {
  changed: boolean;
  value: T | undefined;
}

const DEFAULT_ATTEMPTS = 20;

/** Throws PreconditionFailedError unless `condition` holds for `current`; shared so every store refuses the same writes. */
export function checkCondition(key: string, condition: WriteCondition, current: { etag: string } | undefined): void {
  if (condition === undefined) return;
  if ('ifMatch' in condition && current?.etag !== condition.ifMatch) {
    throw new PreconditionFailedError(`${JSON.stringify(key)} changed since it was read`);
  }
  if ('ifNoneMatch' in condition && current !== undefined) {
    throw new PreconditionFailedError(`${JSON.stringify(key)} already exists`);
  }
}

/**
 * Read → update → write-if-unchanged, retried while another writer gets in between. `update` may run
 * several times, so it must be pure; it returns undefined to leave the value as it is. This is what
 * lets a double click, a replay or a second bot instance move an action from pending to running once.
 */
export async function compareAndSet<T>(
  store: KeyValueStore,
  key: string,
  update: (current: T | undefined) => T | undefined,
  options: CompareAndSetOptions<T> = {},
): Promise<CompareAndSetResult<T>> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const current = attempt === 1 && options.known ? options.known : await store.read<T>(key);
    const next = update(current?.value);
    if (next === undefined) return { changed: false, value: current?.value };
    const condition: WriteCondition = current ? { ifMatch: current.etag } : { ifNoneMatch: '*' };
    try {
      await store.write(key, next, condition);
      return { changed: true, value: next };
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
    // Someone else won this round; a short random pause keeps the losers from colliding again in lockstep.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 10)));
  }
  throw new ContentionError(key, attempts);
}
