/**
 * Teams rate limits for one bot (reference (d), "Rate limiting for agents/bots"), kept in memory by the
 * one process that polls. Each request to a conversation must fit every window of that conversation and
 * the app's own window; a 429 blocks the conversation until its Retry-After.
 */
export interface RateWindow {
  ms: number;
  max: number;
}

export type ConnectorOperation = 'send' | 'create';

/** Per bot, per conversation (1:1, group chat or channel), for sends and for thread creation alike. */
export const CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { ms: 1_000, max: 7 }, { ms: 2_000, max: 8 }, { ms: 30_000, max: 60 }, { ms: 3_600_000, max: 1_800 },
];
/** Teams allows 50 requests per second per app per tenant; 40 leaves room for replies to people. */
export const APP_WINDOWS: readonly RateWindow[] = [{ ms: 1_000, max: 40 }];

const APP_KEY = 'app';

export class RateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly longestMs: number;

  constructor(
    private readonly conversationWindows: readonly RateWindow[] = CONVERSATION_WINDOWS,
    private readonly appWindows: readonly RateWindow[] = APP_WINDOWS,
  ) {
    this.longestMs = Math.max(...[...conversationWindows, ...appWindows].map((w) => w.ms));
  }

  /** Milliseconds until one more `operation` may go to `conversation` (0: now). */
  delay(conversation: string, operation: ConnectorOperation, now: number): number {
    const blocked = (this.blockedUntil.get(conversation) ?? 0) - now;
    return Math.max(
      0,
      blocked,
      waitFor(this.sent.get(`${operation}:${conversation}`), this.conversationWindows, now),
      waitFor(this.sent.get(APP_KEY), this.appWindows, now),
    );
  }

  /** Counts one request that goes out at `at` (now, or the end of the wait `delay` gave). */
  take(conversation: string, operation: ConnectorOperation, at: number): void {
    for (const key of [`${operation}:${conversation}`, APP_KEY]) {
      const times = (this.sent.get(key) ?? []).filter((time) => at - time < this.longestMs);
      times.push(at);
      this.sent.set(key, times.sort((a, b) => a - b));
    }
  }

  /** Teams answered 429: nothing more goes to this conversation before `until`. */
  block(conversation: string, until: number): void {
    this.blockedUntil.set(conversation, Math.max(until, this.blockedUntil.get(conversation) ?? 0));
  }
}

/** How long until `times` (sorted, oldest first) leaves room for one more in every window. */
function waitFor(times: readonly number[] | undefined, windows: readonly RateWindow[], now: number): number {
  if (!times?.length) return 0;
  return Math.max(0, ...windows.map((window) => {
    const inWindow = times.filter((at) => now - at < window.ms);
    if (inWindow.length < window.max) return 0;
    // The oldest requests must leave the window until only max - 1 remain in it.
    const leaving = inWindow[inWindow.length - window.max]!;
    return leaving + window.ms - now;
  }));
}
