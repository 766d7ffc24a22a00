/** The one error family of SyncOps: a stable `code` and a message that is safe to show an admin. */
export class SyncOpsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

// Bad input, refusals and stale clicks are Outcomes (cards with the reason), not exceptions; only
// configuration and Graph failures are thrown (ConfigError here, GraphError in graph/errors.ts).

/** Configuration that cannot work; the message lists every problem, each naming its variable. */
export class ConfigError extends SyncOpsError {
  constructor(readonly problems: readonly string[]) {
    super('config', `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}
