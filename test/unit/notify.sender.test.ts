import { classify } from '../../bot/teams/proactiveSender';

/** A RestError as botframework-connector's client throws it (teams-bot.md (d)). */
const restError = (statusCode: number | undefined, code: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error('x'), { name: 'RestError', statusCode, code, response: { headers: { get: (name: string) => headers[name] } } });

describe('classify (what a connector failure means for a notification)', () => {
  it.each([
    ['429 with Retry-After in seconds', restError(429, 'TooManyRequests', { 'retry-after': '30' }), false, { failure: 'throttled', retryAfterMs: 30_000 }],
    ['429 without Retry-After', restError(429, 'TooManyRequests'), false, { failure: 'throttled' }],
    ['412 (retry later, per the Teams guidance)', restError(412, 'PreconditionFailed'), false, { failure: 'throttled' }],
    ['403 BotNotInConversationRoster', restError(403, 'BotNotInConversationRoster'), false, { failure: 'gone', status: 403 }],
    ['403 MessageWritesBlocked (the user blocked the bot)', restError(403, 'MessageWritesBlocked'), true, { failure: 'gone' }],
    ['404 for a thread: only that thread is gone', restError(404, 'NotFound'), true, { failure: 'threadGone' }],
    ['404 for the conversation itself', restError(404, 'ConversationNotFound'), false, { failure: 'gone' }],
    ['400 MemberNotFoundInConversation', restError(400, 'MemberNotFoundInConversation'), false, { failure: 'gone' }],
    ['413 MessageSizeTooBig: this card will never go', restError(413, 'MessageSizeTooBig'), false, { failure: 'rejected' }],
    ['502 after the client\'s own retries: it may have been shown', restError(502, 'BadGateway'), false, { failure: 'unknown' }],
    ['connection refused: never reached Teams', Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), false, { failure: 'unreachable' }],
    ['a connection reset: may have been shown', Object.assign(new Error('x'), { code: 'ECONNRESET' }), false, { failure: 'unknown' }],
  ])('%s', (_name, error, isThread, expected) => {
    expect(classify(error, isThread)).toMatchObject({ ok: false, ...expected });
  });

  it('reads an HTTP-date Retry-After as the time until then', () => {
    const later = new Date(Date.now() + 120_000).toUTCString();
    const delivery = classify(restError(429, 'TooManyRequests', { 'retry-after': later }), false);
    expect(delivery.ok === false && delivery.failure === 'throttled' && delivery.retryAfterMs).toBeGreaterThan(100_000);
  });
});
