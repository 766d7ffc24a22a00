import fc from 'fast-check';
import { formatCommand, GRAMMAR, parseCommand, RESTART_FLAGS, WATCH_FILTERS, type Command, type GrammarRow, type Parsed, type Target } from '../../bot/commands';

// Letters, digits and punctuation a school or app name may use; no quote characters (the grammar has no escape).
const nameChar = fc.constantFrom(...'abcdefghijXYZ0123456789.-_\'(),&\u00e9\u00fc\u00df\u6821'.split(''));
const name = fc
  .array(fc.string({ unit: nameChar, minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 })
  .map((words) => words.join(' '));
const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: length, maxLength: length });
const guid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join('-'));
const target: fc.Arbitrary<Target> = fc.oneof(
  guid.map((value) => ({ by: 'id' as const, value })),
  name.filter((value) => !/^[0-9a-f-]{36}$/i.test(value)).map((value) => ({ by: 'name' as const, value })),
);
const CLAUSE_WORDS = new Set(['for', 'scope', 'only', 'page', 'since', 'in']);
const jobId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$/).filter((id) => !CLAUSE_WORDS.has(id.toLowerCase()));
const flags = fc.subarray([...RESTART_FLAGS], { minLength: 1 });
const scope = fc.oneof(
  fc.constant({ kind: 'default' as const }),
  fc.constant({ kind: 'full' as const }),
  flags.map((chosen) => ({ kind: 'flags' as const, flags: chosen })),
);
const cursor = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);
const identity = fc.oneof(guid, fc.stringMatching(/^[a-z][a-z0-9.]{0,20}@[a-z]{1,10}\.edu$/));
const sinceHours = fc.integer({ min: 1, max: 720 });

/** Any command a row can build: its subject and clauses filled with arbitrary valid values. */
function commandOf(row: GrammarRow): fc.Arbitrary<Command> {
  const count = row.subject.kind === 'count' ? fc.integer({ min: row.subject.min, max: row.subject.max }) : fc.constant(0);
  return fc
    .record({
      target, query: name, jobId, word: fc.oneof(fc.constant('latest'), guid), count, scope, only: fc.constantFrom(...WATCH_FILTERS), identity, sinceHours,
      // A clause the row requires (`provision … for <app>`) is always there.
      app: row.required?.includes('for') ? target : fc.option(target, { nil: undefined }), page: fc.option(cursor, { nil: undefined }),
    })
    .map(({ app, page, ...parsed }) => row.build({ ...parsed, ...(app ? { app } : {}), ...(page ? { page } : {}) } as Parsed));
}

describe('formatCommand', () => {
  it.each(GRAMMAR.map((row) => [row.kind, row] as const))('writes every %s command so that parseCommand reads it back unchanged', (_kind, row) => {
    fc.assert(
      fc.property(commandOf(row), (command) => {
        expect(parseCommand(formatCommand(command))).toEqual({ ok: true, command });
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    [{ kind: 'pauseProfile', profile: { by: 'name', value: 'Contoso High' } }, 'pause profile "Contoso High"'],
    [{ kind: 'showJob', jobId: 'Workday.1a2b', app: { by: 'id', value: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } }, 'job Workday.1a2b for 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
    [{ kind: 'restartJob', jobId: 'X.1', scope: { kind: 'flags', flags: ['Watermark', 'Escrows'] } }, 'restart job X.1 scope Watermark, Escrows'],
    [{ kind: 'restartJob', jobId: 'X.1', scope: { kind: 'default' } }, 'restart job X.1'],
    [{ kind: 'watchApp', app: { by: 'name', value: 'Workday' }, only: 'all' }, 'watch app "Workday"'],
    [{ kind: 'listProfileErrors', profile: { by: 'name', value: 'A' }, cursor: 'abcdefgh12' }, 'errors profile "A" page abcdefgh12'],
    [{ kind: 'audit', count: 25 }, 'audit 25'],
    [{ kind: 'showJobLogs', jobId: 'scim.1', app: { by: 'name', value: 'Fabrikam' }, sinceHours: 72 }, 'logs job scim.1 for "Fabrikam" since 3d'],
    [{ kind: 'showJobLogs', jobId: 'scim.1', sinceHours: 24 }, 'logs job scim.1'],
    [{ kind: 'explainIdentity', identity: 'alex@contoso.edu', app: { by: 'id', value: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } }, 'why alex@contoso.edu in 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
    [{ kind: 'provisionUser', identity: 'alex@contoso.edu', app: { by: 'name', value: 'ServiceNow' } }, 'provision alex@contoso.edu for "ServiceNow"'],
  ] as [Command, string][])('writes %j as %s', (command, text) => {
    expect(formatCommand(command)).toBe(text);
  });

  it('refuses to write a name the grammar cannot quote, instead of writing another command', () => {
    expect(() => formatCommand({ kind: 'showProfile', profile: { by: 'name', value: 'The "Best" School' } })).toThrow(/quote character/);
  });
});
