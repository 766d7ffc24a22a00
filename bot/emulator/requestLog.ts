/** The log of every Graph call the emulator received, for tests and tools to assert on. */

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

export class RequestLog {
  private entries: LoggedRequest[] = [];

  /** Adds an entry and returns it, so the caller can fill in the status once answered. */
  record(entry: LoggedRequest): LoggedRequest {
    this.entries.push(entry);
    return entry;
  }

  list(): LoggedRequest[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
