import type { Command, CommandKind } from '../commands/types';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { listProfiles } from './profiles';

type Operation<K extends CommandKind> = (command: Extract<Command, { kind: K }>, ctx: OperationContext) => Promise<Outcome>;
type OperationTable = { [K in CommandKind]?: Operation<K> };

const OPERATIONS: OperationTable = {
  help: async () => ({ kind: 'info', view: { kind: 'help' } }),
  listProfiles: (_command, ctx) => listProfiles(ctx),
};

/** The one entry point for typed commands and decoded card clicks alike. */
export function dispatch(command: Command, ctx: OperationContext): Promise<Outcome> {
  const operation = OPERATIONS[command.kind] as Operation<typeof command.kind> | undefined;
  if (!operation) return Promise.resolve({ kind: 'info', view: { kind: 'planned', command } });
  return operation(command as never, ctx);
}
