/** The log of the Graph calls the emulator received (the newest REQUEST_LOG_ENTRIES), for tests and tools to assert on. */

export type TokenKind = 'delegated' | 'app' | 'none';

export interface LoggedRequest {
  method: string;
  /** Percent-decoded path without the query string, e.g. `/beta/education/synchronizationProfiles/ID/pause`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  tokenKind: TokenKind;
  /** The token's `oid` for delegated callers, else null. */
  user: string | null;
  /** The status answered; 0 while unanswered (a hanging or still-delayed request). */
  status: number;
  at: string;
}

/**
 * The log keeps the newest entries only. A check asserts on the few calls of one command (reset in
 * between), while the demo bot and the Playground run for hours: unbounded, the log grew by every Graph
 * call (a `profiles` under load, 6,000 entries a second), and the heap with it, making garbage collection
 * ever longer for the bot that shares the process.
 */
export const REQUEST_LOG_ENTRIES = 10_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  /** `keep`: how many of the newest entries `list` returns (a bench counting a whole poll cycle keeps them all). */
  constructor(private readonly keep = REQUEST_LOG_ENTRIES) {}

  /** Adds an entry and returns it, so the caller can fill in the status once answered. */
  record(entry: LoggedRequest): LoggedRequest {
    this.entries.push(entry);
    // Trimmed in steps of a whole log, so a call costs O(1) on average.
    if (this.entries.length >= 2 * this.keep) this.entries = this.entries.slice(-this.keep);
    return entry;
  }

  /** The newest `keep` calls, oldest first. */
  list(): LoggedRequest[] {
    return this.entries.slice(-this.keep).map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
