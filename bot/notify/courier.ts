/**
 * Delivers pending notices of one conversation, within the Teams rate limits, and records the outcome.
 *
 * The crash boundary. Each notice is stored (`ready`) in the same write that moves the baseline, then
 * marked `sending`, then handed to Teams, then cleared. A crash before `sending` loses nothing and sends
 * once. A crash between the send and the clearing write cannot be told apart from a send that never
 * reached Teams (the connector has no idempotency key and no way to read a message back), so there we
 * chose AT-LEAST-ONCE: a notice still `sending` after a restart is sent again, marked "Sent again … may
 * appear twice". A duplicate alert costs a glance; a lost "job entered quarantine" costs a sync outage.
 */
import { renderNotificationCard } from '../../cards/notification';
import type { Logger } from '../log';
import type { AuditLog } from '../store/auditLog';
import type { Clock } from './clock';
import { composeNotification } from '../present/notification';
import type { RateLimiter } from './limiter';
import type { ConversationRecord, Delivery, NoticeSender, Pending, Subscription, Watch } from './model';
import type { Subscriptions } from './subscriptions';
import { sameTarget, type WatchBook } from './watchBook';

/** The longest a notice waits in a cycle for a rate-limit slot; a longer wait moves it to a later cycle. */
export const MAX_WAIT_MS = 5_000;
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 15 * 60_000;

export interface CourierDeps {
  subscriptions: Subscriptions;
  book: WatchBook;
  sender: NoticeSender;
  limiter: RateLimiter;
  clock: Clock;
  audit: AuditLog;
  log: Logger;
  /**
   * Renews the poller's lease before each send; false (or a throw) stops delivery. A renewal that succeeds
   * keeps every other instance out for a whole lease period, longer than one send takes, so a deposed
   * leader (hung past its lease, then woken) cannot post what the new leader posts.
   */
  isLeading?: () => Promise<boolean>;
}

/** A watch with a notice to deliver. */
export interface DueNotice {
  watch: Watch;
  subscription: Subscription & { pending: Pending };
}

type Step = 'sent' | 'next' | 'stop';

export class Courier {
  constructor(private readonly deps: CourierDeps) {}

  /** Sends due notices oldest first; stops at a throttle, a refusal or an unknown outcome. Returns how many were sent. */
  async deliver(record: ConversationRecord, due: readonly DueNotice[]): Promise<number> {
    const now = this.deps.clock.now().getTime();
    const ready = due
      .filter((item) => !item.subscription.pending.notBefore || Date.parse(item.subscription.pending.notBefore) <= now)
      .sort((a, b) => a.subscription.pending.observedAt.localeCompare(b.subscription.pending.observedAt));
    let sent = 0;
    for (const item of ready) {
      const step = await this.deliverOne(record, item);
      if (step === 'sent') sent += 1;
      if (step === 'stop') break;
    }
    return sent;
  }

  private async deliverOne(record: ConversationRecord, { watch, subscription }: DueNotice): Promise<Step> {
    const { clock, limiter, subscriptions } = this.deps;
    const conversation = record.conversationId;
    const address = record.address;
    if (!address) return 'stop';
    const operation = address.teamsChannelId && !subscription.thread ? 'create' : 'send';
    const now = clock.now().getTime();
    const wait = limiter.delay(conversation, operation, now);
    if (wait > MAX_WAIT_MS) return 'stop';
    // Reserved before waiting, so conversations delivered in parallel never overbook the app's window.
    limiter.take(conversation, operation, now + wait);
    if (wait > 0) await clock.sleep(wait);
    const pending = subscription.pending;
    if (this.deps.isLeading && !(await this.deps.isLeading())) return 'stop';
    // Fenced by the record's etag: only the attempt this cycle read may be marked, so of two instances that
    // both read it, one marks it and sends, and the other's compare-and-set finds it changed and moves on.
    const marked = await subscriptions.update(conversation, watch.target, (current) =>
      current.pending?.id === pending.id && current.pending.attempts === pending.attempts
        ? { ...current, pending: { ...current.pending, state: 'sending', attempts: current.pending.attempts + 1 } } : undefined);
    if (!marked?.pending) return 'next';
    const card = renderNotificationCard(composeNotification(watch.target, pending, pending.state === 'sending'));
    const delivery = await this.deps.sender.send(address, card, subscription.thread);
    return this.settle(record, watch, marked.pending, delivery);
  }

