/**
 * One contract, three stores: memory, files (DATA_DIR) and Azure Blob Storage (Azurite). Whatever the
 * bot relies on from a store (create-only, compare-and-set, prefix listing, audit appends that are never
 * lost, one lease holder at a time) is checked here against each of them alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuditEntry, type AuditLog, compareAndSet, FileAuditLog, FileLease, FileStore,
  type KeyValueStore, type Lease, MemoryAuditLog, MemoryStore, PreconditionFailedError,
} from '../../bot/store';
import { BlobAuditLog, BlobLease, BlobStore } from '../../bot/store/blob';
import { freshBlobContainer } from '../support/azureStorage';

interface Subject {
  kv: KeyValueStore;
  audit: AuditLog;
  /** Two contenders for one lease, and a way to make the first lose it as a crash or a hang would. */
  leases?: () => { first: Lease; second: Lease; depose(): Promise<void> };
}

const tempDirs: string[] = [];
const tempDir = () => {
  tempDirs.push(mkdtempSync(join(tmpdir(), 'syncops-conformance-')));
  return tempDirs.at(-1)!;
};
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const SUBJECTS: [string, () => Promise<Subject>][] = [
  ['memory', async () => ({ kv: new MemoryStore(), audit: new MemoryAuditLog() })],
  ['file', async () => {
    const dir = tempDir();
    let clock = 1_000_000;
    const lease = (holderId: string) => new FileLease(join(dir, 'leases', 'poller.json'), { holderId, ttlMs: 30_000, now: () => clock });
    return {
      kv: new FileStore(join(dir, 'kv')), audit: new FileAuditLog(join(dir, 'audit')),
      leases: () => ({ first: lease('a'), second: lease('b'), depose: async () => void (clock += 30_000) }),
    };
  }],
  ['blob', async () => {
    const blobs = await freshBlobContainer();
    return {
      kv: new BlobStore(blobs), audit: new BlobAuditLog(blobs),
      leases: () => ({
        first: new BlobLease(blobs, 'poller', { ttlMs: 15_000 }),
        second: new BlobLease(blobs, 'poller', { ttlMs: 15_000 }),
        // What an expired lease looks like to Azure, without waiting 15 s: broken, free to take at once.
        depose: async () => void (await blobs.client.getBlobClient('leases/poller').getBlobLeaseClient().breakLease(0)),
      }),
    };
  }],
];

const entry = (conversationId: string, i: number, at = `2026-03-14T10:00:${String(i % 60).padStart(2, '0')}.000Z`): AuditEntry => ({
  at, event: 'succeeded', actor: { name: `writer ${i}` }, conversationId, command: 'pauseProfile', detail: { i },
});

