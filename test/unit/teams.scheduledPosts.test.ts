/** A scheduled change's announcement never throws for a post Teams could not take: the change itself ended and is audited. */
import type { BotAdapter, TurnContext } from 'botbuilder';
import { conversationRecordKey } from '../../bot/notify/keys';
import type { StoredAction } from '../../bot/operations/storedAction';
import { MemoryStore } from '../../bot/store';
import { createScheduleAnnouncer } from '../../bot/teams/scheduledPosts';
import { captureLogs } from '../support/logCapture';

const CONVERSATION = '19:abc@thread.tacv2';
const action = {
  id: 'a'.repeat(22), command: { kind: 'pauseProfile', profile: { by: 'id', value: 'p' } }, targetLabel: 'P', conversationId: CONVERSATION,
  proposedBy: { name: 'Ada' }, decidedBy: { name: 'Ada' }, createdAt: '2026-03-14T10:02:00.000Z', expiresAt: '2026-03-14T10:17:00.000Z',
  state: 'succeeded', cardMessageId: 'msg-1', finishedAt: '2026-03-14T12:02:00.000Z', result: { headline: 'Paused', details: [] },
  plan: { question: 'Pause P?', verb: 'Pause', pastTense: 'Paused', graphCall: 'POST /x', effects: [], warnings: [], facts: [] },
  schedule: { runAt: '2026-03-14T12:02:00.000Z', timeZone: 'UTC', typed: 'at 12:02' },
} as StoredAction;

async function announcerWith(continueConversation: (index: number) => Promise<void>) {
  const store = new MemoryStore();
  await store.write(conversationRecordKey(CONVERSATION), { conversationId: CONVERSATION, address: { reference: { conversation: { id: CONVERSATION } } }, watches: [] });
  let calls = 0;
  const adapter = {
    continueConversationAsync: async (_appId: string, _reference: unknown, logic: (context: TurnContext) => Promise<void>) => {
      await continueConversation(calls++);
      await logic({ sendActivity: async () => ({ id: 'm' }), updateActivity: async () => undefined } as unknown as TurnContext);
    },
  } as unknown as BotAdapter;
  const logs = captureLogs();
  return { announce: createScheduleAnnouncer({ store, adapter, appId: '', log: logs.log }), logs, calls: () => calls };
}

it('logs a warning, and does not throw, when continueConversationAsync itself rejects on the card update', async () => {
  const { announce, logs, calls } = await announcerWith(async (index) => {
    if (index === 1) throw new Error('no token for the app');
  });
  await expect(announce(action)).resolves.toBeUndefined();
  expect(calls()).toBe(2);
  expect(logs.entries().find((e) => e.event === 'schedule.announce.failed')).toMatchObject({ level: 'warn', actionId: action.id });
});

it('posts the result and replaces the scheduled card without a warning when Teams takes both', async () => {
  const { announce, logs, calls } = await announcerWith(async () => undefined);
  await announce(action);
  expect(calls()).toBe(2);
  expect(logs.entries().filter((e) => e.level === 'warn')).toEqual([]);
});
