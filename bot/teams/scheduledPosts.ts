/** Posts the result of a scheduled change to the conversation it was scheduled in, outside any turn. */
import type { BotAdapter } from 'botbuilder';
import type { Logger } from '../log';
import { baseConversationId } from '../notify/keys';
import { Sender } from '../notify/sender';
import { WatchBook } from '../notify/watchBook';
import type { StoredAction } from '../operations/action';
import { presentAction } from '../presentAction';
import type { KeyValueStore } from '../store/keyValue';

/**
 * The conversation's address is the one the notification middleware keeps fresh from every activity
 * (a schedule is always made in a turn, so it exists). In a channel the card replies in the thread the
 * change was scheduled from. A failed post is logged: the result stays in the audit and on `scheduled`.
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
    const thread = baseConversationId(action.conversationId) === action.conversationId ? undefined : action.conversationId;
    const delivery = await sender.send(address, presentAction(action, note), thread);
    if (!delivery.ok) deps.log.warn({ event: 'schedule.announce.failed', actionId: action.id, failure: delivery.failure, status: delivery.status, code: delivery.code });
  };
}