describe.each(SUBJECTS)('%s store', (_name, open) => {
  let subject: Subject;
  beforeEach(async () => {
    subject = await open();
  });

  describe('key-value records', () => {
    it('reads nothing for a key never written, and reads back a copy of what was written with its etag', async () => {
      expect(await subject.kv.read('actions/none')).toBeUndefined();
      const value = { state: 'pending', at: '2026-03-14T10:00:00Z', nested: { list: [1, 2] } };
      const etag = await subject.kv.write('actions/a1', value);
      value.nested.list.push(3);
      expect(await subject.kv.read('actions/a1')).toEqual({ value: { state: 'pending', at: '2026-03-14T10:00:00Z', nested: { list: [1, 2] } }, etag });
    });

    it('creates only once with ifNoneMatch "*": the second create fails and leaves the first value', async () => {
      await subject.kv.write('actions/a1', { by: 'first' }, { ifNoneMatch: '*' });
      await expect(subject.kv.write('actions/a1', { by: 'second' }, { ifNoneMatch: '*' })).rejects.toBeInstanceOf(PreconditionFailedError);
      expect((await subject.kv.read('actions/a1'))?.value).toEqual({ by: 'first' });
    });

    it('writes with ifMatch only while the etag is current, and every write gives a new etag', async () => {
      const first = await subject.kv.write('actions/a1', { n: 1 });
      const second = await subject.kv.write('actions/a1', { n: 2 }, { ifMatch: first });
      expect(second).not.toBe(first);
      await expect(subject.kv.write('actions/a1', { n: 3 }, { ifMatch: first })).rejects.toBeInstanceOf(PreconditionFailedError);
      expect((await subject.kv.read('actions/a1'))?.value).toEqual({ n: 2 });
    });

    it('refuses an ifMatch write to a key that is gone', async () => {
      const etag = await subject.kv.write('actions/a1', { n: 1 });
      await subject.kv.delete('actions/a1');
      await expect(subject.kv.write('actions/a1', { n: 2 }, { ifMatch: etag })).rejects.toBeInstanceOf(PreconditionFailedError);
      expect(await subject.kv.read('actions/a1')).toBeUndefined();
    });

    it('deletes, and deleting a missing key is no error', async () => {
      await subject.kv.write('actions/a1', { n: 1 });
      await subject.kv.delete('actions/a1');
      await subject.kv.delete('actions/a1');
      expect(await subject.kv.list('actions/')).toEqual([]);
    });

    it('lists keys by prefix, sorted, including a prefix that ends mid-segment', async () => {
      for (const key of ['actions/b2', 'actions/a1', 'actions/a1x/deep', 'actionsX/a', 'notify/w1']) await subject.kv.write(key, { key });
      expect(await subject.kv.list('actions/')).toEqual(['actions/a1', 'actions/a1x/deep', 'actions/b2']);
      expect(await subject.kv.list('actions/a1')).toEqual(['actions/a1', 'actions/a1x/deep']);
      expect(await subject.kv.list('nothing/')).toEqual([]);
    });

    it('refuses keys that could escape their folder or are not keys at all', async () => {
      for (const key of ['../x', 'a//b', '', 'a/./b', 'sp ace'])
        await expect(subject.kv.write(key, { n: 1 })).rejects.toThrow(/Invalid store key/);
      await expect(subject.kv.list('../')).rejects.toThrow(/Invalid store prefix/);
    });

    it('moves an action from pending to running once when 25 confirms race', async () => {
      await subject.kv.write('actions/a1', { state: 'pending' });
      const claims = await Promise.all(Array.from({ length: 25 }, (_, i) =>
        compareAndSet<{ state: string; by?: number }>(subject.kv, 'actions/a1', (current) => (current?.state === 'pending' ? { state: 'running', by: i } : undefined))));
      expect(claims.filter((claim) => claim.changed)).toHaveLength(1);
      expect((await subject.kv.read<{ state: string }>('actions/a1'))?.value.state).toBe('running');
    });

    it('loses no increment when 20 updaters compare-and-set one counter', async () => {
      await Promise.all(Array.from({ length: 20 }, () => compareAndSet<number>(subject.kv, 'counter', (n) => (n ?? 0) + 1, { attempts: 40 })));
      expect((await subject.kv.read('counter'))?.value).toBe(20);
    });
  });

  describe('audit log', () => {
    it('keeps every one of 40 concurrent appends, and answers newest first for one conversation only', async () => {
      await Promise.all(Array.from({ length: 40 }, (_, i) => subject.audit.append(entry(i % 2 ? 'c-odd' : 'c-even', i))));
      const odd = await subject.audit.recent('c-odd', 100);
      expect(odd.map((e) => e.detail?.i).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, k) => 2 * k + 1));
      expect(odd.every((e) => e.conversationId === 'c-odd')).toBe(true);
      expect(odd[0]?.detail?.i).toBe(39);
    });

    it('reads the latest n across days, newest day first', async () => {
      await subject.audit.append(entry('c1', 1, '2026-03-13T23:59:59.000Z'));
      await subject.audit.append(entry('c1', 2, '2026-03-14T00:00:01.000Z'));
      await subject.audit.append(entry('c1', 3, '2026-03-15T08:00:00.000Z'));
      expect((await subject.audit.recent('c1', 2)).map((e) => e.detail?.i)).toEqual([3, 2]);
      expect((await subject.audit.recent('c1', 10)).map((e) => e.detail?.i)).toEqual([3, 2, 1]);
      expect(await subject.audit.recent('c1', 0)).toEqual([]);
      expect(await subject.audit.recent('someone-else', 10)).toEqual([]);
    });

    it('refuses an entry without a valid time before writing anything', async () => {
      await expect(subject.audit.append({ ...entry('c1', 1), at: 'yesterday' })).rejects.toThrow(/invalid time/);
      expect(await subject.audit.recent('c1', 10)).toEqual([]);
    });
  });
});

// Memory has no lease: one process, nothing to share.
describe.each(SUBJECTS.filter(([name]) => name !== 'memory'))('%s lease', (_name, open) => {
  let leases: ReturnType<NonNullable<Subject['leases']>>;
  beforeEach(async () => {
    leases = (await open()).leases!();
  });

  it('is held by one contender at a time, renewed by its holder, and free again once released', async () => {
    const { first, second } = leases;
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(false);
    expect(await first.renew()).toBe(true);
    expect(await second.renew()).toBe(false);
    await first.release();
    expect(await second.acquire()).toBe(true);
    expect(await first.acquire()).toBe(false);
    await second.release();
  });

  it('is lost by a holder that stopped renewing: the other takes it, and the old holder cannot renew', async () => {
    const { first, second, depose } = leases;
    expect(await first.acquire()).toBe(true);
    await depose();
    expect(await second.acquire()).toBe(true);
    expect(await first.renew()).toBe(false);
    expect(await first.acquire()).toBe(false);
    await second.release();
  });
});
