import { closeSync, fstatSync, mkdirSync, readSync, writeSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode, fdatasyncFile, openFile, syncDirectory } from './atomicFile';
import { DEFAULT_LOCK_OPTIONS, type FileLockOptions, withFileLock } from './fileLock';
import { GroupCommit } from './groupCommit';

export interface AuditEntry {
  at: string;
  event: 'proposed' | 'confirmed' | 'cancelled' | 'refused' | 'succeeded' | 'failed' | 'outcomeUnknown' | string;
  actionId?: string;
  actor: { aadObjectId?: string; name: string };
  tenantId?: string;
  conversationId: string;
  /** The command kind, e.g. 'pauseProfile'. */
  command: string;
  /** e.g. a profile id or "spId/jobId". */
  target?: string;
  graphRequestId?: string;
  outcome?: string;
  detail?: Record<string, unknown>;
}

export interface AuditLog {
  /** Resolves once the entry is on disk; rejects otherwise, and the caller must then fail the action. */
  append(entry: AuditEntry): Promise<void>;
  /** The conversation's latest entries, newest first. */
  recent(conversationId: string, limit: number): Promise<AuditEntry[]>;
}

export interface FileAuditLogOptions {
  /** Told about each unreadable line `recent` skips: the torn tail of a write cut short by a crash. */
  onSkippedLine?: (file: string, lineNumber: number) => void;
  lock?: Partial<FileLockOptions>;
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

/**
 * JSON Lines, one file per UTC day of the entry's `at` (`dir/2025-03-14.jsonl`). Day files keep the
 * log in the order admins read it, let retention delete whole files, and let `recent` read newest
 * files first and stop once it has enough. The cost: a quiet conversation asking for more entries
 * than it has makes `recent` read every file; for a small team a year is a few MB, well under a second.
 * Entries keep append order within a file, which is the order the actions were recorded.
 */
export class FileAuditLog implements AuditLog {
  /**
   * O_APPEND alone keeps concurrent writes whole, but not the torn-tail check below: a stat taken
   * while another process's write is half done sees a line without its newline. So writes to a file
   * take turns: one at a time in this process, behind the file's lock across processes. Entries that
   * arrive meanwhile go out together in the next write and fsync, so 200 concurrent clicks cost a few
   * fsyncs, not 200 in a row (an entry's promise still resolves only once its own line is on disk).
   */
  /**
   * Where each day file ended after this instance's last write to it, with the newline it wrote there.
   * Under the lock, a file still that size has had nothing written since, so its last byte need not be read.
   */
  private readonly endsWritten = new Map<string, number>();

  private readonly writes = new GroupCommit<string>((file, lines) =>
    withFileLock(`${file}.lock`, () => this.appendLines(file, lines.join('')), { ...DEFAULT_LOCK_OPTIONS, ...this.options.lock }));

  constructor(
    private readonly dir: string,
    private readonly options: FileAuditLogOptions = {},
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async append(entry: AuditEntry): Promise<void> {
    const file = join(this.dir, `${validatedDay(entry)}.jsonl`);
    await this.writes.add(file, `${JSON.stringify(entry)}\n`);
  }

  async recent(conversationId: string, limit: number): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    if (limit <= 0) return found;
    for (const name of await this.dayFilesNewestFirst()) {
      const lines = (await readFile(join(this.dir, name), 'utf8')).split('\n');
      for (let index = lines.length - 1; index >= 0 && found.length < limit; index--) {
        const entry = this.parseLine(lines[index], name, index);
        if (entry?.conversationId === conversationId) found.push(entry);
      }
      if (found.length >= limit) break;
    }
    return found;
  }

  /** The day file's first append creates it, so opening waits off the event loop, as fdatasync does (atomicFile.ts: which calls wait). */
  private async appendLines(file: string, lines: string): Promise<void> {
    const fd = await openFile(file, 'a+');
    let isNewFile: boolean;
    try {
      const { size } = fstatSync(fd);
      isNewFile = size === 0;
      // A crash mid-write leaves a line without its newline; start on a fresh line so that torn
      // tail does not swallow this entry too.
      const isOwnEnd = this.endsWritten.get(file) === size;
      const text = isNewFile || isOwnEnd || endsWithNewline(fd, size) ? lines : `\n${lines}`;
      this.endsWritten.delete(file);
      const bytesWritten = writeSync(fd, text);
      if (bytesWritten !== Buffer.byteLength(text)) throw new Error(`Short write to audit file ${file}`);
      await fdatasyncFile(fd);
      this.endsWritten.clear(); // only the latest file: the day before is rarely written again
      this.endsWritten.set(file, size + bytesWritten);
    } finally {
      closeSync(fd);
    }
    if (isNewFile) await syncDirectory(this.dir);
  }

  private async dayFilesNewestFirst(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => DAY_FILE.test(name)).sort().reverse();
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
  }

  private parseLine(line: string, file: string, index: number): AuditEntry | undefined {
    if (line.trim() === '') return undefined;
    try {
      return JSON.parse(line) as AuditEntry;
    } catch {
      // Only a write cut short by a crash leaves such a line, and its append never resolved, so no
      // action relied on it; one bad line must not hide the whole log.
      this.options.onSkippedLine?.(file, index + 1);
      return undefined;
    }
  }
}

/** The same contract in memory, for tests of other modules; `entries()` shows everything appended. */
export class MemoryAuditLog implements AuditLog {
  private readonly lines: string[] = [];

  async append(entry: AuditEntry): Promise<void> {
    validatedDay(entry);
    this.lines.push(JSON.stringify(entry));
  }

  async recent(conversationId: string, limit: number): Promise<AuditEntry[]> {
    const newestFirst = this.entries().reverse();
    return newestFirst.filter((entry) => entry.conversationId === conversationId).slice(0, Math.max(0, limit));
  }

  /** Every entry in append order, as copies. */
  entries(): AuditEntry[] {
    return this.lines.map((line) => JSON.parse(line) as AuditEntry);
  }
}

/** The UTC day of `entry.at`; also where a malformed entry is refused, before anything is written. */
export function validatedDay(entry: AuditEntry): string {
  const time = Date.parse(entry.at);
  if (Number.isNaN(time)) throw new Error(`Audit entry has an invalid time ${JSON.stringify(entry.at)}`);
  if (!entry.conversationId || !entry.command || !entry.event) {
    throw new Error('Audit entry needs event, command and conversationId');
  }
  return new Date(time).toISOString().slice(0, 10);
}

function endsWithNewline(fd: number, size: number): boolean {
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
