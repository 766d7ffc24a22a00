import { compareAndSet, type KeyValueStore } from '../store/keyValue';
import { baseConversationId, CONVERSATIONS_PREFIX, conversationRecordKey, objectKey } from './keys';
import type { ConversationAddress, ConversationRecord, Snapshot, Suspension, Watch, WatchTarget } from './model';
import { Subscriptions } from './subscriptions';

export type WatchResult = 'added' | 'updated' | 'unchanged';

/**
 * The watches of each conversation and how to reach it, one store key per conversation, changed only by
 * compare-and-set: a command and the poller (in any process) may update the same record at once.
 */
export class WatchBook {
  private readonly subscriptions: Subscriptions;

  constructor(private readonly store: KeyValueStore) {
    this.subscriptions = new Subscriptions(store);
  }

  async read(conversationId: string): Promise<ConversationRecord | undefined> {
    return (await this.store.read<ConversationRecord>(conversationRecordKey(conversationId)))?.value;
  }

  /** Adds the watch, or changes its filter; a new watch starts from `baseline`, so only later changes are posted. */
  async watch(conversationId: string, address: ConversationAddress, watch: Watch, baseline: Snapshot): Promise<WatchResult> {
    let result = 'unchanged' as WatchResult;
    await this.update(conversationId, (record) => {
      const existing = record.watches.find((w) => sameTarget(w.target, watch.target));
      result = !existing ? 'added' : existing.only !== watch.only ? 'updated' : 'unchanged';
      const watches = existing ? record.watches.map((w) => (w === existing ? { ...w, only: watch.only } : w)) : [...record.watches, watch];
      return { ...record, address, watches };
    });
    if (result === 'added') await this.subscriptions.start(conversationId, watch.target, { baseline });
    return result;
  }

  /** Removes the watches `isRemoved` picks, with their notification state; returns them. */
  async unwatch(conversationId: string, isRemoved: (watch: Watch) => boolean): Promise<Watch[]> {
    let removed: Watch[] = [];
    await this.update(conversationId, (record) => {
      removed = record.watches.filter(isRemoved);
      return removed.length ? { ...record, watches: record.watches.filter((w) => !isRemoved(w)) } : undefined;
    });
    if (removed.length) await this.subscriptions.end(conversationId, removed.map((watch) => watch.target));
    return removed;
  }

  /** True when this call suspended it (it was not already). */
  async suspend(conversationId: string, suspension: Suspension): Promise<boolean> {
    const { changed } = await this.update(conversationId, (record) => (record.suspended ? undefined : { ...record, suspended: suspension }));
    return changed;
  }

  /** The suspension lifted, if there was one. */
  async resume(conversationId: string): Promise<Suspension | undefined> {
    let lifted: Suspension | undefined;
    await this.update(conversationId, (record) => {
      lifted = record.suspended;
      if (!lifted) return undefined;
      const next = { ...record };
      delete next.suspended;
      return next;
    });
    return lifted;
  }

  /** Keeps the freshest address of a conversation (Teams may move it to another regional serviceUrl). */
  async recordAddress(conversationId: string, address: ConversationAddress): Promise<void> {
    const wanted = JSON.stringify(address);
    await this.update(conversationId, (record) => (JSON.stringify(record.address) === wanted ? undefined : { ...record, address }));
  }

  /** Every conversation with watches, suspended ones included (the caller decides what to skip). */
  async list(): Promise<ConversationRecord[]> {
    const records: ConversationRecord[] = [];
    for (const key of await this.store.list(CONVERSATIONS_PREFIX)) {
      const record = (await this.store.read<ConversationRecord>(key))?.value;
      if (record && record.watches.length > 0) records.push(record);
    }
    return records;
  }

  /** Read-modify-write of one record (an absent one reads as empty); `change` returns undefined to write nothing. */
  private update(conversationId: string, change: (record: ConversationRecord) => ConversationRecord | undefined) {
    const empty: ConversationRecord = { conversationId: baseConversationId(conversationId), watches: [] };
    return compareAndSet<ConversationRecord>(this.store, conversationRecordKey(conversationId), (current) => change(current ?? empty));
  }
}

export function sameTarget(a: Pick<WatchTarget, 'kind' | 'id'>, b: Pick<WatchTarget, 'kind' | 'id'>): boolean {
  return objectKey(a) === objectKey(b);
}
