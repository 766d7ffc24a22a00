import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';
import type { Logger } from '../log';

/** Past this, a person wonders whether the bot heard them; quick answers show no indicator at all. */
export const TYPING_AFTER_MS = 800;
/** Teams shows a typing indicator for a few seconds; repeat it while the answer is still coming. */
export const TYPING_EVERY_MS = 3000;

/**
 * Shows "SyncOps is typing…" while a message's answer is slow (a Graph read under throttling can take
 * several seconds). Like botbuilder's ShowTypingMiddleware, but a failed indicator is only logged:
 * botbuilder's hands it to onTurnError, which would post an error reply for a cosmetic failure.
 */
export function typingIndicator(log: Logger, afterMs = TYPING_AFTER_MS, everyMs = TYPING_EVERY_MS): Middleware {
  return {
    async onTurn(context, next) {
      if (context.activity.type !== ActivityTypes.Message) return next();
      let timer: NodeJS.Timeout | undefined;
      let isDone = false;
      const schedule = (ms: number) => {
        timer = setTimeout(() => {
          if (isDone) return;
          void sendTyping(context).catch((error: unknown) => log.warn({ event: 'typing.failed', activityId: context.activity.id, err: error }));
          schedule(everyMs);
        }, ms);
        timer.unref();
      };
      schedule(afterMs);
      try {
        await next();
      } finally {
        isDone = true;
        clearTimeout(timer);
      }
    },
  };
}

/** Straight through the adapter, as botbuilder does: other middleware and the "responded" flag stay untouched. */
async function sendTyping(context: TurnContext): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  await context.adapter.sendActivities(context, [TurnContext.applyConversationReference({ type: ActivityTypes.Typing }, reference)]);
}
