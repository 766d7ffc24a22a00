import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileStore, PreconditionFailedError } from '../../bot/store';
import { replaceUnderLock, sweepStaleFiles, withFileLock } from '../../bot/store/fileLock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncops-writes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function filesUnder(path: string): string[] {
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(path.length + 1)).sort();
}

describe('FileStore create-only writes (no lock: link refuses an existing name)', () => {
  it('lets exactly one of many concurrent creators across two instances create a key, and keeps its value', async () => {
    const stores = [new FileStore(dir), new FileStore(dir)];
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.write('actions/a1', { by: i }, { ifNoneMatch: '*' })));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, etag: r.value }] : []));
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof PreconditionFailedError)).toHaveLength(19);
    expect(await stores[1]!.read('actions/a1')).toEqual({ value: { by: won[0]!.i }, etag: won[0]!.etag });
    expect(filesUnder(dir)).toEqual(['actions/a1.json']);
  });

  it('refuses to create a key that exists and leaves the stored record as it was', async () => {
    const store = new FileStore(dir);
    const etag = await store.write('actions/a1', { state: 'running' });
    await expect(store.write('actions/a1', { state: 'pending' }, { ifNoneMatch: '*' })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await store.read('actions/a1')).toEqual({ value: { state: 'running' }, etag });
    expect(filesUnder(dir)).toEqual(['actions/a1.json']);
  });

  it('makes a missing folder on the first write, and again after someone removed it', async () => {
    const store = new FileStore(dir);
    await store.write('actions/a1', 1, { ifNoneMatch: '*' });
    rmSync(join(dir, 'actions'), { recursive: true });
    await store.write('actions/a2', 2, { ifNoneMatch: '*' });
    await store.write('watches/w1', 3);
    expect(filesUnder(dir)).toEqual(['actions/a2.json', 'watches/w1.json']);
  });
});

describe('withFileLock release', () => {
  it('does not remove a lock that another waiter took after breaking ours as stale', async () => {
    const lock = join(dir, 'k.lock');
    const options = { staleMs: 100, timeoutMs: 2_000 };
    const first = withFileLock(lock, () => sleep(250), options);
    await sleep(20);
    let seenBySecond: string | undefined;
    const second = withFileLock(lock, async () => {
      await sleep(400); // the first released meanwhile, at about 250 ms
      seenBySecond = existsSync(lock) ? readFileSync(lock, 'utf8') : undefined;
    }, options);
    await Promise.all([first, second]);
    expect(seenBySecond).toMatch(new RegExp(`:${process.pid}:`));
    expect(existsSync(lock)).toBe(false);
  });

  it('removes its own lock when released soon after it was taken', async () => {
    const lock = join(dir, 'k.lock');
    await withFileLock(lock, async () => expect(readFileSync(lock, 'utf8')).toMatch(new RegExp(`:${process.pid}:`)));
    expect(existsSync(lock)).toBe(false);
  });
});

describe('replaceUnderLock: the lock file becomes the new content', () => {
  const options = { staleMs: 100, timeoutMs: 2_000 };

  it('replaces the file and leaves neither a lock nor a temp file', async () => {
    const path = join(dir, 'k.json');
    writeFileSync(path, 'old');
    await replaceUnderLock(`${path}.lock`, path, () => 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(filesUnder(dir)).toEqual(['k.json']);
  });

  it('writes nothing and releases the lock when the decision throws', async () => {
    const path = join(dir, 'k.json');
    writeFileSync(path, 'old');
    await expect(replaceUnderLock(`${path}.lock`, path, () => {
      throw new Error('changed since it was read');
    })).rejects.toThrow('changed since it was read');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(filesUnder(dir)).toEqual(['k.json']);
  });

  it('leaves no tail of the lock token when the content is shorter', async () => {
    const path = join(dir, 'k.json');
    await replaceUnderLock(`${path}.lock`, path, () => '1');
    expect(readFileSync(path, 'utf8')).toBe('1');
  });

  it('fails, and moves nothing into place, when its lock was broken as stale and taken by another writer', async () => {
    const path = join(dir, 'k.json');
    const slow = replaceUnderLock(`${path}.lock`, path, async () => {
      await sleep(300);
      return 'slow';
    }, options);
    await sleep(20);
    await replaceUnderLock(`${path}.lock`, path, () => 'second', options); // breaks the slow holder's lock after staleMs
    await expect(slow).rejects.toThrow(/was broken while held/);
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(filesUnder(dir)).toEqual(['k.json']);
  });

  it('breaks at once the lock of a writer killed before its rename: the record it holds names its holder first', async () => {
    const path = join(dir, 'k.json');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(`${path}.lock`, JSON.stringify({ holder: `${hostname()}:${dead}:${'0'.repeat(36)}`, etag: 'e', value: 'cut short' }));
    const started = Date.now();
    await replaceUnderLock(`${path}.lock`, path, () => 'after the crash', { staleMs: 60_000, timeoutMs: 5_000 });
    expect(readFileSync(path, 'utf8')).toBe('after the crash');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('has a lock a crash left holding content broken once it is stale, by the next writer or the start-up sweep', async () => {
    const path = join(dir, 'k.json');
    writeFileSync(`${path}.lock`, '{"etag":"e","value":"cut short before the rename"}');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    await replaceUnderLock(`${path}.lock`, path, () => 'after the crash', options);
    expect(readFileSync(path, 'utf8')).toBe('after the crash');
    writeFileSync(`${path}.lock`, '{"etag":"e","value":"another"}');
    utimesSync(`${path}.lock`, old, old);
    expect(await sweepStaleFiles(dir, options.staleMs)).toEqual({ locks: 1, tempFiles: 0 });
    expect(filesUnder(dir)).toEqual(['k.json']);
  });
});
