import { compareAndSet, type KeyValueStore } from '../store/keyValue';
import { subscriptionKey } from './keys';
import type { Subscription, WatchTarget } from './model';

type Target = Pick<WatchTarget, 'kind' | 'id'>;

/** Each conversation's notification state per watched object: baseline, pending notice, thread, flapping. */
export class Subscriptions {
  constructor(private readonly store: KeyValueStore) {}

  async read(conversationId: string, target: Target): Promise<Subscription | undefined> {
    return (await this.store.read<Subscription>(subscriptionKey(conversationId, target)))?.value;
  }

  /**
   * Compare-and-set of one subscription; `change` returns undefined to write nothing. A subscription that
   * is gone (unwatched meanwhile) stays gone: the poller never brings back a watch someone removed.
   */
  async update(conversationId: string, target: Target, change: (current: Subscription) => Subscription | undefined): Promise<Subscription | undefined> {
    const result = await compareAndSet<Subscription>(this.store, subscriptionKey(conversationId, target), (current) => (current ? change(current) : undefined));
    return result.changed ? result.value : undefined;
  }

  delete(conversationId: string, target: Target): Promise<void> {
    return this.store.delete(subscriptionKey(conversationId, target));
  }
}
