/**
 * Which changes get a red Confirm. Teams draws `style: "destructive"` in red and `positive` in the
 * accent colour; red on every Confirm teaches admins to ignore it, so it is kept for changes that
 * delete or rebuild data: a profile reset, and a restart that clears the connector data store or
 * forces deletes (Full includes ConnectorDataStore; reference graph-sync-api.md, restart).
 */
import type { Command } from '../commands/types';
import { DANGEROUS, flagsOf } from '../operations/jobActions';

export function isDestructive(command: Command): boolean {
  if (command.kind === 'resetProfile') return true;
  if (command.kind === 'restartJob') return flagsOf(command.scope).some((flag) => DANGEROUS.includes(flag));
  return /^reset/.test(command.kind);
}
