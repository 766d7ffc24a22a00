import type { AdaptiveCardInvokeResponse } from 'botbuilder';

/** Protocol strings of Teams and the Bot Framework, named once. */
export const CONTENT_TYPE_CARD = 'application/vnd.microsoft.card.adaptive';
export const SIGNIN_TOKEN_EXCHANGE = 'signin/tokenExchange';
export const SIGNIN_VERIFY_STATE = 'signin/verifyState';
export const CONTENT_TYPE_LOGIN_REQUEST = 'application/vnd.microsoft.activity.loginRequest';
export const CONTENT_TYPE_ERROR = 'application/vnd.microsoft.error';
export const CONTENT_TYPE_MESSAGE = 'application/vnd.microsoft.activity.message';
export const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';

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
 * An invoke refused with the Universal Actions error shape (status, `application/vnd.microsoft.error`,
 * code and message), the one botbuilder itself uses for a click it cannot read.
 */
export function invokeErrorResponse(status: number, code: string, message: string): { status: number; body: AdaptiveCardInvokeResponse } {
  return { status, body: { statusCode: status, type: CONTENT_TYPE_ERROR, value: { code, message } as unknown as Record<string, unknown> } };
}

/** An invoke answered before its work ended: Teams shows the text; the card is updated when the work ends. */
export function stillWorkingResponse(): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CONTENT_TYPE_MESSAGE, value: 'SyncOps is still working on this; the card updates when it is done.' as unknown as Record<string, unknown> };
}
