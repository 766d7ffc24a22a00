/** A call to another service did not end in time; what it did there is unknown. */
export class DeadlineError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not end within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/**
 * Settles as `work` does, or rejects with DeadlineError after `ms`, whichever comes first. The work is
 * not cancelled (a promise cannot be), so callers whose work holds a socket also give it its own timeout;
 * this is the guarantee that the caller moves on regardless.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** How long SyncOps waits on others; tests shorten them. */
export interface Deadlines {
  /** Each Bot Connector call: a reply, a card update, a proactive send. */
  connectorMs: number;
  /** An HTTP request to /api/messages, answered by then whatever its turn still waits for. */
  requestMs: number;
}

/**
 * Bot Service gives the bot 10–15 s per request before Teams sees a 504 ("Manage a long-running
 * operation", teams-bot.md (a), (e)): a request is answered within 8 s, and a Bot Connector call that
 * takes 5 s is hung (one must not stall a reply past that limit, or a poll cycle for everyone).
 */
export const DEFAULT_DEADLINES: Deadlines = { connectorMs: 5_000, requestMs: 8_000 };
