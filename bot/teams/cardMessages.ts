import { CardFactory, MessageFactory, TurnContext, type BotAdapter, type ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/render';
import { withDeadline } from '../deadline';
import type { Logger } from '../log';

/** Where a card message is: its conversation as Teams addressed the click, and the message id. */
export interface CardMessage {
  reference: Partial<ConversationReference>;
  messageId: string;
}

/** The message a card click came from (`replyToId` of the invoke, teams-bot.md (b)), if Teams said. */
export function cardMessageOf(context: TurnContext): CardMessage | undefined {
  const messageId = context.activity.replyToId;
  return messageId ? { reference: TurnContext.getConversationReference(context.activity), messageId } : undefined;
}

/** A stored card address read back (it is kept as plain JSON with an action), or undefined if it is not one. */
export function asCardMessage(value: unknown): CardMessage | undefined {
  const candidate = value as Partial<CardMessage> | undefined;
  return typeof candidate?.messageId === 'string' && typeof candidate.reference === 'object' && candidate.reference !== null
    ? { reference: candidate.reference, messageId: candidate.messageId }
    : undefined;
}

/**
 * Replaces a card message for everyone, outside any turn (the turn that clicked may be long over), within
 * the Bot Connector deadline. Never rejects: false means it was not updated, and that is logged.
 */
export async function updateCardMessage(adapter: BotAdapter, appId: string, message: CardMessage, card: AdaptiveCard, log: Logger, timeoutMs: number): Promise<boolean> {
  let failure: unknown;
  // Errors are caught inside the turn: the adapter's onTurnError would otherwise swallow them.
  const turn = adapter.continueConversationAsync(appId, message.reference, async (context) => {
    try {
      await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: message.messageId });
    } catch (error) {
      failure = error;
    }
  });
  try {
    await withDeadline(turn, timeoutMs, 'Bot Connector card update');
  } catch (error) {
    failure = error;
  }
  if (failure) log.warn({ event: 'card.update.failed', messageId: message.messageId, err: failure });
  return !failure;
}
