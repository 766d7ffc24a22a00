/**
 * How a poll cycle uses the store: each conversation's subscriptions are one record, read once a cycle and
 * written back, on the etag read, only when a decision changed something. Losing that race to another
 * writer loses nothing; subscriptions an older version kept under a key each are taken over.
 */
import { join } from 'node:path';
import { DEMO } from '../../bot/emulator';
import { legacySubscriptionKey, objectKey, subscriptionsKey } from '../../bot/notify/keys';
import type { ProfileSnapshot, Subscription, SubscriptionRecord } from '../../bot/notify/model';
import { FileStore, type KeyValueStore } from '../../bot/store';
import { freshConversation, patchState } from '../support/sdsHelpers';
import { ManualClock, pollOnce, RecordingStore, textOfPost, titlesOf, useNotifyBot, watchFrom } from './notify.support';

const P = DEMO.profiles;
const CONTOSO = { kind: 'profile' as const, id: P.contosoHighCsv };
const SENT_AGAIN = "Sent again: SyncOps restarted or lost Teams' answer while posting this, so it may appear twice.";
const clock = new ManualClock();
let store: RecordingStore;
const bot = useNotifyBot(clock, () => undefined, { notify: { wrapStore: (inner: KeyValueStore) => (store = new RecordingStore(inner)) } });

type Where = ReturnType<typeof freshConversation>;

const watch = (text: string, where: Where) => watchFrom(bot, where, text);
const setStatus = (id: string, status: string) => patchState(bot, { profiles: { [id]: { status: { status } } } });
const isSubscriptions = (key: string) => key.startsWith('notify/conversationSubscriptions/');
const keyOf = (where: Where) => subscriptionsKey(where.conversationId!);

it("reads each chat's subscriptions once a cycle, and writes nothing when nothing changed", async () => {
  const chats = [freshConversation('personal'), freshConversation('groupChat')];
  for (const where of chats) {
    for (const id of [P.contosoHighCsv, P.fabrikamMiddleCsv, P.tailspinCsv]) await watch(`watch profile ${id}`, where);
  }
  store.clear();
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
  expect(store.reads.filter(isSubscriptions).sort()).toEqual(chats.map(keyOf).sort());
  expect(store.writes).toEqual([]);
});

it("writes only the changed chat's subscriptions, each time on the etag it read: decided, sending, sent", async () => {
  const [changed, quiet] = [freshConversation('personal'), freshConversation('personal')];
  await watch('watch profile Contoso High School CSV', changed);
  await watch('watch profile Fabrikam Middle School CSV', quiet);
  await setStatus(P.contosoHighCsv, 'paused');
  store.clear();
  expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Contoso High School CSV: Synced → Paused']);
  expect(store.writes.map((write) => [write.key === keyOf(changed), write.condition !== undefined && 'ifMatch' in write.condition])).toEqual([[true, true], [true, true], [true, true]]);
});

it('a watch added while the cycle decides: the cycle loses the race, decides again on it, posts once, and keeps the new watch', async () => {
  const where = freshConversation('personal');
  await watch('watch profile Contoso High School CSV', where);
  await setStatus(P.contosoHighCsv, 'paused');
  store.clear();
  store.beforeWrite = { isPicked: isSubscriptions, run: () => watch('watch profile Fabrikam Middle School CSV', where) };

  const { posts } = await pollOnce(bot, clock);
  expect(titlesOf(posts)).toEqual(['Watching Fabrikam Middle School CSV here', 'Contoso High School CSV: Synced → Paused']);
  expect(store.lostRaces).toBe(1);
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
  await setStatus(P.fabrikamMiddleCsv, 'error');
  expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Fabrikam Middle School CSV: Synced → Error']);
});

/** Puts a chat's subscription where a version with one key per subscription kept it, and removes the record. */
async function keepAsOlderVersion(where: Where, change: (subscription: Subscription) => Subscription) {
  const kv = new FileStore(join(bot.dataDir, 'kv'));
  const record = await kv.read<SubscriptionRecord>(keyOf(where));
  await kv.write(legacySubscriptionKey(where.conversationId!, CONTOSO), change(record!.value.byObject[objectKey(CONTOSO)]!));
  await kv.delete(keyOf(where));
  return kv;
}

it('takes over a subscription an older version kept under its own key: its card in flight is sent again, once, and the key is gone', async () => {
  const where = freshConversation('personal');
  await watch('watch profile Contoso High School CSV', where);
  await setStatus(P.contosoHighCsv, 'paused');
  const kv = await keepAsOlderVersion(where, ({ baseline }) => {
    const paused: ProfileSnapshot = { ...(baseline as ProfileSnapshot), status: 'paused' };
    const notice = { kind: 'changes' as const, changes: [{ kind: 'status' as const, from: 'success', to: 'paused' }], current: paused };
    return { baseline: paused, pending: { id: 'older-1', notice, from: baseline!, observedAt: clock.now().toISOString(), state: 'sending', attempts: 1 } };
  });

  const { posts } = await pollOnce(bot, clock);
  expect(titlesOf(posts)).toEqual(['Contoso High School CSV: Synced → Paused']);
  expect(textOfPost(posts[0]!)).toContain(SENT_AGAIN);
  expect(await kv.list('notify/subscriptions/')).toEqual([]);
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
});
