/** Posts the result of a scheduled change to the conversation it was scheduled in, outside any turn. */
import { CardFactory, MessageFactory, type BotAdapter } from 'botbuilder';
import type { Logger } from '../log';
import { baseConversationId } from '../notify/keys';
import type { ConversationAddress } from '../notify/model';
import { Sender } from './proactiveSender';
import { WatchBook } from '../notify/watchBook';
import type { StoredAction } from '../operations/storedAction';
import { presentAction } from '../present/action';
import type { KeyValueStore } from '../store/keyValue';

/**
 * The conversation's address is the one the notification middleware keeps fresh from every activity
 * (a schedule is always made in a turn, so it exists). In a channel the card replies in the thread the
 * change was scheduled from. The result is a new post, because an update notifies nobody; the card that
 * said "Scheduled" (with its Cancel) is replaced by the result too, so no stale button is left to click.
 * A failed post is logged: the result stays in the audit.
 */
export function createScheduleAnnouncer(deps: { store: KeyValueStore; adapter: BotAdapter; appId: string; log: Logger }) {
  const book = new WatchBook(deps.store);
  const sender = new Sender(deps.adapter, deps.appId);
  return async (action: StoredAction, note?: string): Promise<void> => {
    const address = (await book.read(action.conversationId))?.address;
    if (!address) {
      deps.log.error({ event: 'schedule.announce.noAddress', actionId: action.id });
      return;
    }
    const card = presentAction(action, note);
    const thread = baseConversationId(action.conversationId) === action.conversationId ? undefined : action.conversationId;
    try {
      const delivery = await sender.send(address, card, thread);
      if (!delivery.ok) deps.log.warn({ event: 'schedule.announce.failed', actionId: action.id, failure: delivery.failure, status: delivery.status, code: delivery.code });
      if (action.cardMessageId) await replaceCard(deps, address, action, card);
    } catch (error) {
      // continueConversationAsync itself rejected (e.g. no outbound token), outside the turn's own catch. The
      // change ended and is audited; a lost post must not make the scheduler log it as a failed schedule.
      deps.log.warn({ event: 'schedule.announce.failed', actionId: action.id, err: error });
    }
  };
}

/** updateActivity on the scheduled card's message, in its own conversation (teams-bot.md (b)). */
async function replaceCard(deps: { adapter: BotAdapter; appId: string; log: Logger }, address: ConversationAddress, action: StoredAction, card: Record<string, unknown>): Promise<void> {
  const reference = { ...address.reference, conversation: { ...address.reference.conversation!, id: action.conversationId } };
  await deps.adapter.continueConversationAsync(deps.appId, reference, async (context) => {
    // Caught inside the turn, or the adapter's onTurnError would take it. The new post already carries the
    // result; the old card only keeps its Cancel, whose click now says how the change ended.
    try {
      await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: action.cardMessageId });
    } catch (error) {
      deps.log.warn({ event: 'schedule.card.update.failed', actionId: action.id, err: error });
    }
  });
}
