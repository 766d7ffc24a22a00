import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { link, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { errorCode, fsyncFile, openFile, renameFile, syncDirectory, tempFileWriter, unlinkFile } from './atomicFile';
import { isHolderGone, thisProcess } from './holder';

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
  const held = await acquire(lockPath, options);
  try {
    return await task();
  } finally {
    await release(lockPath, held, options.staleMs);
  }
}

/**
 * Replaces `path` with what `decide` returns, under `lockPath`, the way git commits a lock file: the lock
 * file itself takes the content and is fsynced, then renamed over `path`, then the directory is fsynced.
 * Readers see the old or the new content, never a mix, even after a crash (as writeFileAtomic), and the
 * rename releases the lock: two fewer files made and removed per write than a temp file beside a lock (a
 * Confirm click writes twice). When `decide` throws, nothing is written and the lock is released as usual.
 *
 * `decide` is given the lock's token to put at the start of the content (`{"holder":"<token>",…`), so a
 * crash before the rename leaves a lock whose dead holder a waiter or the start-up sweep still recognises.
 * Right before the rename the lock is checked to be still the file this call holds: a stall longer than
 * staleMs (10 s) lets a waiter break it and lock anew, and that lock must not be moved over `path`. Only a
 * stall of that length between the check and the rename itself could still do it, as it could make the
 * temp-file write this replaced overwrite the newer holder's record.
 */
export async function replaceUnderLock(
  lockPath: string,
  path: string,
  decide: (holder: string) => string | Promise<string>,
  options: FileLockOptions = DEFAULT_LOCK_OPTIONS,
): Promise<void> {
  const held = await acquire(lockPath, options);
  let isCommitted = false;
  try {
    writeWhole(held.fd, await decide(held.token));
    await fsyncFile(held.fd);
    if (!isSameFile(lockPath, held.fd)) throw new Error(`Lock ${lockPath} was broken while held; ${path} was not written`);
    await renameFile(lockPath, path);
    isCommitted = true;
  } finally {
    if (isCommitted) forget(held);
    else await release(lockPath, held, options.staleMs);
  }
  await syncDirectory(dirname(path));
}

/** The lock token a record written by replaceUnderLock starts with, or the whole text when it is a plain token. */
function holderToken(lockContent: string): string {
  return /^\{"holder":"([^"]*)"/.exec(lockContent)?.[1] ?? lockContent;
}

function isSameFile(path: string, fd: number): boolean {
  const ours = fstatSync(fd);
  const there = statSync(path, { throwIfNoEntry: false });
  return there !== undefined && there.ino === ours.ino && there.dev === ours.dev;
}

/** Puts `content` in place of the token at the start of the open lock file. */
function writeWhole(fd: number, content: string): void {
  const bytes = Buffer.from(content, 'utf8');
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at, at);
  ftruncateSync(fd, bytes.length);
}

/** A lock this process holds: its token, the open lock file (so its owner is checked without reading it back) and when it was taken. */
interface HeldLock {
  token: string;
  fd: number;
  takenAt: number;
}

/**
 * Tokens of the locks this process holds now. A lock naming this host and pid but not listed here was
 * left by an earlier process that had the same pid (a container restarted as pid 1), so it is gone.
 */
const heldTokens = new Set<string>();

async function acquire(lockPath: string, options: FileLockOptions): Promise<HeldLock> {
  const token = `${thisProcess.host}:${thisProcess.pid}:${randomUUID()}`;
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const takenAt = Date.now();
    const fd = await tryCreate(lockPath, token);
    if (fd !== undefined) {
      heldTokens.add(token);
      return { token, fd, takenAt };
    }
    if (await breakIfStale(lockPath, options.staleMs)) continue;
    if (Date.now() >= deadline) throw new LockTimeoutError(lockPath, options.timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * Math.min(2 ** attempt, 25)));
  }
}

