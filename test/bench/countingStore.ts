/** A store that counts reads and writes per key, so a bench cycle can show it touched each record at most once. */
import type { KeyValueStore, Stored, WriteCondition } from '../../bot/store';

export interface KeyCounts {
  /** The most reads (and writes) any one key under the prefix had since the last `take`. */
  maxReads: number;
  maxWrites: number;
}

export class CountingStore implements KeyValueStore {
  private reads = new Map<string, number>();
  private writes = new Map<string, number>();

  constructor(private readonly inner: KeyValueStore) {}

  read<T>(key: string): Promise<Stored<T> | undefined> {
    this.reads.set(key, (this.reads.get(key) ?? 0) + 1);
    return this.inner.read<T>(key);
  }

  write<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
    return this.inner.write(key, value, condition);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }

  /** The counts for keys under `prefix` since the last call, then starts counting afresh. */
  take(prefix: string): KeyCounts {
    const most = (counts: Map<string, number>) => Math.max(0, ...[...counts].filter(([key]) => key.startsWith(prefix)).map(([, n]) => n));
    const counts = { maxReads: most(this.reads), maxWrites: most(this.writes) };
    this.reads = new Map();
    this.writes = new Map();
    return counts;
  }
}
