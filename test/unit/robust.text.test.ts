import type { Activity } from 'botbuilder';
import { tokenRefusal } from '../../bot/teams/inboundToken';
import { commandTextOf } from '../../bot/teams/messageText';
import { truncate } from '../../bot/truncate';

const BOT = { id: '28:bot', name: 'SyncOps' };
const mention = (id: string, text = '<at>SyncOps</at>') => ({ type: 'mention', text, mentioned: { id, name: 'x' } });
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('commandTextOf', () => {
  it.each<[string, Partial<Activity>, string]>([
    ['plain text', { text: ' pause profile X ', recipient: BOT }, 'pause profile X'],
    ['the bot\'s own mention cut', { text: '<at>SyncOps</at> help', recipient: BOT, entities: [mention(BOT.id)] as Activity['entities'] }, 'help'],
    ['another person\'s mention kept', { text: '<at>Ada</at> help', recipient: BOT, entities: [mention('29:ada', '<at>Ada</at>')] as Activity['entities'] }, '<at>Ada</at> help'],
    ['no text', { recipient: BOT }, ''],
    ['a number as text', { text: 42 as unknown as string, recipient: BOT }, ''],
    ['null among entities', { text: '<at>SyncOps</at> help', recipient: BOT, entities: [null, mention(BOT.id)] as unknown as Activity['entities'] }, 'help'],
    ['entities not an array', { text: 'help', recipient: BOT, entities: 'x' as unknown as Activity['entities'] }, 'help'],
    ['no recipient: a mention is cut as the bot\'s', { text: '<at>SyncOps</at> help', entities: [mention(BOT.id)] as Activity['entities'] }, 'help'],
    ['a mention without text', { text: 'help', recipient: BOT, entities: [{ type: 'mention' }] as Activity['entities'] }, 'help'],
  ])('%s', (_case, activity, expected) => {
    expect(commandTextOf(activity)).toBe(expected);
  });
});

describe('truncate', () => {
  it.each([
    ['short text as it is', 'help', 10, 'help'],
    ['ASCII cut with an ellipsis', 'abcdefghij', 5, 'abcd…'],
    ['never half an emoji', `a${'😀'.repeat(5)}`, 5, 'a😀…'],
    ['never half a family (ZWJ sequence)', `${'👩‍👩‍👧'}xyz`, 4, '…'],
    ['never half a flag', '🇫🇷🇫🇷', 5, '🇫🇷…'],
  ])('%s', (_case, text, max, expected) => {
    const cut = truncate(text, max);
    expect(cut).toBe(expected);
    expect(cut.length).toBeLessThanOrEqual(Math.max(max, text.length <= max ? text.length : max));
  });
});

describe('tokenRefusal (before any key is fetched)', () => {
  it.each([
    ['no header: botbuilder answers it', '', undefined],
    ['RS256: botbuilder verifies it', `Bearer ${part({ alg: 'RS256', kid: 'k' })}.${part({})}.sig`, undefined],
    ['alg none', `Bearer ${part({ alg: 'none' })}.${part({})}.`, 'signing algorithm none is not allowed'],
    ['HS256', `Bearer ${part({ alg: 'HS256' })}.${part({})}.sig`, 'signing algorithm HS256 is not allowed'],
    ['no alg', `Bearer ${part({})}.${part({})}.sig`, 'signing algorithm undefined is not allowed'],
    ['a header that is not JSON', `Bearer bm90IGpzb24.${part({})}.sig`, 'the token header is not JSON'],
    ['not a JWT', 'Bearer not-a-jwt', 'the Authorization header is not a Bearer JWT'],
    ['another scheme', `Basic ${part({ alg: 'RS256' })}.e30.sig`, 'the Authorization header is not a Bearer JWT'],
  ])('%s', (_case, header, expected) => {
    expect(tokenRefusal(header)).toBe(expected);
  });
});
