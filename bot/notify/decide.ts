/**
 * What one conversation should be told about one watched object after a read: the pure core of the
 * poller. It runs inside a compare-and-set, so it may run more than once and must not have effects.
 *
 * Flapping rule: an object that changed in FLAP_THRESHOLD poll cycles within FLAP_WINDOW_CYCLES cycles
 * (e.g. Active → Quarantine → Active → Quarantine) gets one "keeps changing" card instead of its third
 * change card. Its changes are then only counted, until QUIET_CYCLES cycles pass without a change (one
 * "settled" card, with the net change) or REMINDER_MS passes (one "still changing" card, at most hourly).
 */
import type { WatchFilter } from '../commands/types';
import { diffSnapshots, filterChanges } from './diff';
import type { ErrorBrief, FlapState, Notice, Pending, Snapshot, Subscription } from './model';

export const FLAP_WINDOW_CYCLES = 6;
export const FLAP_THRESHOLD = 3;
export const QUIET_CYCLES = 3;
export const REMINDER_MS = 60 * 60_000;
/** One 404 may be Graph catching up (replication); the second, a cycle later, is believed. */
export const MISSING_READS_FOR_DELETED = 2;

/** A read of the object this cycle: its state, or Graph's 404. Objects Graph failed to answer get no decision. */
export type Observation = { kind: 'seen'; snapshot: Snapshot; newestErrors?: ErrorBrief[] } | { kind: 'missing' } | { kind: 'retired' };

export interface DecideContext {
  now: Date;
  intervalMs: number;
  only: WatchFilter;
  /** Id for a new notification; fixed before the compare-and-set so every retry decides the same. */
  noticeId: string;
}

/** The subscription after this observation, or undefined when nothing needs writing. */
export function decide(current: Subscription, observation: Observation, ctx: DecideContext): Subscription | undefined {
  // One notice at a time: one Teams may already have shown, or a summary, is delivered before the
  // baseline moves on, so nothing is skipped. Only an unsent change card absorbs later changes.
  if (current.pending && (current.pending.state === 'sending' || current.pending.notice.kind !== 'changes')) return undefined;
  if (isUnchanged(current, observation)) return undefined;
  if (observation.kind === 'retired') return decideRetired(current, ctx);
  const next = observation.kind === 'missing' ? decideMissing(current, ctx)
    : !current.baseline ? { ...withoutMissing(current), baseline: observation.snapshot }
    : current.flap?.since ? decideFlapping(current, current.baseline, observation.snapshot, ctx)
    : decideSteady(current, current.baseline, observation, ctx);
  return JSON.stringify(next) === JSON.stringify(current) ? undefined : next;
}

/**
 * Seen exactly as the baseline, outside a flapping episode and a run of 404s: the answer for nearly every
 * watch in nearly every cycle, so it is found without building the next state (the rest of `decide` would
 * build it, then find it equal). The poller asks it first, before making anything for the watch.
 */
export function isUnchanged(current: Subscription, observation: Observation): boolean {
  return observation.kind === 'seen' && current.baseline !== undefined && current.missing === undefined && current.flap?.since === undefined
    && isSameData(current.baseline, observation.snapshot);
}

/** Deep equality of JSON data, without allocating; a value JSON would drop (undefined) only makes it say "different". */
function isSameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  let keys = 0;
  for (const key in a) {
    if (!Object.hasOwn(b, key) || !isSameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
    keys += 1;
  }
  for (const key in b) if (Object.hasOwn(b, key)) keys -= 1;
  return keys === 0;
}

/** SDS (Classic) gone: one card, then the watch rests (the cycle skips it for a day); never "deleted". */
function decideRetired(current: Subscription, ctx: DecideContext): Subscription | undefined {
  if (current.retiredAt) return { ...current, retiredAt: ctx.now.toISOString() };
  return { ...withoutMissing(current), retiredAt: ctx.now.toISOString(), pending: pendingOf({ kind: 'classicRetired' }, ctx) };
}

function decideMissing(current: Subscription, ctx: DecideContext): Subscription {
  const missing = (current.missing ?? 0) + 1;
  if (missing < MISSING_READS_FOR_DELETED) return { ...current, missing };
  return { ...current, missing, pending: pendingOf({ kind: 'deleted' }, ctx) };
}

