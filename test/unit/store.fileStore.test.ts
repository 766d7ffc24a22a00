import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareAndSet, createStores, FileStore, LockTimeoutError } from '../../bot/store';

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'syncops-fs-'));
  dir = join(root, 'kv');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function filesUnder(path: string): string[] {
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(path.length + 1))
    .sort();
}

function holdLock(key: string, ageMs: number): string {
  const lock = join(dir, `${key}.json.lock`);
  mkdirSync(join(lock, '..'), { recursive: true });
  writeFileSync(lock, 'held by another process');
  const then = (Date.now() - ageMs) / 1000;
  utimesSync(lock, then, then);
  return lock;
}

describe('FileStore', () => {
  it('creates its directory', () => {
    new FileStore(dir);
    expect(existsSync(dir)).toBe(true);
  });

  it('keeps values and etags across a restart (a new instance on the same directory)', async () => {
    const etag = await new FileStore(dir).write('actions/a1', { state: 'pending' });
    const restarted = new FileStore(dir);
    expect(await restarted.read('actions/a1')).toEqual({ value: { state: 'pending' }, etag });
    await restarted.write('actions/a1', { state: 'running' }, { ifMatch: etag });
    await expect(restarted.write('actions/a1', { state: 'x' }, { ifMatch: etag })).rejects.toThrow(/changed/);
  });

  it('stores one JSON file per key and leaves no temp or lock files behind', async () => {
    const store = new FileStore(dir);
    await Promise.all([store.write('actions/a1', 1), store.write('actions/a1', 2), store.write('watches/w', 3)]);
    await store.delete('watches/w');
    expect(filesUnder(dir)).toEqual(['actions/a1.json']);
    expect(JSON.parse(readFileSync(join(dir, 'actions/a1.json'), 'utf8'))).toMatchObject({ value: expect.any(Number) });
  });

  it('never creates anything outside its directory for an escaping key', async () => {
    const store = new FileStore(dir);
    await expect(store.write('../escaped', 1)).rejects.toThrow(/Invalid store key/);
    await expect(store.write('actions/../../escaped', 1)).rejects.toThrow(/Invalid store key/);
    expect(readdirSync(root)).toEqual(['kv']);
  });

  it('lists only keys, not lock, temp or foreign files', async () => {
    const store = new FileStore(dir);
    await store.write('actions/a1', 1);
    for (const name of ['a1.json.lock', 'a2.json.0a1b2c.tmp', 'bad name.json', 'notes.txt']) {
      writeFileSync(join(dir, 'actions', name), '{}');
    }
    expect(await store.list('actions/')).toEqual(['actions/a1']);
  });

  it.each(['{"etag":"e","value":1', '{"value":1}', '[]'])('reports the corrupt file %j instead of treating it as missing', async (text) => {
    const store = new FileStore(dir);
    writeFileSync(join(dir, 'k.json'), text);
    await expect(store.read('k')).rejects.toThrow();
  });

  it('runs a pending→running claim once across two instances sharing the directory', async () => {
    // Each instance queues only its own calls, so these two meet only at the lock file.
    const stores = [new FileStore(dir), new FileStore(dir)];
    await stores[0].write('actions/a1', { state: 'pending' });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        compareAndSet<{ state: string }>(stores[i % 2], 'actions/a1', (a) => (a?.state === 'pending' ? { state: `running-${i}` } : undefined), { attempts: 40 }),
      ),
    );
    expect(results.filter((result) => result.changed)).toHaveLength(1);
  });

  it('counts every increment from two instances sharing the directory', async () => {
    const stores = [new FileStore(dir), new FileStore(dir)];
    const increment = (n: number | undefined) => (n ?? 0) + 1;
    await Promise.all(Array.from({ length: 40 }, (_, i) => compareAndSet(stores[i % 2], 'n', increment, { attempts: 40 })));
    expect((await stores[1].read('n'))?.value).toBe(40);
  });

  it('breaks a lock left by a crashed holder', async () => {
    const lock = holdLock('k', 20_000);
    await new FileStore(dir, { staleMs: 10_000, timeoutMs: 1_000 }).write('k', 'after crash');
    expect((await new FileStore(dir).read('k'))?.value).toBe('after crash');
    expect(existsSync(lock)).toBe(false);
  });

  it('waits for a live lock and gives up with LockTimeoutError, writing nothing', async () => {
    const lock = holdLock('k', 0);
    const store = new FileStore(dir, { staleMs: 10_000, timeoutMs: 150 });
    await expect(store.write('k', 'too soon')).rejects.toBeInstanceOf(LockTimeoutError);
    expect(await store.read('k')).toBeUndefined();
    expect(readFileSync(lock, 'utf8')).toBe('held by another process');
  });

  it('proceeds as soon as a live lock is released', async () => {
    const lock = holdLock('k', 0);
    setTimeout(() => rmSync(lock), 50);
    await new FileStore(dir, { staleMs: 10_000, timeoutMs: 2_000 }).write('k', 'after release');
    expect((await new FileStore(dir).read('k'))?.value).toBe('after release');
  });
});

describe('createStores', () => {
  it('puts kv, audit and leases in separate folders under DATA_DIR, surviving a restart', async () => {
    const first = createStores({ dataDir: root });
    await first.kv.write('actions/a1', 1);
    await first.audit.append({ at: '2025-03-14T10:00:00Z', event: 'proposed', actor: { name: 'Ada' }, conversationId: 'c', command: 'pauseProfile' });
    await first.lease('poller', { holderId: 'a', ttlMs: 1000 }).acquire();
    expect(readdirSync(root).sort()).toEqual(['audit', 'kv', 'leases']);
    const second = createStores({ dataDir: root });
    expect((await second.kv.read('actions/a1'))?.value).toBe(1);
    expect(await second.audit.recent('c', 5)).toHaveLength(1);
    expect(await second.lease('poller', { holderId: 'b', ttlMs: 1000 }).acquire()).toBe(false);
  });

  it.each(['../poller', 'a/b', ''])('refuses the lease name %j', (name) => {
    expect(() => createStores({ dataDir: root }).lease(name, { ttlMs: 1000 })).toThrow();
  });
});

describe('FileStore reads and the event loop', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'syncops-reads-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets other work run between reads, so a scan over every record never holds the bot', async () => {
    const store = new FileStore(dir);
    for (let i = 0; i < 20; i++) await store.write(`actions/a${i}`, { i });
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    for (let i = 0; i < 20; i++) {
      expect((await store.read<{ i: number }>(`actions/a${i}`))?.value).toEqual({ i });
      order.push(`read ${i}`);
    }
    expect(order.indexOf('other work')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('other work')).toBeLessThan(order.indexOf('read 1'));
  });
});
