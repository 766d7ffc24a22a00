import { randomBytes } from 'node:crypto';
import { closeSync, fdatasync, fsync, link, open, openSync, rename, rmSync, unlink, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { GroupCommit } from './groupCommit';

/**
 * The store's file calls, split by what they wait for. Calls that change a directory (create, rename,
 * link, unlink) and fsyncs can wait on the file system's journal while other writes commit, so they run
 * off the event loop, as plain fs callbacks (fs.promises adds a FileHandle and its bookkeeping to each).
 * Calls on a file already open or in the page cache (write, read, fstat, close of a few hundred bytes)
 * take microseconds and are synchronous: through the thread pool they cost 20 times that in CPU and
 * latency (a 300-byte readFile: 6.6 µs sync, 174 µs with fs.promises). Error paths and the rare stale-lock
 * breaking keep their simpler calls.
 */
export const fsyncFile: (fd: number) => Promise<void> = promisify(fsync);
export const fdatasyncFile: (fd: number) => Promise<void> = promisify(fdatasync);
export const openFile: (path: string, flags: string) => Promise<number> = promisify(open);
export const renameFile: (from: string, to: string) => Promise<void> = promisify(rename);
const linkFile: (existing: string, name: string) => Promise<void> = promisify(link);
export const unlinkFile: (path: string) => Promise<void> = promisify(unlink);

/** The errno code of a Node fs error ('ENOENT', 'EEXIST', …), if it has one. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * Replaces `path` so readers see the old or the new content, never a mix, even after a crash:
 * write a temp file beside it, fsync it, rename it over, fsync the directory.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await viaTempFile(path, content, (temp) => renameFile(temp, path));
}

/**
 * Creates `path` whole, or fails with EEXIST and leaves the file there untouched: the same temp file,
 * then link(2), which fails when the name exists, atomically even across processes (rename would replace it).
 */
export async function createFileAtomic(path: string, content: string): Promise<void> {
  await viaTempFile(path, content, async (temp) => {
    await linkFile(temp, path);
    await unlinkFile(temp);
  });
}

/** Writes and fsyncs a temp file beside `path`, hands it to `place`, then makes the new name durable; never leaves the temp file. */
async function viaTempFile(path: string, content: string, place: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = await openFile(temp, 'wx');
    try {
      writeFileSync(fd, content);
      await fsyncFile(fd);
    } finally {
      closeSync(fd);
    }
    await place(temp);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/**
 * Directory fsyncs in flight, shared by every store of the process: renames into one directory while its
 * fsync runs all wait for the next one, which covers them all (each rename was done before it asked).
 */
const directorySyncs = new GroupCommit<void>((dir) => fsyncDirectory(dir));

/** Makes a rename or a new file's name durable, not only its bytes. */
export function syncDirectory(dir: string): Promise<void> {
  return directorySyncs.add(dir, undefined);
}

async function fsyncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    await fsyncFile(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The writer of a temp file of writeFileAtomic, from its name (`<file>.<pid>-<random>.tmp`), or
 * undefined for any other file. The pid lets a start-up sweep remove a dead writer's leftovers at once.
 */
export function tempFileWriter(name: string): { pid: number } | undefined {
  const match = /\.(\d+)-[0-9a-f]{12}\.tmp$/.exec(name);
  return match ? { pid: Number(match[1]) } : undefined;
}
