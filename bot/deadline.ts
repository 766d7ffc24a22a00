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

/**
 * Bot Connector calls (replies, card updates, proactive sends). Teams gives the bot 10–15 s per request
 * before the client sees a 504 ("Manage a long-running operation", teams-bot.md (a), (e)); a reply must
 * leave room inside that, and a hung one must not stall a poll cycle for everyone.
 */
export const CONNECTOR_DEADLINE_MS = 5_000;