  private async settle(record: ConversationRecord, watch: Watch, pending: Pending, delivery: Delivery): Promise<Step> {
    const { subscriptions, log } = this.deps;
    const conversation = record.conversationId;
    const own = (change: (current: Subscription & { pending: Pending }) => Subscription) =>
      subscriptions.update(conversation, watch.target, (current) => (current.pending?.id === pending.id ? change(current as Subscription & { pending: Pending }) : undefined));
    if (delivery.ok) {
      await own(({ pending: _sent, ...rest }) => ({ ...rest, ...(delivery.thread ? { thread: delivery.thread } : {}) }));
      log.info({ event: 'notify.sent', notice: pending.id, kind: pending.notice.kind, target: watch.target.id, attempts: pending.attempts });
      if (pending.notice.kind === 'deleted') await this.deps.book.unwatch(conversation, (w) => sameTarget(w.target, watch.target));
      return 'sent';
    }
    log.warn({ event: 'notify.failed', notice: pending.id, failure: delivery.failure, status: delivery.status, code: delivery.code });
    const later = new Date(this.deps.clock.now().getTime() + this.retryDelay(pending, delivery)).toISOString();
    switch (delivery.failure) {
      case 'throttled':
      case 'unreachable':
        this.deps.limiter.block(conversation, Date.parse(later));
        await own((current) => ({ ...current, pending: { ...current.pending, state: 'ready', notBefore: later } }));
        return 'stop';
      case 'threadGone':
        await own(({ thread: _gone, ...current }) => ({ ...current, pending: { ...current.pending, state: 'ready' } }));
        return 'next';
      case 'gone':
        await this.suspend(record, delivery);
        await own((current) => ({ ...current, pending: { ...current.pending, state: 'ready' } }));
        return 'stop';
      case 'rejected':
        log.error({ event: 'notify.dropped', notice: pending.id, status: delivery.status, code: delivery.code });
        await own(({ pending: _dropped, ...current }) => current);
        return 'next';
      case 'unknown':
        await own((current) => ({ ...current, pending: { ...current.pending, notBefore: later } }));
        return 'stop';
    }
  }

  /** Retry-After when Teams gave one, else exponential back-off with a little jitter (reference (d)). */
  private retryDelay(pending: Pending, delivery: Delivery): number {
    if (!delivery.ok && delivery.failure === 'throttled' && delivery.retryAfterMs !== undefined) return delivery.retryAfterMs;
    const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, pending.attempts - 1));
    return backoff * (1 + Math.random() * 0.1);
  }

  /** Teams says the bot is gone from the conversation: audited once, then nothing is read or sent for it. */
  private async suspend(record: ConversationRecord, delivery: Extract<Delivery, { ok: false }>): Promise<void> {
    if (record.suspended) return;
    const at = this.deps.clock.now().toISOString();
    await this.deps.audit.append({
      at, event: 'suspended', actor: { name: 'SyncOps' }, conversationId: record.conversationId, command: 'notify',
      outcome: `Teams refused delivery (${delivery.status} ${delivery.code}); ${record.watches.length} watch(es) suspended`,
    });
    await this.deps.book.suspend(record.conversationId, { at, status: delivery.status, code: delivery.code });
    this.deps.log.warn({ event: 'notify.suspended', status: delivery.status, code: delivery.code, watches: record.watches.length });
  }
}
