import type { Logger } from '../log';
import { compareAndSet, type KeyValueStore } from '../store/keyValue';
import { actionKey, type StoredAction } from './storedAction';

/**
 * Writes the audit entry of a move the caller just made by compare-and-set (to `scheduled`, to waiting for
 * approval, to an end); if the entry cannot be written, puts the action back as it was and rethrows, so
 * nothing stays changed without its entry and the click (or the next scheduler cycle) can try again. The
 * undo only applies while the action is still where the move left it: if another instance has moved it on
 * since, that instance audited its own move.
 */
export async function auditOrUndo(deps: { store: KeyValueStore; log: Logger }, before: StoredAction, after: StoredAction, record: () => Promise<void>): Promise<void> {
  try {
    await record();
  } catch (error) {
    try {
      await compareAndSet<StoredAction>(deps.store, actionKey(after.id), (current) => (current?.state === after.state ? before : undefined));
    } catch (undoError) {
      // The audit failure is what the admin is told; the failed undo is for whoever reads the log.
      deps.log.error({ event: 'action.undo.failed', actionId: after.id, state: after.state, err: undoError });
    }
    throw error;
  }
}
