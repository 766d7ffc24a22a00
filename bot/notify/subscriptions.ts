import { compareAndSet, PreconditionFailedError, type KeyValueStore, type Stored } from '../store/keyValue';
import { baseConversationId, LEGACY_SUBSCRIPTIONS_PREFIX, legacySubscriptionKey, objectKey, subscriptionsKey } from './keys';
import type { ConversationRecord, Subscription, SubscriptionRecord, WatchTarget } from './model';

type Target = Pick<WatchTarget, 'kind' | 'id'>;
export type ByObject = SubscriptionRecord['byObject'];

/**
 * Each conversation's notification state per watched object (baseline, pending notice, thread, flapping), in
 * one record per conversation, changed only by conditional writes: the poller, its courier and the watch
 * commands (in any process) may change the same record at once.
 */
export class Subscriptions {
  constructor(private readonly store: KeyValueStore) {}

  /** A conversation's subscriptions, with the etag `replace` writes them back with. */
  readAll(conversationId: string): Promise<Stored<SubscriptionRecord> | undefined> {
    return this.store.read<SubscriptionRecord>(subscriptionsKey(conversationId));
  }

  /** Writes `record` only if nobody wrote it since it was read at `etag`: false when someone had. */
  async replace(conversationId: string, record: SubscriptionRecord, etag: string): Promise<boolean> {
    try {
      await this.store.write(subscriptionsKey(conversationId), record, { ifMatch: etag });
      return true;
    } catch (error) {
      if (error instanceof PreconditionFailedError) return false;
      throw error;
    }
  }

  /** Compare-and-set of a conversation's subscriptions; `change` returns undefined to write nothing. Returns them as stored after. */
  async updateAll(conversationId: string, change: (byObject: ByObject) => ByObject | undefined): Promise<ByObject> {
    const empty: SubscriptionRecord = { conversationId: baseConversationId(conversationId), byObject: {} };
    const result = await compareAndSet<SubscriptionRecord>(this.store, subscriptionsKey(conversationId), (current = empty) => {
      const byObject = change(current.byObject);
      return byObject && { ...current, byObject };
    });
    return result.value?.byObject ?? {};
  }

  /**
   * Compare-and-set of one subscription; `change` returns undefined to write nothing. A subscription that
   * is gone (unwatched meanwhile) stays gone: the poller never brings back a watch someone removed.
   */
  async update(conversationId: string, target: Target, change: (current: Subscription) => Subscription | undefined): Promise<Subscription | undefined> {
    const key = objectKey(target);
    let saved: Subscription | undefined;
    await this.updateAll(conversationId, (byObject) => {
      const current = byObject[key];
      saved = current && change(current);
      return saved && { ...byObject, [key]: saved };
    });
    return saved;
  }

  /** A new watch's subscription; it replaces any left behind. */
  async start(conversationId: string, target: Target, subscription: Subscription): Promise<void> {
    await this.updateAll(conversationId, (byObject) => ({ ...byObject, [objectKey(target)]: subscription }));
  }

  /** Ends the subscriptions to `targets`, with their notification state. */
  async end(conversationId: string, targets: readonly Target[]): Promise<void> {
    const keys = targets.map((target) => objectKey(target));
    await this.updateAll(conversationId, (byObject) => {
      if (!keys.some((key) => Object.hasOwn(byObject, key))) return undefined;
      const next = { ...byObject };
      for (const key of keys) delete next[key];
      return next;
    });
  }

  /**
   * Moves subscriptions kept under a key each (the layout before one record per conversation) into their
   * conversation's record, then deletes those keys. A subscription already in the record is newer and wins;
   * one no watch points to any more is dropped. Costs one empty listing once nothing is left to move.
   */
  async adoptLegacy(records: readonly ConversationRecord[]): Promise<void> {
    const legacy = new Set(await this.store.list(LEGACY_SUBSCRIPTIONS_PREFIX));
    if (legacy.size === 0) return;
    for (const record of records) {
      const found: ByObject = {};
      for (const { target } of record.watches) {
        const key = legacySubscriptionKey(record.conversationId, target);
        const stored = legacy.has(key) ? await this.store.read<Subscription>(key) : undefined;
        if (stored) found[objectKey(target)] = stored.value;
      }
      if (Object.keys(found).length === 0) continue;
      await this.updateAll(record.conversationId, (byObject) => {
        const missing = Object.keys(found).filter((key) => !Object.hasOwn(byObject, key));
        return missing.length ? { ...byObject, ...Object.fromEntries(missing.map((key) => [key, found[key]!])) } : undefined;
      });
    }
    for (const key of legacy) await this.store.delete(key);
  }
}
