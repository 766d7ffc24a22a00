import { createHash } from 'node:crypto';
import type { WatchTarget } from './model';

const THREAD_SUFFIX = ';messageid=';
const SAFE_ID = /^[A-Za-z0-9-]{1,100}$/;

/** A channel thread's conversation id names its channel and root message; watches belong to the channel. */
export function baseConversationId(conversationId: string): string {
  const at = conversationId.indexOf(THREAD_SUFFIX);
  return at < 0 ? conversationId : conversationId.slice(0, at);
}

/** Conversation ids hold characters store keys do not allow (`:`, `@`, `;`), so keys use a hash. */
function conversationKey(conversationId: string): string {
  return hash(baseConversationId(conversationId));
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export const CONVERSATIONS_PREFIX = 'notify/conversations/';

export function conversationRecordKey(conversationId: string): string {
  return `${CONVERSATIONS_PREFIX}${conversationKey(conversationId)}`;
}

/** Every subscription of a conversation, in one record: a poll cycle reads one key per conversation. */
export function subscriptionsKey(conversationId: string): string {
  return `notify/conversationSubscriptions/${conversationKey(conversationId)}`;
}

export const LEGACY_SUBSCRIPTIONS_PREFIX = 'notify/subscriptions/';

/**
 * Where a subscription was kept when each had a key of its own (until subscriptionsKey); only the move to
 * the new layout reads it. Graph ids are GUIDs; anything else was hashed rather than trusted as a path segment.
 */
export function legacySubscriptionKey(conversationId: string, target: Pick<WatchTarget, 'kind' | 'id'>): string {
  const id = SAFE_ID.test(target.id) ? target.id : hash(target.id);
  return `${LEGACY_SUBSCRIPTIONS_PREFIX}${conversationKey(conversationId)}/${target.kind}.${id}`;
}

/** The same object for every conversation watching it, so Graph reads it once per cycle. */
export function objectKey(target: Pick<WatchTarget, 'kind' | 'id'>): string {
  return `${target.kind}:${target.id.toLowerCase()}`;
}