function decideSteady(current: Subscription, baseline: Snapshot, observation: Extract<Observation, { kind: 'seen' }>, ctx: DecideContext): Subscription {
  const { snapshot } = observation;
  const changes = filterChanges(diffSnapshots(baseline, snapshot), ctx.only);
  const base = { ...withoutMissing(current), baseline: snapshot };
  if (changes.length === 0) return base;
  const changedAt = recentChanges(current.flap, ctx);
  if (changedAt.length >= FLAP_THRESHOLD) {
    const notice: Notice = { kind: 'flapping', changes, changedCycles: changedAt.length, windowMinutes: windowMs(ctx) / 60_000, current: snapshot };
    const flap: FlapState = { changedAt, since: ctx.now.toISOString(), changedCycles: 0, quietCycles: 0, lastPostAt: ctx.now.toISOString(), shown: snapshot };
    return { ...base, pending: pendingOf(notice, ctx), flap };
  }
  // A change card still waiting to be sent is replaced by one covering everything since what was last told.
  const waiting = current.pending?.state === 'ready' && current.pending.notice.kind === 'changes' ? current.pending : undefined;
  const from = waiting?.from ?? baseline;
  const net = filterChanges(diffSnapshots(from, snapshot), ctx.only);
  const flap = { changedAt };
  if (net.length === 0) return { ...base, flap, pending: undefined };
  const errors = observation.newestErrors?.length ? { newestErrors: observation.newestErrors } : {};
  // A merged card keeps the wait Teams asked for (Retry-After) on the card it replaces.
  const wait = waiting?.notBefore ? { notBefore: waiting.notBefore } : {};
  return { ...base, flap, pending: { ...pendingOf({ kind: 'changes', changes: net, current: snapshot, ...errors }, ctx), from, ...wait } };
}

function decideFlapping(current: Subscription, baseline: Snapshot, snapshot: Snapshot, ctx: DecideContext): Subscription {
  const flap = current.flap as FlapState & { since: string };
  const changed = filterChanges(diffSnapshots(baseline, snapshot), ctx.only).length > 0;
  const changedCycles = (flap.changedCycles ?? 0) + (changed ? 1 : 0);
  const quietCycles = changed ? 0 : (flap.quietCycles ?? 0) + 1;
  const base = { ...withoutMissing(current), baseline: snapshot };
  if (quietCycles >= QUIET_CYCLES) {
    const net = filterChanges(diffSnapshots(flap.shown ?? baseline, snapshot), ctx.only);
    const notice: Notice = { kind: 'settled', since: flap.since, changedCycles, net, current: snapshot };
    return { ...base, pending: pendingOf(notice, ctx), flap: { changedAt: [] } };
  }
  const isReminderDue = changedCycles > 0 && ctx.now.getTime() - Date.parse(flap.lastPostAt ?? flap.since) >= REMINDER_MS;
  if (isReminderDue) {
    const notice: Notice = { kind: 'stillFlapping', since: flap.since, changedCycles, current: snapshot };
    return { ...base, pending: pendingOf(notice, ctx), flap: { ...flap, changedCycles: 0, quietCycles, lastPostAt: ctx.now.toISOString(), shown: snapshot } };
  }
  return { ...base, flap: { ...flap, changedCycles, quietCycles } };
}

function recentChanges(flap: FlapState | undefined, ctx: DecideContext): string[] {
  const now = ctx.now.getTime();
  return [...(flap?.changedAt ?? []).filter((at) => now - Date.parse(at) < windowMs(ctx)), ctx.now.toISOString()];
}

function windowMs(ctx: DecideContext): number {
  return FLAP_WINDOW_CYCLES * ctx.intervalMs;
}

function pendingOf(notice: Notice, ctx: DecideContext): Pending {
  return { id: ctx.noticeId, notice, observedAt: ctx.now.toISOString(), state: 'ready', attempts: 0 };
}

/** A read that worked ends a run of 404s and a retired spell alike. */
function withoutMissing(current: Subscription): Subscription {
  const next = { ...current };
  delete next.missing;
  delete next.retiredAt;
  return next;
}
