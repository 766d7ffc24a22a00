/**
 * A crash at each step of a notification (decide → mark sending → send → clear), then a restart on the same
 * DATA_DIR and Graph. Only the step between the send and the clearing write can repeat a card: the bot chose
 * at-least-once there (bot/notify/courier.ts), and says so on the repeated card.
 */
import { startEmulator, type RunningEmulator } from '../../bot/emulator';
import { DEMO } from '../../bot/emulator';
import type { Pending, SubscriptionRecord } from '../../bot/notify/model';
import { onlyCard, titleOf } from '../support/cards';
import { freshConversation, patchState } from '../support/sdsHelpers';
import type { TestBot } from '../support/testBot';
import { CrashingStore, forgetWatches, ManualClock, notifyBotOn, pollOnce, textOfPost, titlesOf } from './notify.support';

const P = DEMO.profiles;
const SENT_AGAIN = "Sent again: SyncOps restarted or lost Teams' answer while posting this, so it may appear twice.";
let emulator: RunningEmulator;
let store: CrashingStore;
let bot: TestBot;
let clock: ManualClock;

// A bot and emulator per test: each crash story starts from the demo tenant's own state, in any order.
beforeEach(async () => {
  clock = new ManualClock();
  emulator = await startEmulator();
  bot = notifyBotOn(emulator, clock, {}, { notify: { wrapStore: (inner) => (store = new CrashingStore(inner)) } });
  await bot.start();
});
afterEach(async () => {
  await forgetWatches(bot);
  await bot.stop();
  await emulator.close();
});

/** The pending notice in a conversation's subscriptions (each test watches one object in a chat of its own). */
const pendingOf = (value: unknown): Pending | undefined => Object.values((value as SubscriptionRecord | undefined)?.byObject ?? {})[0]?.pending;
const isSubscription = (key: string) => key.startsWith('notify/conversationSubscriptions/');

/** Watches a profile in a new chat (its status `from` at the time), then changes its status in Graph. */
async function watchAndChange(from: string, status: string) {
  const where = freshConversation('personal');
  await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: from } } } });
  expect(titleOf(onlyCard(await bot.say('watch profile Contoso High School CSV', where)))).toBe('Watching Contoso High School CSV here');
  await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status } } } });
  return where;
}

/** Every notification the fake Teams showed in a conversation, oldest first. */
const shownIn = (where: { conversationId?: string }) => bot.connector.calls.filter((c) => c.conversationId === where.conversationId && c.kind === 'reply' && c.body.type === 'message').slice(1);

it('a crash before the decision is saved loses nothing: the card is posted once after the restart', async () => {
  const where = await watchAndChange('success', 'paused');
  store.isFatal = (key, next, current) => isSubscription(key) && pendingOf(next)?.state === 'ready' && !pendingOf(current);
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
  await bot.restart();
  expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Contoso High School CSV: Synced → Paused']);
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
  expect(shownIn(where)).toHaveLength(1);
});

it('a crash after the decision, before Teams got the card, posts it once after the restart, with no "sent again"', async () => {
  const where = await watchAndChange('paused', 'error');
  store.isFatal = (key, next) => isSubscription(key) && pendingOf(next)?.state === 'sending';
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
  await bot.restart();
  const { posts } = await pollOnce(bot, clock);
  expect(titlesOf(posts)).toEqual(['Contoso High School CSV: Paused → Error']);
  expect(textOfPost(posts[0]!)).not.toContain(SENT_AGAIN);
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
  expect(shownIn(where)).toHaveLength(1);
});

it('a crash between the send and saving it repeats the card once after the restart, marked "sent again", never a third time', async () => {
  const where = await watchAndChange('error', 'inProgress');
  store.isFatal = (key, next, current) => isSubscription(key) && pendingOf(current)?.state === 'sending' && !pendingOf(next);
  const crashed = await pollOnce(bot, clock);
  expect(titlesOf(crashed.posts)).toEqual(['Contoso High School CSV: Error → In progress']);
  expect(textOfPost(crashed.posts[0]!)).not.toContain(SENT_AGAIN);
  await bot.restart();
  const { posts } = await pollOnce(bot, clock);
  expect(titlesOf(posts)).toEqual(['Contoso High School CSV: Error → In progress']);
  expect(textOfPost(posts[0]!)).toContain(SENT_AGAIN);
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
  expect(shownIn(where)).toHaveLength(2);
});
