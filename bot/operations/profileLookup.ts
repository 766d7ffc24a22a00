import { formatCommand } from '../commands/format';
import type { Command, Target } from '../commands/types';
import type { Profile } from '../graph/types';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { resolveTarget } from './resolve';

/**
 * One profile from what the admin typed, or the outcome that asks them to choose or says none matched.
 * `commandFor(id)` is the command each choice button runs, written back by the grammar.
 */
export async function findProfile(
  target: Target,
  ctx: OperationContext,
  commandFor: (id: string) => Command,
): Promise<{ kind: 'profile'; profile: Profile } | Outcome> {
  const match = await resolveTarget(target, (id) => ctx.gateway.getProfile(id), () => ctx.gateway.listProfiles(), (p) => p.displayName);
  if (match.kind === 'one') return { kind: 'profile', profile: match.item };
  if (match.kind === 'none') {
    const options = (match.nearest ?? []).map((p) => ({ label: p.displayName, command: formatCommand(commandFor(p.id)) }));
    return { kind: 'notFound', what: 'profile', query: target.value, closest: match.closest, options };
  }
  return {
    kind: 'chooseOne', what: 'profile', query: target.value,
    options: match.items.map((p) => ({ label: p.displayName, command: formatCommand(commandFor(p.id)) })),
  };
}
