import { MemoryAuditLog, MemoryStore, type KeyValueStore } from '../../bot/store';
import { presentFailure } from '../../bot/present/failure';
import { StorageDeadlineError, withStorageDeadlines } from '../../bot/storageDeadline';
import { textsOf } from '../support/cards';

const never = () => new Promise<never>(() => undefined);

/** A store whose writes hang, as a stuck network disk does; reads still answer. */
function hangingWrites(inner: KeyValueStore): KeyValueStore {
  return { read: (key) => inner.read(key), write: never, delete: never, list: (prefix) => inner.list(prefix) };
}

describe('storage deadlines', () => {
  it('end a hung write with StorageDeadlineError, and leave answering calls alone', async () => {
    const memory = new MemoryStore();
    await memory.write('actions/a', { state: 'pending' });
    const { kv } = withStorageDeadlines({ kv: hangingWrites(memory), audit: new MemoryAuditLog() }, 50);
    const started = Date.now();
    await expect(kv.write('actions/a', { state: 'running' })).rejects.toBeInstanceOf(StorageDeadlineError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await kv.read<{ state: string }>('actions/a'))?.value.state).toBe('pending');
  });

  it('pass a store\'s own errors through unchanged', async () => {
    const failing = { ...new MemoryStore(), read: () => Promise.reject(Object.assign(new Error('read-only'), { code: 'EROFS' })) } as unknown as KeyValueStore;
    const { kv } = withStorageDeadlines({ kv: failing, audit: new MemoryAuditLog() }, 50);
    await expect(kv.read('x')).rejects.toMatchObject({ code: 'EROFS' });
  });

  it('show as a card that says the outcome is not known, not that nothing was done', () => {
    const card = presentFailure(new StorageDeadlineError('storage write', 20_000), 'ab12cd34');
    expect(textsOf(card)).toEqual([
      'SyncOps storage did not answer in time',
      'This may or may not have been recorded. Look at the card again, or run audit, before trying again (ref ab12cd34).',
    ]);
  });
});
