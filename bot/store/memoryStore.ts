import { randomUUID } from 'node:crypto';
import { assertValidKey, assertValidPrefix } from './keys';
import { checkCondition, type KeyValueStore, type Stored, type WriteCondition } from './keyValue';

/**
 * FileStore's semantics in memory, for tests of other modules and benchmarks: same key rules, same
 * conditions, and values stored as JSON text, so callers get copies and lose what JSON would lose.
 */
export class MemoryStore implements KeyValueStore {
  private readonly records = new Map<string, { json: string; etag: string }>();

  async read<T>(key: string): Promise<Stored<T> | undefined> {
    assertValidKey(key);
    const record = this.records.get(key);
    return record && { value: JSON.parse(record.json) as T, etag: record.etag };
  }

  async write<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    assertValidKey(key);
    if (value === undefined) throw new Error(`Cannot store undefined at ${JSON.stringify(key)}`);
    checkCondition(key, condition, this.records.get(key));
    const etag = randomUUID();
    this.records.set(key, { json: JSON.stringify(value), etag });
    return etag;
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    this.records.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    return [...this.records.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}
