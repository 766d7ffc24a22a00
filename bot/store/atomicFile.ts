import { randomBytes } from 'node:crypto';
import { link, open, rename, rm, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GroupCommit } from './groupCommit';

/** The errno code of a Node fs error ('ENOENT', 'EEXIST', …), if it has one. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * Replaces `path` so readers see the old or the new content, never a mix, even after a crash:
 * write a temp file beside it, fsync it, rename it over, fsync the directory.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await viaTempFile(path, content, (temp) => rename(temp, path));
}

/**
 * Creates `path` whole, or fails with EEXIST and leaves the file there untouched: the same temp file,
 * then link(2), which fails when the name exists, atomically even across processes (rename would replace it).
 */
export async function createFileAtomic(path: string, content: string): Promise<void> {
  await viaTempFile(path, content, async (temp) => {
    await link(temp, path);
    await unlink(temp);
  });
}

/** Writes and fsyncs a temp file beside `path`, hands it to `place`, then makes the new name durable; never leaves the temp file. */
async function viaTempFile(path: string, content: string, place: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await place(temp);
  } catch (error) {
    await rm(temp, { force: true });
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
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
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
