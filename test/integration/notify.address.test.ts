/**
 * The address of each conversation (how to post there later) is kept from the activities the bot hears,
 * without a store read per message: read once a minute at most, written at once when Teams moves it.
 */
import { join } from 'node:path';
import { ADDRESS_MEMO_MS } from '../../bot/notify/addressMemo';
import { conversationRecordKey } from '../../bot/notify/keys';
import type { ConversationRecord } from '../../bot/notify/model';
import { FileStore } from '../../bot/store';
import { message } from '../support/activities';
import { titleOf, onlyCard } from '../support/cards';
import { resetEmulator } from '../support/emulatorControl';
import { freshConversation } from '../support/sdsHelpers';
import { ManualClock, notifyBot, RecordingStore } from './notify.support';

const clock = new ManualClock();
let store: RecordingStore;
const bot = notifyBot(clock, {}, { notify: { wrapStore: (inner) => (store = new RecordingStore(inner)) } });
beforeAll(() => bot.start());
afterAll(() => bot.stop());
beforeEach(async () => {
  await resetEmulator(bot);
  store.clear();
});

type Where = ReturnType<typeof freshConversation>;
const recordKey = (where: Where) => conversationRecordKey(where.conversationId!);
const readsOf = (where: Where) => store.reads.filter((key) => key === recordKey(where)).length;
const storedRecord = async (where: Where) => (await new FileStore(join(bot.dataDir, 'kv')).read<ConversationRecord>(recordKey(where)))?.value;

it('reads a conversation’s record once for a burst of messages, and again once a minute has passed', async () => {
  const where = freshConversation('personal');
  for (let i = 0; i < 3; i++) await bot.say('help', where);
  expect(readsOf(where)).toBe(1);
  expect((await storedRecord(where))?.address?.reference.serviceUrl).toBe(bot.connector.url);
  clock.advance(ADDRESS_MEMO_MS);
  await bot.say('help', where);
  expect(readsOf(where)).toBe(2);
});

it('writes the new address at once when Teams moves the conversation to another serviceUrl', async () => {
  const where = freshConversation('channel');
  await bot.say('help', where);
  const moved = bot.connector.url.replace('127.0.0.1', 'localhost');
  const answer = await bot.post(message(moved, 'help', where));
  expect(answer.status).toBe(200);
  expect((await storedRecord(where))?.address?.reference.serviceUrl).toBe(moved);
});

it('writes a record lost underneath it again within a minute, and a watch then works', async () => {
  const where = freshConversation('personal');
  await bot.say('help', where);
  await new FileStore(join(bot.dataDir, 'kv')).delete(recordKey(where));
  await bot.say('help', where);
  expect(await storedRecord(where)).toBeUndefined();
  clock.advance(ADDRESS_MEMO_MS);
  expect(titleOf(onlyCard(await bot.say('watch profile Contoso High School CSV', where)))).toBe('Watching Contoso High School CSV here');
  expect((await storedRecord(where))?.address?.reference.serviceUrl).toBe(bot.connector.url);
});
