import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compareAndSet,
  ContentionError,
  FileStore,
  type KeyValueStore,
  MemoryStore,
  PreconditionFailedError,
} from '../../bot/store';

/** The KeyValueStore contract, run against both implementations so they cannot drift apart. */
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function newFileStore(): KeyValueStore {
  const dir = mkdtempSync(join(tmpdir(), 'syncops-kv-'));
  dirs.push(dir);
  return new FileStore(dir);
}

interface Action {
  state: 'pending' | 'running';
  by?: number;
}

async function outcomes<T>(tasks: Promise<T>[]): Promise<{ values: T[]; errors: unknown[] }> {
  const settled = await Promise.allSettled(tasks);
  return {
    values: settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    errors: settled.flatMap((result) => (result.status === 'rejected' ? [result.reason] : [])),
  };
}

describe.each([
  ['FileStore', newFileStore],
  ['MemoryStore', () => new MemoryStore()],
])('%s', (_name, newStore: () => KeyValueStore) => {
  let store: KeyValueStore;
  beforeEach(() => {
    store = newStore();
  });

  it('reads back what it wrote, with the etag write returned', async () => {
    const etag = await store.write('actions/a1', { state: 'pending', n: 1 });
    expect(await store.read('actions/a1')).toEqual({ value: { state: 'pending', n: 1 }, etag });
  });

  it('reads nothing for a key never written', async () => {
    expect(await store.read('actions/missing')).toBeUndefined();
  });

  it('hands out copies, so changing a read value does not change the store', async () => {
    await store.write('k', { list: [1] });
    const first = await store.read<{ list: number[] }>('k');
    first?.value.list.push(2);
    expect((await store.read('k'))?.value).toEqual({ list: [1] });
  });

  it('gives every write a new etag, even when the value is the same', async () => {
    const first = await store.write('k', 'same');
    expect(await store.write('k', 'same')).not.toBe(first);
  });

  it('writes with ifMatch when the etag is current', async () => {
    const etag = await store.write('k', 1);
    await store.write('k', 2, { ifMatch: etag });
    expect((await store.read('k'))?.value).toBe(2);
  });

  it('refuses ifMatch with a stale etag and keeps the newer value', async () => {
    const stale = await store.write('k', 1);
    await store.write('k', 2);
    await expect(store.write('k', 3, { ifMatch: stale })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect((await store.read('k'))?.value).toBe(2);
  });

  it('refuses ifMatch on a key that does not exist', async () => {
    await expect(store.write('k', 1, { ifMatch: 'anything' })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await store.read('k')).toBeUndefined();
  });

  it('creates with ifNoneMatch when the key is absent', async () => {
    await store.write('k', 'first', { ifNoneMatch: '*' });
    expect((await store.read('k'))?.value).toBe('first');
  });

  it('refuses ifNoneMatch on an existing key and keeps its value', async () => {
    await store.write('k', 'first');
    await expect(store.write('k', 'second', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect((await store.read('k'))?.value).toBe('first');
  });

  it('deletes a key, and deleting a missing key is not an error', async () => {
    await store.write('k', 1);
    await store.delete('k');
    await store.delete('k');
    expect(await store.read('k')).toBeUndefined();
    await store.write('k', 2, { ifNoneMatch: '*' });
    expect((await store.read('k'))?.value).toBe(2);
  });

  it('refuses to store undefined', async () => {
    await expect(store.write('k', undefined)).rejects.toThrow(/undefined/);
  });

  it('lists the keys under a prefix, sorted, and nothing else', async () => {
    for (const key of ['actions/b', 'actions/a', 'actions/sub/c', 'watches/a', 'actionsX']) await store.write(key, 1);
    expect(await store.list('actions/')).toEqual(['actions/a', 'actions/b', 'actions/sub/c']);
    expect(await store.list('actions/s')).toEqual(['actions/sub/c']);
    expect(await store.list('nothing/')).toEqual([]);
    expect(await store.list('')).toEqual(['actions/a', 'actions/b', 'actions/sub/c', 'actionsX', 'watches/a']);
  });

  it.each([
    '', '../x', 'a/../b', '..', '.', 'a/./b', '/abs', '/etc/passwd', 'a//b', 'a/', 'a b', 'a\\b', 'C:\\x',
    'a%2F..', 'ä', 'a\0b', 'x'.repeat(201), `${'x/'.repeat(256)}x`,
  ])('refuses the key %j everywhere', async (key) => {
    await expect(store.write(key, 1)).rejects.toThrow(/Invalid store key/);
    await expect(store.read(key)).rejects.toThrow(/Invalid store key/);
    await expect(store.delete(key)).rejects.toThrow(/Invalid store key/);
  });

  it.each(['a', 'actions/3f2a-01_b.c', 'a..b', '.hidden', 'x'.repeat(200), `${'x'.repeat(200)}/${'y'.repeat(200)}/${'z'.repeat(110)}`])('accepts the key %j', async (key) => {
    await store.write(key, 1);
    expect((await store.read(key))?.value).toBe(1);
  });

  it.each(['../', '/', 'a//', 'a b', '../../etc'])('refuses the prefix %j', async (prefix) => {
    await expect(store.list(prefix)).rejects.toThrow(/Invalid store prefix/);
  });

  describe('compareAndSet', () => {
    const claim = (by: number) => (current: Action | undefined) =>
      current?.state === 'pending' ? { state: 'running' as const, by } : undefined;

    it('moves pending to running for exactly one of 50 concurrent claimers', async () => {
      await store.write<Action>('actions/a1', { state: 'pending' });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, by) => compareAndSet(store, 'actions/a1', claim(by), { attempts: 50 })),
      );
      const winners = results.filter((result) => result.changed);
      expect(winners).toHaveLength(1);
      expect((await store.read('actions/a1'))?.value).toEqual(winners[0].value);
    });

    it('changes nothing when the update declines, and says so', async () => {
      const etag = await store.write<Action>('actions/a1', { state: 'running', by: 7 });
      const result = await compareAndSet(store, 'actions/a1', claim(1));
      expect(result).toEqual({ changed: false, value: { state: 'running', by: 7 } });
      expect((await store.read('actions/a1'))?.etag).toBe(etag);
    });

    it('counts 50 concurrent increments exactly 50 times', async () => {
      const increment = (count: number | undefined) => (count ?? 0) + 1;
      await Promise.all(Array.from({ length: 50 }, () => compareAndSet(store, 'counter', increment, { attempts: 50 })));
      expect((await store.read('counter'))?.value).toBe(50);
    });

    it('gives up with ContentionError when attempts run out, and only the successes count', async () => {
      const increment = (count: number | undefined) => (count ?? 0) + 1;
      const { values, errors } = await outcomes(
        Array.from({ length: 50 }, () => compareAndSet(store, 'counter', increment, { attempts: 1 })),
      );
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((error) => error instanceof ContentionError)).toBe(true);
      expect((await store.read('counter'))?.value).toBe(values.length);
    });

    it('creates a missing value with ifNoneMatch semantics', async () => {
      const result = await compareAndSet<number>(store, 'fresh', (current) => (current === undefined ? 1 : undefined));
      expect(result).toEqual({ changed: true, value: 1 });
      expect((await store.read('fresh'))?.value).toBe(1);
    });
  });
});
