/**
 * Graph allows provisionOnDemand 5 times per 10 seconds (docs/provisioning-logs.md); the limit is the
 * tenant's, so every conversation and every bot instance shares one book in the store. A request reserves
 * the next free slot in one compare-and-set and then waits for it, so six quick confirmations run five at
 * once and the sixth a few seconds later, instead of the sixth meeting a 429.
 */
import { createHash } from 'node:crypto';
import { compareAndSet } from '../store/keyValue';
import type { OperationContext } from './context';

export const ON_DEMAND_LIMIT = 5;
export const ON_DEMAND_WINDOW_MS = 10_000;
/**
 * The bot counts a request when it reserves its slot, Graph when the request arrives; a request that took
 * longer on the way than the one it follows would reach Graph inside the window. A second of margin covers it.
 */
const MARGIN_MS = 1_000;
/** Longer than one window (and the margin) means others are queued ahead: the admin is told to try again instead. */
export const MAX_WAIT_MS = ON_DEMAND_WINDOW_MS + MARGIN_MS;

export type Reservation = { kind: 'now' } | { kind: 'wait'; ms: number } | { kind: 'busy'; retryInMs: number };

type Context = Pick<OperationContext, 'store' | 'now' | 'actor'>;

/** Reserves the earliest slot the limit allows; `busy` reserves nothing. */
export async function reserveOnDemandSlot(ctx: Context): Promise<Reservation> {
  const now = ctx.now().getTime();
  let reservation: Reservation = { kind: 'now' };
  // The update may run several times (lost races); the reservation of the attempt that wrote is the one kept.
  await compareAndSet<number[]>(ctx.store, bookKey(ctx), (current = []) => {
    const slot = nextSlot(current, now);
    if (slot - now > MAX_WAIT_MS) {
      reservation = { kind: 'busy', retryInMs: slot - now - MAX_WAIT_MS };
      return undefined;
    }
    reservation = slot > now ? { kind: 'wait', ms: slot - now } : { kind: 'now' };
    return [...recent(current, now), slot].sort((a, b) => a - b);
  });
  return reservation;
}

/** How long a request made now would wait (0 when a slot is free), for the confirmation card. */
export async function onDemandWaitMs(ctx: Context): Promise<number> {
  const now = ctx.now().getTime();
  const current = (await ctx.store.read<number[]>(bookKey(ctx)))?.value ?? [];
  return Math.max(0, nextSlot(current, now) - now);
}

/** The earliest time at which fewer than 5 reserved calls fall in the 10 seconds before it. */
function nextSlot(reserved: readonly number[], now: number): number {
  const live = recent(reserved, now);
  if (live.length < ON_DEMAND_LIMIT) return now;
  return Math.max(now, live[live.length - ON_DEMAND_LIMIT]! + ON_DEMAND_WINDOW_MS + MARGIN_MS);
}

/** Reservations still inside a window of now (future ones included). */
function recent(reserved: readonly number[], now: number): number[] {
  return reserved.filter((at) => at > now - ON_DEMAND_WINDOW_MS);
}

/** One book per tenant; tenant ids are hashed so the key holds only store-safe characters. */
function bookKey(ctx: Context): string {
  const tenant = createHash('sha256').update(ctx.actor.tenantId ?? 'tenant').digest('hex').slice(0, 32);
  return `ratelimits/provisionOnDemand/${tenant}`;
}
