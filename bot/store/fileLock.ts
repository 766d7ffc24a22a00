import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { errorCode } from './atomicFile';

export interface FileLockOptions {
  /** A lock older than this is taken to belong to a crashed holder and is broken. */
  staleMs: number;
  /** How long to wait for the lock before failing; above staleMs so a crashed holder never blocks us. */
  timeoutMs: number;
}

/** Critical sections here last milliseconds, so 10 s without release can only mean a crashed holder. */
export const DEFAULT_LOCK_OPTIONS: FileLockOptions = { staleMs: 10_000, timeoutMs: 15_000 };

/** The lock stayed held by a live holder for longer than timeoutMs. */
export class LockTimeoutError extends Error {
  constructor(lockPath: string, timeoutMs: number) {
    super(`Lock ${lockPath} still held after ${timeoutMs} ms`);
    this.name = 'LockTimeoutError';
  }
}

/**
 * Runs `task` while holding `lockPath`, a file created with O_EXCL ('wx'): the one primitive that is
 * atomic across processes sharing a directory. Holds across processes and within one; callers add an
 * in-process queue so that their own tasks don't poll the file system for each other.
 */
export async function withFileLock<R>(
  lockPath: string,
  task: () => Promise<R>,
  options: FileLockOptions = DEFAULT_LOCK_OPTIONS,
): Promise<R> {
  const token = await acquire(lockPath, options);
  try {
    return await task();
  } finally {
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<string> {
  const token = `${process.pid}.${randomUUID()}`;
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(lockPath, token)) return token;
    if (await breakIfStale(lockPath, options.staleMs)) continue;
    if (Date.now() >= deadline) throw new LockTimeoutError(lockPath, options.timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * Math.min(2 ** attempt, 25)));
  }
}

async function tryCreate(lockPath: string, token: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(token);
  } catch (error) {
    await handle.close();
    await unlink(lockPath);
    throw error;
  }
  await handle.close();
  return true;
}

/** True when the lock is gone (broken by us or released meanwhile), so trying again makes sense now. */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const seen = await inspect(lockPath);
  if (!seen) return true;
  if (Date.now() - seen.mtimeMs < staleMs) return false;
  // Move it aside rather than unlink it: rename succeeds for one breaker only, and lets us check we
  // moved the stale lock we looked at, not a fresh one created since.
  const aside = `${lockPath}.stale.${randomUUID()}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return true;
    throw error;
  }
  if ((await readFile(aside, 'utf8')) === seen.token) {
    await unlink(aside);
    return true;
  }
  await restore(aside, lockPath);
  return false;
}

/** Puts back a live lock we moved by mistake, unless someone has locked again in the meantime. */
async function restore(aside: string, lockPath: string): Promise<void> {
  try {
    await link(aside, lockPath);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    // A new lock already exists; the holder we displaced keeps running, a race we accept only
    // because it needs a crashed holder and two waiters acting within the same millisecond.
  }
  await unlink(aside);
}

async function inspect(lockPath: string): Promise<{ token: string; mtimeMs: number } | undefined> {
  try {
    const { mtimeMs } = await stat(lockPath);
    return { token: await readFile(lockPath, 'utf8'), mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Removes the lock only if it is still ours: after a pause longer than staleMs, someone may have broken it. */
async function release(lockPath: string, token: string): Promise<void> {
  const current = await inspect(lockPath);
  if (current?.token === token) {
    await unlink(lockPath).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }
}
