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

/** Unknown, ambiguous or malformed input from a person or a card. */
export class InputError extends SyncOpsError {}

/** The caller may not do this (allow-lists, foreign conversation, missing role). */
export class NotAllowedError extends SyncOpsError {}

/** A card click that no longer applies: expired, already done, cancelled. */
export class StaleActionError extends SyncOpsError {}

/** Configuration that cannot work; the message lists every problem, each naming its variable. */
export class ConfigError extends SyncOpsError {
  constructor(readonly problems: readonly string[]) {
    super('config', `Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}
