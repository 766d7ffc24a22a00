import type { AdaptiveCardInvokeResponse } from 'botbuilder';

/** Protocol strings of Teams and the Bot Framework, named once. */
export const CONTENT_TYPE_CARD = 'application/vnd.microsoft.card.adaptive';
export const SIGNIN_TOKEN_EXCHANGE = 'signin/tokenExchange';
export const SIGNIN_VERIFY_STATE = 'signin/verifyState';
export const CONTENT_TYPE_LOGIN_REQUEST = 'application/vnd.microsoft.activity.loginRequest';

/** Activity types the bot accepts on /api/messages; anything else is refused before the adapter. */
export const KNOWN_ACTIVITY_TYPES: ReadonlySet<string> = new Set([
  'message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event', 'typing',
  'endOfConversation', 'messageUpdate', 'messageDelete',
]);

/** The invoke answer that replaces the clicked card for the person who clicked. */
export function cardInvokeResponse(card: Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CONTENT_TYPE_CARD, value: card };
}
