import type { OperationContext } from './context';
import type { Outcome } from './outcome';

/** `profiles`: every SDS profile with its provisioning state. */
export async function listProfiles(ctx: OperationContext): Promise<Outcome> {
  const profiles = await ctx.gateway.listProfiles();
  profiles.sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { kind: 'info', view: { kind: 'profileList', profiles: profiles.map((profile) => ({ profile })) } };
}
