import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLease, FileStore } from '../../bot/store';
import { sweepStaleFiles } from '../../bot/store/fileLock';

/** A pid that was alive a moment ago and has exited: what a kill -9 leaves in lock and lease files. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncops-leftovers-'));
  mkdirSync(join(dir, 'kv', 'actions'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockOf = (key: string) => join(dir, 'kv', `${key}.json.lock`);
const holding = (pid: number, host = hostname()) => `${host}:${pid}:4f1c2b9e-0000-4000-8000-000000000000`;

describe('a lock left by a process that died holding it', () => {
  it('is broken at once on this host, not after the 10 s stale time', async () => {
    writeFileSync(lockOf('actions/a1'), holding(deadPid()));
    const store = new FileStore(join(dir, 'kv'));
    const started = Date.now();
    await store.write('actions/a1', { state: 'pending' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('is waited for when the holder is alive, however long that takes', async () => {
    writeFileSync(lockOf('actions/a1'), holding(process.ppid));
    const store = new FileStore(join(dir, 'kv'), { staleMs: 60_000, timeoutMs: 300 });
    await expect(store.write('actions/a1', { state: 'pending' })).rejects.toThrow(/still held/);
  });

  it('is waited for when it names another host, where a pid proves nothing', async () => {
    writeFileSync(lockOf('actions/a1'), holding(deadPid(), 'another-host'));
    const store = new FileStore(join(dir, 'kv'), { staleMs: 60_000, timeoutMs: 300 });
    await expect(store.write('actions/a1', { state: 'pending' })).rejects.toThrow(/still held/);
  });

  it('is broken when it names our own pid but this process never took it (a container restarted as pid 1)', async () => {
    writeFileSync(lockOf('actions/a1'), holding(process.pid));
    const store = new FileStore(join(dir, 'kv'), { staleMs: 60_000, timeoutMs: 300 });
    await expect(store.write('actions/a1', { state: 'pending' })).resolves.toEqual(expect.any(String));
  });
});

describe('the start-up sweep', () => {
  it('removes dead holders\' locks and temp files, and leaves live ones and records alone', async () => {
    const gone = deadPid();
    writeFileSync(lockOf('actions/dead'), holding(gone));
    writeFileSync(lockOf('actions/live'), holding(process.ppid));
    writeFileSync(join(dir, 'kv', 'actions', `a1.json.${gone}-0123456789ab.tmp`), '{"etag":');
    writeFileSync(join(dir, 'kv', 'actions', `a2.json.${process.ppid}-0123456789ab.tmp`), '{"etag":');
    writeFileSync(join(dir, 'kv', 'actions', 'a1.json'), '{"etag":"e","value":{}}');
    expect(await sweepStaleFiles(dir)).toEqual({ locks: 1, tempFiles: 1 });
    expect(readdirSync(join(dir, 'kv', 'actions')).sort()).toEqual(['a1.json', `a2.json.${process.ppid}-0123456789ab.tmp`, 'live.json.lock']);
  });

  it('also removes any lock or temp file older than the stale time, whoever wrote it', async () => {
    writeFileSync(lockOf('actions/old'), holding(process.ppid, 'another-host'));
    writeFileSync(join(dir, 'kv', 'actions', `old.json.${process.ppid}-0123456789ab.tmp`), '');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await sweepStaleFiles(dir, 20)).toEqual({ locks: 1, tempFiles: 1 });
    expect(readdirSync(join(dir, 'kv', 'actions'))).toEqual([]);
  });

  it('finds nothing to do in a data directory that does not exist yet', async () => {
    expect(await sweepStaleFiles(join(dir, 'nowhere'))).toEqual({ locks: 0, tempFiles: 0 });
  });
});

describe('a poller lease held by a process that died', () => {
  const path = () => join(dir, 'leases', 'poller.json');
  const record = (holder: Record<string, unknown>) => {
    mkdirSync(join(dir, 'leases'), { recursive: true });
    writeFileSync(path(), JSON.stringify({ holderId: 'before-the-crash', expiresAt: Date.now() + 600_000, ...holder }));
  };

  it('is taken at once by the restarted process, long before it expires', async () => {
    record({ host: hostname(), pid: deadPid() });
    expect(await new FileLease(path(), { ttlMs: 60_000 }).acquire()).toBe(true);
  });

  it('is taken at once when it names our pid but no lease of this process (same pid after a restart)', async () => {
    record({ host: hostname(), pid: process.pid });
    expect(await new FileLease(path(), { ttlMs: 60_000 }).acquire()).toBe(true);
  });

  it('is not taken from a live holder, nor from another host, nor from a record without a pid', async () => {
    for (const holder of [{ host: hostname(), pid: process.ppid }, { host: 'another-host', pid: deadPid() }, {}]) {
      record(holder);
      expect(await new FileLease(path(), { ttlMs: 60_000 }).acquire()).toBe(false);
    }
    expect(existsSync(path())).toBe(true);
  });
});
