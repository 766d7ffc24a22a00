import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileStore, PreconditionFailedError } from '../../bot/store';
import { withFileLock } from '../../bot/store/fileLock';

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
