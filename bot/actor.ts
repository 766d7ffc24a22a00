/** The person behind a command or a click, as far as the chat can tell. */
export interface Actor {
  /** Entra object id (`from.aadObjectId`); absent for guests and some channels, so guards must fail closed. */
  aadObjectId?: string;
  /** Teams user id (`from.id`, an MRI such as 29:...). */
  teamsId: string;
  name: string;
  tenantId?: string;
}

/** Whose token a Graph call carries: the app's own, or the acting admin's delegated one. */
export type Caller = { kind: 'app' } | { kind: 'user'; actor: Actor };

export const APP_CALLER: Caller = { kind: 'app' };
