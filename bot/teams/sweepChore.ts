import type { BotAdapter } from 'botbuilder';
import { asCardMessage, updateCardMessage } from './cardMessages';
import type { Logger } from '../log';
import { sweepActions, type SweepContext } from '../operations/actionSweep';
import { specFor } from '../operations/dispatch';
import { presentOutcome } from '../present/outcome';

export interface SweepChoreDeps {
  ctx: SweepContext;
  adapter: BotAdapter;
  appId: string;
  connectorMs: number;
  log: Logger;
}

/**
 * What the poller's leader does after each cycle: sweep the stored actions, then show every run it
 * ended as "outcome unknown" on that action's own card, for everyone, as a click would have.
 */
export function actionSweepChore({ ctx, adapter, appId, connectorMs, log }: SweepChoreDeps): () => Promise<void> {
  return async () => {
    const { recovered } = await sweepActions(ctx, specFor);
    for (const action of recovered) {
      const message = asCardMessage(action.card);
      if (message) await updateCardMessage(adapter, appId, message, presentOutcome({ kind: 'done', action }), log, connectorMs);
    }
  };
}
