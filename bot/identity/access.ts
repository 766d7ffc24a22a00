import type { Actor } from '../actor';
import type { Config } from '../config';

/** Who may use the bot at all (tenants) and who may change things (users); empty lists allow everyone. */
export type AccessLists = Config['access'];

/**
 * Why this actor may not use the bot here, or undefined. ALLOWED_TENANTS gates everything, read from
 * `channelData.tenant.id`; a set list with no tenant on the activity refuses (fails closed).
 */
export function tenantRefusal(actor: Actor, access: AccessLists): string | undefined {
  if (access.allowedTenants.length === 0) return undefined;
  if (!actor.tenantId) return 'this conversation does not say which tenant it belongs to';
  return access.allowedTenants.includes(actor.tenantId.toLowerCase()) ? undefined : 'this tenant is not allowed to use this SyncOps';
}

/**
 * Why this actor may not change anything, or undefined. Every mutation needs an Entra object id (the
 * audit trail must name a person), and one on ALLOWED_USERS when that list is set.
 */
export function mutationRefusal(actor: Actor, access: AccessLists): string | undefined {
  if (!actor.aadObjectId) return 'SyncOps cannot tell who you are (no Entra object id on the message), so it cannot let you change anything';
  if (access.allowedUsers.length === 0) return undefined;
  return access.allowedUsers.includes(actor.aadObjectId.toLowerCase()) ? undefined : 'you are not on the list of people who may change synchronization here (ALLOWED_USERS)';
}

/** Start-up warnings for lists left open. */
export function openAccessWarnings(access: AccessLists): string[] {
  return [
    ...(access.allowedTenants.length ? [] : ['ALLOWED_TENANTS is not set: any tenant that installs the bot can use it']),
    ...(access.allowedUsers.length ? [] : ['ALLOWED_USERS is not set: everyone in an allowed tenant can confirm changes']),
  ];
}
