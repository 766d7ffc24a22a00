import { ADAPTIVE_CARD_ACTION } from '../../bot/teams/protocol';
import { message } from '../support/activities';
import { onlyCard, textsOf, titleOf } from '../support/cards';
import { useTestBot } from '../support/testBot';

const bot = useTestBot();

function click(value: unknown) {
  return { ...message(bot.connector.url, 'help'), type: 'invoke', name: ADAPTIVE_CARD_ACTION, replyToId: 'msg-card', value };
}

describe('malformed card clicks', () => {
  it.each([
    ['an empty value', {}],
    ['a null action', { action: null }],
    ['a string value', 'confirm'],
    ['a string action', { action: 'confirm' }],
  ])('answers %s with 400 and the invoke error shape, and keeps serving', async (_case, value) => {
    const answer = await bot.post(click(value));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } });
    expect(titleOf(onlyCard(await bot.say('help')))).toBe('What SyncOps can do');
  });
});

describe('messages with odd shapes', () => {
  const channel = () => message(bot.connector.url, 'help', { scope: 'channel' }) as ReturnType<typeof message> & { entities: unknown[] };
  it.each([
    ['a mention but no text', () => ({ ...channel(), text: undefined }), 'Hi! Tell me what to do'],
    ['a number as text', () => ({ ...message(bot.connector.url, 'help'), text: 42 }), 'Hi! Tell me what to do'],
    ['null inside entities', () => ({ ...channel(), entities: [null, ...channel().entities] }), 'What SyncOps can do'],
    ['no recipient', () => ({ ...channel(), recipient: undefined }), 'What SyncOps can do'],
    ['a mention entity without text', () => ({ ...channel(), entities: [{ type: 'mention' }] }), 'What SyncOps can do'],
  ])('answers %s with the card for what it says, not a fault', async (_case, build, title) => {
    const activity = build();
    const answer = await bot.post(activity);
    expect(answer.status).toBe(200);
    expect(titleOf(onlyCard(bot.connector.calls.filter((c) => c.activityId === activity.id)))).toMatch(title);
    expect(bot.logs.entries().filter((e) => e.event === 'turn.failed' && e.activityId === activity.id)).toEqual([]);
  });
});

describe('echoing what was typed', () => {
  it('never cuts an emoji in half', async () => {
    // Over the length cap, the echo is cut at 40 units: with one ASCII letter first, inside an emoji.
    const card = onlyCard(await bot.say(`a${'😀'.repeat(1100)}`));
    expect(titleOf(card)).toBe('That message is too long for a command');
    expect(textsOf(card)[1]).toMatch(new RegExp(`^"a${'😀'.repeat(19)}…" has 2201 characters`));
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(textsOf(card).join(' '))).toBe(false);
  });
});
