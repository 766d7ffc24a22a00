/** Channel notifications, built from their parts: the poller (one leader) with its courier; Teams hands in the sender. */
import type { GraphGateway } from '../graph/gateway';
import type { Logger } from '../log';
import type { AuditLog } from '../store/auditLog';
import type { KeyValueStore } from '../store/keyValue';
import type { Lease, LeaseOptions } from '../store/lease';
import type { Clock } from './clock';
import { Courier } from './courier';
import type { NoticeSender } from './model';
import { RateLimiter } from './limiter';
import { Poller, type PollerDeps } from './poller';
import { Subscriptions } from './subscriptions';
import { WatchBook } from './watchBook';

export { systemClock, type Clock } from './clock';
export type { CycleResult, Poller } from './poller';

/** A leader that stops renewing (crashed, hung) is replaced after this many poll intervals. */
const LEASE_INTERVALS = 3;
const MIN_LEASE_MS = 30_000;

export interface NotificationDeps {
  store: KeyValueStore;
  audit: AuditLog;
  /** The `poller` lease of the store, shared by every process on the same DATA_DIR. */
  lease: (options: LeaseOptions) => Lease;
  /** Posts cards to Teams (bot/teams/proactiveSender.ts): notify/ decides what and when, never how. */
  sender: NoticeSender;
  gateway: GraphGateway;
  clock: Clock;
  intervalMs: number;
  log: Logger;
  /** Work for the leader after each cycle. */
  chores?: () => Promise<void>;
  /** The poller lease's ttl; by default LEASE_INTERVALS poll intervals, at least MIN_LEASE_MS (tests take over sooner). */
  leaseTtlMs?: number;
  /** Runs due scheduled changes in the leader (see Poller). */
  scheduler?: PollerDeps['scheduler'];
}

export function createNotifications(deps: NotificationDeps): { poller: Poller } {
  const { store, audit, clock, intervalMs } = deps;
  const log = deps.log.child({ component: 'notify' });
  const book = new WatchBook(store);
  const subscriptions = new Subscriptions(store);
  const lease = deps.lease({ ttlMs: deps.leaseTtlMs ?? Math.max(MIN_LEASE_MS, LEASE_INTERVALS * intervalMs), now: () => clock.now().getTime() });
  const courier = new Courier({
    subscriptions, book, sender: deps.sender, limiter: new RateLimiter(), clock, audit, log, isLeading: () => lease.renew(),
  });
  const poller = new Poller({
    book, subscriptions, gateway: deps.gateway, courier, clock, intervalMs, log, lease,
    ...(deps.chores ? { chores: deps.chores } : {}), ...(deps.scheduler ? { scheduler: deps.scheduler } : {}),
  });
  return { poller };
}
