/** What the notification modules keep and pass around: watches, snapshots of Graph state, changes, notices. */
import type { ConversationReference } from 'botbuilder';
import type { WatchFilter } from '../commands/types';

/** What a watch follows: one SDS (Classic) profile, every provisioning job of one enterprise app, or the new SDS of the tenant. */
export interface WatchTarget {
  kind: 'profile' | 'app' | 'sds';
  id: string;
  name: string;
}

export interface Watch {
  target: WatchTarget;
  only: WatchFilter;
  since: string;
  by: string;
}

/**
 * Where to post in a conversation, saved from its own activities. Operations store it as they get it;
 * only the sender reads its fields. `teamsChannelId` is set in channels, where each object gets a thread.
 */
export interface ConversationAddress {
  reference: Partial<ConversationReference>;
  teamsChannelId?: string;
  tenantId?: string;
}

/** What posts a card to a conversation outside a turn (bot/teams/proactiveSender.ts), as the courier sees it. */
export interface NoticeSender {
  send(address: ConversationAddress, card: Record<string, unknown>, thread: string | undefined): Promise<Delivery>;
}

/**
 * How a send ended. `throttled`, `unreachable` and `threadGone`: not shown, try again later. `gone`: the
 * bot cannot post there any more (removed, blocked). `rejected`: this card will never be accepted.
 * `unknown`: Teams may or may not have shown it.
 */
export type Delivery =
  | { ok: true; thread?: string }
  | { ok: false; failure: 'throttled'; status: number; code: string; retryAfterMs?: number }
  | { ok: false; failure: 'gone' | 'threadGone' | 'rejected' | 'unknown' | 'unreachable'; status: number; code: string };

/** Teams refused delivery for good (bot removed, blocked): nothing is read or sent until it is back. */
export interface Suspension {
  at: string;
  status: number;
  code: string;
}

/** One conversation's watches and how to reach it (one store key per conversation). */
export interface ConversationRecord {
  /** The conversation without a thread suffix: a channel, a group chat or a personal chat. */
  conversationId: string;
  address?: ConversationAddress;
  watches: Watch[];
  suspended?: Suspension;
}

/** What the diff needs of a profile, as Graph last answered. */
export interface ProfileSnapshot {
  kind: 'profile';
  status: string;
  message?: string;
  errorCount: number;
}

export interface JobSnapshot {
  code: string;
  quarantine?: { reason: string; nextAttempt?: string; error?: string };
  lastRun?: { id: string; state: string; endedAt?: string; error?: string };
  escrowed: number;
}

/** Every job of an app, by job id. */
export interface AppSnapshot {
  kind: 'app';
  jobs: Record<string, JobSnapshot>;
}

/** The new SDS of the tenant: its latest ended run and each inbound flow's readiness and expiry. */
export interface SdsSnapshot {
  kind: 'sds';
  lastRun?: { id: string; status: string; errors: number; warnings: number; blockingError?: string };
  flows: Record<string, { name: string; readiness: string; expiresAt?: string; isExpiringSoon: boolean }>;
}

export type Snapshot = ProfileSnapshot | AppSnapshot | SdsSnapshot;

/** One thing that changed; `job` names the job for app watches. */
export type Change =
  | { kind: 'status'; job?: string; from: string; to: string }
  | { kind: 'errors'; job?: string; before: number; after: number }
  | { kind: 'quarantineEntered'; job?: string; reason: string; nextAttempt?: string; error?: string }
  | { kind: 'quarantineLeft'; job?: string; reason: string; to: string }
  | { kind: 'runFailed'; job: string; error?: string; endedAt?: string }
  | { kind: 'jobAdded'; job: string; code: string }
  | { kind: 'jobRemoved'; job: string }
  | { kind: 'deleted' }
  | { kind: 'sdsRunEnded'; runId: string; status: string; errors: number; warnings: number; blockingError?: string }
  | { kind: 'sdsFlowReadiness'; flow: string; name: string; from: string; to: string }
  | { kind: 'sdsFlowExpiring'; flow: string; name: string; expiresAt: string };

/** A profile error as a notification shows it. */
export interface ErrorBrief {
  entryType?: string;
  code?: string;
  message?: string;
  identifier?: string;
  at?: string;
}

/** What one notification says; the card is built from it when it is sent. */
export type Notice =
  | { kind: 'changes'; changes: Change[]; current: Snapshot; newestErrors?: ErrorBrief[] }
  /** The object changed in too many recent cycles: said once, then summarized. */
  | { kind: 'flapping'; changes: Change[]; changedCycles: number; windowMinutes: number; current: Snapshot }
  | { kind: 'settled'; since: string; changedCycles: number; net: Change[]; current: Snapshot }
  | { kind: 'stillFlapping'; since: string; changedCycles: number; current: Snapshot }
  | { kind: 'deleted' }
  /** Graph no longer serves SDS (Classic): said once; the watch is then read again only once a day. */
  | { kind: 'classicRetired' };

/**
 * A notification decided and not yet known to be delivered. `ready`: never handed to Teams. `sending`:
 * handed over, outcome unknown (a crash or a lost answer), so a retry may repeat it.
 */
export interface Pending {
  id: string;
  notice: Notice;
  /** What the conversation knew before this notice; a later change is merged into one card from here. */
  from?: Snapshot;
  observedAt: string;
  state: 'ready' | 'sending';
  attempts: number;
  notBefore?: string;
}

/** Cycles with a change inside the flap window, and the state of a flapping episode. */
export interface FlapState {
  changedAt: string[];
  since?: string;
  changedCycles?: number;
  quietCycles?: number;
  lastPostAt?: string;
  /** The state the last flapping card showed, so "settled" can say what changed overall. */
  shown?: Snapshot;
}

/** One conversation's view of one watched object. */
export interface Subscription {
  /** The last state this conversation's notifications took into account. */
  baseline?: Snapshot;
  /** Consecutive cycles Graph answered 404: deletion is believed on the second. */
  missing?: number;
  /** When Graph answered that SDS (Classic) is retired: the watch is suspended, and read again a day later. */
  retiredAt?: string;
  pending?: Pending;
  /** The channel thread of this object (conversation id with `;messageid=`). */
  thread?: string;
  flap?: FlapState;
}

/**
 * One conversation's subscriptions, by the objectKey of what they watch, in one store record: a poll cycle
 * reads each conversation once and writes it back (once) only when a decision changed something.
 */
export interface SubscriptionRecord {
  conversationId: string;
  byObject: Record<string, Subscription>;
}