/** The lock file, created and still open, or undefined when someone else holds it (atomicFile.ts: which calls wait). */
async function tryCreate(lockPath: string, token: string): Promise<number | undefined> {
  let fd;
  try {
    fd = await openFile(lockPath, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return undefined;
    throw error;
  }
  try {
    writeSync(fd, token);
  } catch (error) {
    closeSync(fd);
    unlinkSync(lockPath);
    throw error;
  }
  return fd;
}

/** Whether the holder named in a lock token has provably died (kill -9): then nobody waits staleMs for it. */
function isTokenHolderGone(lockContent: string): boolean {
  const token = holderToken(lockContent);
  const [host, pid] = token.split(':');
  const holder = { host: host ?? '', pid: Number(pid) };
  return Number.isInteger(holder.pid) && holder.pid > 0 && isHolderGone(holder, () => heldTokens.has(token));
}

/** True when the lock is gone (broken by us or released meanwhile), so trying again makes sense now. */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const seen = inspect(lockPath);
  if (!seen) return true;
  if (Date.now() - seen.mtimeMs < staleMs && !isTokenHolderGone(seen.token)) return false;
  // The lock looked at may have been released since (its holder then reads as gone) and the name taken by a
  // new holder: only the file looked at is moved, checked and moved in one synchronous step.
  if (statSync(lockPath, { throwIfNoEntry: false })?.ino !== seen.ino) return true;
  // Move it aside rather than unlink it: rename succeeds for one breaker only, and lets us check we
  // moved the stale lock we looked at, not a fresh one created since.
  const aside = `${lockPath}.stale.${randomUUID()}`;
  try {
    renameSync(lockPath, aside);
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

/** The lock file's content, age and inode, all of one file (read through one descriptor), or undefined when there is none. */
function inspect(lockPath: string): { token: string; mtimeMs: number; ino: number } | undefined {
  let fd;
  try {
    fd = openSync(lockPath, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { mtimeMs, ino } = fstatSync(fd);
    return { token: readFileSync(fd, 'utf8'), mtimeMs, ino };
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes the lock only if it is still ours. A waiter breaks a lock only when its holder's process is gone
 * (not us: the token stays in heldTokens until here) or its file is older than staleMs; so a lock released
 * well within staleMs of being taken, by the clock the file's mtime comes from (one host), is still ours
 * and goes without a look. After a longer hold, someone may have broken it and locked anew: then it is
 * ours only if the path still names the file we hold open (same device and inode), which the held
 * descriptor tells without reading the token back (2 calls instead of 5).
 */
async function release(lockPath: string, held: HeldLock, staleMs: number): Promise<void> {
  try {
    if (Date.now() - held.takenAt < staleMs / 2 || isSameFile(lockPath, held.fd)) {
      await unlinkFile(lockPath).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    }
  } finally {
    forget(held);
  }
}

/** The lock is no longer this process's to hold (released, or renamed into place by replaceUnderLock). */
function forget(held: HeldLock): void {
  heldTokens.delete(held.token);
  closeSync(held.fd);
}


/** What a start-up sweep removed. */
export interface SweepReport {
  locks: number;
  tempFiles: number;
}

/**
 * Removes what crashed processes left under `dir`: lock files whose holder died or that are older than
 * staleMs (each broken as a waiter would, so a live holder's lock is never taken), and temp files of
 * atomic writes that never reached their rename. Run at start, so the first write after a kill -9 does
 * not wait staleMs for a dead holder and leftovers do not pile up.
 */
export async function sweepStaleFiles(dir: string, staleMs = DEFAULT_LOCK_OPTIONS.staleMs): Promise<SweepReport> {
  const report: SweepReport = { locks: 0, tempFiles: 0 };
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return report;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = await sweepStaleFiles(path, staleMs);
      report.locks += inner.locks;
      report.tempFiles += inner.tempFiles;
    } else if (entry.name.endsWith('.lock') && inspect(path) && (await breakIfStale(path, staleMs))) {
      report.locks += 1;
    } else if (await removeIfAbandoned(path, entry.name, staleMs)) {
      report.tempFiles += 1;
    }
  }
  return report;
}

/** A temp file whose writer died, or a lock moved aside by a breaker that died before deleting it. */
async function removeIfAbandoned(path: string, name: string, staleMs: number): Promise<boolean> {
  const writer = tempFileWriter(name);
  const isAside = name.includes('.lock.stale.');
  if (!writer && !isAside) return false;
  try {
    // ctime: a rename (how an aside is made) resets it, so a breaker still reading its aside keeps it.
    const isOld = Date.now() - (await stat(path)).ctimeMs >= staleMs;
    const isOrphan = writer !== undefined && writer.pid !== thisProcess.pid && isHolderGone({ host: thisProcess.host, pid: writer.pid }, () => false);
    if (!isOld && !isOrphan) return false;
    await unlink(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}
