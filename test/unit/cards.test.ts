import { renderHelpCard } from '../../cards/help';
import { renderNoticeCard } from '../../cards/notice';
import { renderProfileListCard } from '../../cards/profiles';
import type { AdaptiveCard } from '../../cards/render';
import { GRAMMAR } from '../../bot/commands/grammar';
import { parseCommand } from '../../bot/commands/parser';
import type { ParseError } from '../../bot/commands/types';
import { GraphError, type GraphFailure } from '../../bot/graph/errors';
import type { Profile } from '../../bot/graph/types';
import { presentOutcome, presentParseError } from '../../bot/present';
import { presentFailure } from '../../bot/presentFailure';
import { cardProblems } from '../support/adaptiveCards';
import { textsOf } from '../support/cards';

const profile = (i: number): Profile => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Profile number ${i} with a long-ish name`,
  state: 'provisioned', providerType: 'csv',
});

const PARSE_ERRORS: ParseError[] = [
  { reason: 'empty' },
  { reason: 'unknownVerb', word: 'pase', suggestions: ['pause profile <name|id>'] },
  { reason: 'unknownVerb', word: 'xyzzy', suggestions: [] },
  { reason: 'unknownNoun', verb: 'pause', word: null, usages: ['pause profile <name|id>'] },
  { reason: 'missingArgument', usage: 'profile <name|id>', argument: 'name or id' },
  { reason: 'unexpectedWords', words: ['now'], usage: 'profiles' },
  { reason: 'badScope', words: ['Foo'], valid: ['Watermark'] },
  { reason: 'badNumber', word: 'abc', usage: 'audit [n]', min: 1, max: 50 },
  { reason: 'unbalancedQuote' },
];
const FAILURES: GraphFailure[] = [
  'unauthenticated', 'forbidden', 'notFound', 'badRequest', 'conflict', 'throttled', 'unavailable', 'timeout',
  'outcomeUnknown', 'unreachable', 'retired',
];

/** Every card the bot can produce today, with realistic and worst-case data. */
function everyCard(): [string, AdaptiveCard][] {
  return [
    ['help', presentOutcome({ kind: 'info', view: { kind: 'help' } })],
    ['help (builder)', renderHelpCard({ sections: [], buttons: [] })],
    ['profiles: none', renderProfileListCard({ profiles: [] })],
    ['profiles: 100', renderProfileListCard({ profiles: Array.from({ length: 100 }, (_, i) => ({ profile: profile(i) })) })],
    ['profiles: with status', renderProfileListCard({ profiles: [{ profile: profile(1), status: { status: 'error', errorCount: 3 } }] })],
    ...GRAMMAR.map((row): [string, AdaptiveCard] => {
      const parsed = parseCommand(row.examples[0]);
      if (!parsed.ok) throw new Error(`example of ${row.kind} does not parse`);
      return [`planned ${row.kind}`, presentOutcome({ kind: 'info', view: { kind: 'planned', command: parsed.command } })];
    }),
    ['notFound', presentOutcome({ kind: 'notFound', what: 'profile', query: 'x', closest: ['a', 'b'] })],
    ['chooseOne', presentOutcome({ kind: 'chooseOne', what: 'profile', query: 'x', options: [{ label: 'A', command: 'profile a' }] })],
    ['refused', presentOutcome({ kind: 'refused', title: 'No', reason: 'because' })],
    ['notice minimal', renderNoticeCard({ title: 't', tone: 'good' })],
    ...PARSE_ERRORS.map((e): [string, AdaptiveCard] => [`parse error ${e.reason}`, presentParseError(e)]),
    ...FAILURES.map((f): [string, AdaptiveCard] => [`graph ${f}`, presentFailure(new GraphError(f, 400, 'Code', 'msg', 'rid', 5), 'ref')]),
    ['unknown failure', presentFailure(new Error('boom'), 'abcd1234')],
  ];
}

describe('every card the bot can produce', () => {
  it.each(everyCard())('%s parses with the official Adaptive Cards model without a warning', (_name, card) => {
    expect(cardProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
  });

  it.each(everyCard())('%s stays under 28 KB', (_name, card) => {
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(28 * 1024);
  });

  it('the model does report a broken card (so a clean parse means something)', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'NoSuchElement' }] })).not.toEqual([]);
  });
});

describe('help card', () => {
  it('lists every row of the grammar table, so it cannot drift from the parser', () => {
    const texts = textsOf(presentOutcome({ kind: 'info', view: { kind: 'help' } }));
    for (const row of GRAMMAR) expect(texts).toContain(row.usage);
  });
});

describe('failure cards', () => {
  it('never show the error text of an unknown failure, only a ref', () => {
    const texts = textsOf(presentFailure(new Error('secret internals at /srv/x.ts:12'), 'ref42')).join('\n');
    expect(texts).toContain('Something went wrong (ref ref42)');
    expect(texts).not.toContain('secret internals');
  });

  it('quote the Graph request-id and say when to retry a throttled call', () => {
    const texts = textsOf(presentFailure(new GraphError('throttled', 429, 'TooManyRequests', '', 'req-1', 7), 'r')).join('\n');
    expect(texts).toContain('Graph request-id: req-1');
    expect(texts).toContain('Try again in 7 s.');
  });
});
