/** A PATCH /_emulator/state that cannot apply: 400 for a bad shape, 404 for an id the tenant does not have. */
export class StatePatchError extends Error {
  constructor(readonly status: 400 | 404, message: string) {
    super(message);
  }
}
