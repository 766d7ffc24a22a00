import fc from 'fast-check';
import { GRAMMAR, RESTART_FLAGS, parseCommand, type ParseResult } from '../../bot/commands';

const KINDS = new Set<string>(GRAMMAR.map((row) => row.kind));
const REASONS = new Set(['empty', 'unknownVerb', 'unknownNoun', 'missingArgument', 'unexpectedWords', 'badScope', 'badNumber', 'badDuration', 'unbalancedQuote', 'tooLong']);

// Every code unit, lone surrogates included: a JS string can hold them even if Teams never sends them.
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const grammarWords = [
  ...new Set(GRAMMAR.flatMap((row) => [row.verb, row.noun ?? ''])),
  'for', 'scope', 'only', 'full', 'errors', 'quarantine', ...RESTART_FLAGS, ',', '"', '\u201c', '\u201d',
  '<at>SyncOps</at>', '<p>', '</p>', '&nbsp;', '&quot;', '\n', '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b', '50', '0',
];
const grammarLike = fc
  .array(fc.oneof(fc.constantFrom(...grammarWords), fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 12 })
  .chain((parts) => fc.constantFrom(parts.join(' '), parts.join('')));

/** The result is well formed: a known command, or an error with a known reason. */
function isWellFormed(result: ParseResult): boolean {
  return result.ok ? KINDS.has(result.command.kind) : REASONS.has(result.error.reason);
}

// Letters, digits and punctuation a school or app name may use; no quotes, markup or spaces.
const nameChar = fc.constantFrom(...'abcdefghijXYZ0123456789.-_\'()\u00e9\u00fc\u00df\u6821'.split(''));
const safeName = fc
  .array(fc.string({ unit: nameChar, minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 })
  .map((words) => words.join(' '));

describe('parseCommand properties', () => {
  it('never throws and always answers well formed for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => isWellFormed(parseCommand(text))));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => isWellFormed(parseCommand(text))));
    fc.assert(fc.property(fc.string({ unit: anyCodeUnit, maxLength: 300 }), (text) => isWellFormed(parseCommand(text))));
  });

  it('never throws for long strings around the length limit', () => {
    const long = fc.string({ unit: 'binary-ascii', minLength: 1900, maxLength: 2100 });
    fc.assert(fc.property(long, (text) => isWellFormed(parseCommand(text))), { numRuns: 50 });
  });

  it('reads every non-string input as empty', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        fc.pre(typeof input !== 'string');
        const result = parseCommand(input);
        return !result.ok && result.error.reason === 'empty';
      }),
    );
  });

  it('never throws for texts built from grammar words and random names', () => {
    fc.assert(fc.property(grammarLike, (text) => isWellFormed(parseCommand(text))), { numRuns: 2000 });
  });

  it('reads back any safe quoted name exactly', () => {
    fc.assert(
      fc.property(safeName, fc.constantFrom(['"', '"'], ['\u201c', '\u201d']), (name, [open, close]) => {
        const result = parseCommand(`pause profile ${open}${name}${close}`);
        expect(result).toStrictEqual({ ok: true, command: { kind: 'pauseProfile', profile: { by: 'name', value: name } } });
      }),
    );
  });

  it('reads back any safe unquoted name as the rest of the line', () => {
    fc.assert(
      fc.property(safeName, (name) => {
        const result = parseCommand(`<at>SyncOps</at> watch app ${name} only errors`);
        expect(result).toStrictEqual({ ok: true, command: { kind: 'watchApp', app: { by: 'name', value: name }, only: 'errors' } });
      }),
    );
  });

  it('parses adversarial texts at the length limit quickly', () => {
    const texts = ['<', '"', '<at>', '&', 'a ', 'pause profile ', ', '].map((piece) => piece.repeat(2000).slice(0, 2000));
    const started = Date.now();
    for (const text of texts) expect(isWellFormed(parseCommand(text))).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
