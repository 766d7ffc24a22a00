import type { AdaptiveCardInvokeResponse } from 'botbuilder';

/** Protocol strings of Teams and the Bot Framework, named once. */
export const INVOKE_ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';
export const ACTION_EXECUTE = 'Action.Execute';
export const CONTENT_TYPE_CARD = 'application/vnd.microsoft.card.adaptive';
export const CONTENT_TYPE_MESSAGE = 'application/vnd.microsoft.activity.message';
export const CONTENT_TYPE_ERROR = 'application/vnd.microsoft.error';

/** Activity types the bot accepts on /api/messages; anything else is refused before the adapter. */
export const KNOWN_ACTIVITY_TYPES: ReadonlySet<string> = new Set([
  'message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event', 'typing',
  'endOfConversation', 'messageUpdate', 'messageDelete',
]);

/** The invoke answer that replaces the clicked card for the person who clicked. */
export function cardInvokeResponse(card: Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CONTENT_TYPE_CARD, value: card };
}

/**
 * An error answer to an invoke. The HTTP status stays 200 in the caller (the Adaptive Cards spec: the bot
 * handled the request), while `statusCode` carries the outcome the client renders.
 */
export function errorInvokeResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: CONTENT_TYPE_ERROR, value: { code, message } as never };
}
