import { parseCommand, type Command, type ParseError, type RestartFlag, type Target } from '../../bot/commands';

const ID = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const named = (value: string): Target => ({ by: 'name', value });
const byId = (value: string): Target => ({ by: 'id', value });
const contoso = named('Contoso High');

const commands: [behaviour: string, input: string, expected: Command][] = [
  ['reads help', 'help', { kind: 'help' }],
  ['reads keywords in any case', 'HeLP', { kind: 'help' }],
  ['lists profiles', 'profiles', { kind: 'listProfiles' }],
  ['shows a profile named by the rest of the line', 'profile Contoso High', { kind: 'showProfile', profile: contoso }],
  ['reads an upper-case GUID as a lower-case id', `profile ${ID.toUpperCase()}`, { kind: 'showProfile', profile: byId(ID) }],
  ['pauses a profile named by the rest of the line', 'pause profile Contoso High', { kind: 'pauseProfile', profile: contoso }],
  ['keeps the case of a name while ignoring the case of keywords', 'PAUSE Profile contoso HIGH', { kind: 'pauseProfile', profile: named('contoso HIGH') }],
  ['reads a double-quoted name', 'pause profile "Contoso High"', { kind: 'pauseProfile', profile: contoso }],
  ['reads a name in typographic quotes', 'pause profile \u201cContoso High\u201d', { kind: 'pauseProfile', profile: contoso }],
  ['reads typographic quotes paired the same way round', 'pause profile \u201dContoso High\u201d', { kind: 'pauseProfile', profile: contoso }],
  ['trims and collapses the spaces of a quoted name', 'pause profile "  Contoso   High "', { kind: 'pauseProfile', profile: contoso }],
  ['removes a leading mention of the bot', '<at>SyncOps</at> pause profile Contoso High', { kind: 'pauseProfile', profile: contoso }],
  ['reads &nbsp; as a space', '<at>SyncOps</at>&nbsp;resume&nbsp;profile Contoso&nbsp;High', { kind: 'resumeProfile', profile: contoso }],
  ['removes HTML that Teams leaves around the text', '<p><at>SyncOps</at> resume profile <b>Contoso</b> High</p>', { kind: 'resumeProfile', profile: contoso }],
  ['collapses newlines, tabs and runs of spaces', '  resume   profile\n Contoso \t High  ', { kind: 'resumeProfile', profile: contoso }],
  ['decodes HTML-escaped quotes and ampersands', 'reset profile &quot;Tom &amp; Jerry&quot;', { kind: 'resetProfile', profile: named('Tom & Jerry') }],
  ['keeps apostrophes inside names', 'reset profile St. Mary\u2019s', { kind: 'resetProfile', profile: named('St. Mary\u2019s') }],
  ['reads a GUID as an id', `start profile ${ID}`, { kind: 'startProfile', profile: byId(ID) }],
  ['reads a quoted GUID as an id', `start profile "${ID}"`, { kind: 'startProfile', profile: byId(ID) }],
  ['keeps "for" inside a profile name', 'start profile Learn for Life', { kind: 'startProfile', profile: named('Learn for Life') }],
  ['lists the errors of a profile', 'errors profile Contoso High', { kind: 'listProfileErrors', profile: contoso }],
  ['finds apps by the rest of the line', 'apps Workday to AD', { kind: 'findApps', query: 'Workday to AD' }],
  ['finds apps by a quoted name', 'apps "Workday"', { kind: 'findApps', query: 'Workday' }],
  ['lists the jobs of an app named by the rest of the line', 'jobs Workday to AD', { kind: 'listJobs', app: named('Workday to AD') }],
  ['lists the jobs of an app given by id', `jobs ${ID}`, { kind: 'listJobs', app: byId(ID) }],
  ['shows a job without an app', 'job Workday.1a2b3c4d', { kind: 'showJob', jobId: 'Workday.1a2b3c4d' }],
  ['shows a job for an app named by the rest of the line', 'job Workday.1a2b for Workday to AD', { kind: 'showJob', jobId: 'Workday.1a2b', app: named('Workday to AD') }],
  ['pauses a job for a quoted app', 'pause job Workday.1a2b for "Workday to AD"', { kind: 'pauseJob', jobId: 'Workday.1a2b', app: named('Workday to AD') }],
  ['reads "for" in any case', `start job Workday.1a2b FOR ${ID}`, { kind: 'startJob', jobId: 'Workday.1a2b', app: byId(ID) }],
  ['restarts a job with the default scope', 'restart job W.1', { kind: 'restartJob', jobId: 'W.1', scope: { kind: 'default' } }],
  ['restarts a job with the full scope', 'restart job W.1 scope FULL', { kind: 'restartJob', jobId: 'W.1', scope: { kind: 'full' } }],
  ['reads scope flags separated by a comma and a space', 'restart job W.1 scope Watermark, Escrows', { kind: 'restartJob', jobId: 'W.1', scope: { kind: 'flags', flags: ['Watermark', 'Escrows'] } }],
  ['reads scope flags in any case and order, spaces only', 'restart job W.1 scope escrows WATERMARK', { kind: 'restartJob', jobId: 'W.1', scope: { kind: 'flags', flags: ['Watermark', 'Escrows'] } }],
  ['reads a quoted app followed by a scope', 'restart job W.1 for "Workday to AD" scope quarantinestate,forcedeletes', { kind: 'restartJob', jobId: 'W.1', app: named('Workday to AD'), scope: { kind: 'flags', flags: ['QuarantineState', 'ForceDeletes'] } }],
  ['ends an unquoted app at the last "scope"', 'restart job W.1 for Scope Manager scope full', { kind: 'restartJob', jobId: 'W.1', app: named('Scope Manager'), scope: { kind: 'full' } }],
  ['keeps keywords inside a quoted app', 'restart job W.1 for "for scope only" scope ConnectorDataStore', { kind: 'restartJob', jobId: 'W.1', app: named('for scope only'), scope: { kind: 'flags', flags: ['ConnectorDataStore'] } }],
  ['watches a profile for every change by default', 'watch profile Contoso High', { kind: 'watchProfile', profile: contoso, only: 'all' }],
  ['watches a profile only for errors', 'watch profile Contoso High only errors', { kind: 'watchProfile', profile: contoso, only: 'errors' }],
  ['keeps "only" inside a quoted profile name', 'watch profile "Contoso only" ONLY Quarantine', { kind: 'watchProfile', profile: named('Contoso only'), only: 'quarantine' }],
  ['watches an app only for quarantine', 'watch app Workday to AD only quarantine', { kind: 'watchApp', app: named('Workday to AD'), only: 'quarantine' }],
  ['stops watching a profile', 'unwatch profile Contoso High', { kind: 'unwatchProfile', profile: contoso }],
  ['stops watching an app given by id', `unwatch app ${ID}`, { kind: 'unwatchApp', app: byId(ID) }],
  ['lists watches', 'watching', { kind: 'listWatches' }],
  ['shows the last 10 audit entries by default', 'audit', { kind: 'audit', count: 10 }],
  ['shows the number of audit entries asked for', 'audit 5', { kind: 'audit', count: 5 }],
  ['accepts the largest audit count', 'audit 50', { kind: 'audit', count: 50 }],
];

const usage = {
  pauseProfile: 'pause profile <name|id>',
  pauseJob: 'pause job <jobId> [for <app>]',
  restartJob: 'restart job <jobId> [for <app>] [scope <flag, …>|full]',
  watchProfile: 'watch profile <name|id> [only errors|quarantine]',
  audit: 'audit [n]',
};
const badNumber = (word: string): ParseError => ({ reason: 'badNumber', word, usage: usage.audit, min: 1, max: 50 });
const valid: RestartFlag[] = ['Watermark', 'Escrows', 'QuarantineState', 'ConnectorDataStore', 'ForceDeletes'];

const errors: [behaviour: string, input: string, expected: ParseError][] = [
  ['calls an empty text empty', '', { reason: 'empty' }],
  ['calls whitespace and newlines empty', '  \n\t ', { reason: 'empty' }],
  ['calls a bare mention empty', '<at>SyncOps</at>&nbsp;', { reason: 'empty' }],
  ['suggests pause for pase', 'pase profile X', { reason: 'unknownVerb', word: 'pase', suggestions: [usage.pauseProfile, usage.pauseJob], corrections: ['pause profile X'] }],
  ['suggests nothing for a word far from every command', 'banana split', { reason: 'unknownVerb', word: 'banana', suggestions: [], corrections: [] }],
  ['asks for the noun when a verb stands alone', 'pause', { reason: 'unknownNoun', verb: 'pause', word: null, usages: [usage.pauseProfile, usage.pauseJob] }],
  ['names an unknown noun', 'Pause banana x', { reason: 'unknownNoun', verb: 'pause', word: 'banana', usages: [usage.pauseProfile, usage.pauseJob] }],
  ['offers only the nouns the verb has', 'reset job W.1', { reason: 'unknownNoun', verb: 'reset', word: 'job', usages: ['reset sds flow <outbound flow name|id>', 'reset profile <name|id>'] }],
  ['asks for a missing profile name', 'pause profile', { reason: 'missingArgument', usage: usage.pauseProfile, argument: 'name|id' }],
  ['treats an empty quoted name as missing', 'pause profile ""', { reason: 'missingArgument', usage: usage.pauseProfile, argument: 'name|id' }],
  ['asks for a missing app query', 'apps', { reason: 'missingArgument', usage: 'apps <name>', argument: 'name' }],
  ['asks for a missing app of jobs', 'jobs', { reason: 'missingArgument', usage: 'jobs <app name|id>', argument: 'name|id' }],
  ['names words after a quoted name', 'pause profile "Contoso" High School', { reason: 'unexpectedWords', words: ['High', 'School'], usage: usage.pauseProfile }],
  ['names words after a command that takes none', 'help me', { reason: 'unexpectedWords', words: ['me'], usage: 'help' }],
  ['names words after profiles', 'profiles all', { reason: 'unexpectedWords', words: ['all'], usage: 'profiles' }],
  ['asks for a missing job id', 'pause job', { reason: 'missingArgument', usage: usage.pauseJob, argument: 'jobId' }],
  ['does not take "for" as a job id', 'job for Workday', { reason: 'missingArgument', usage: 'job <jobId> [for <app>]', argument: 'jobId' }],
  ['names words after a job id', 'pause job W.1 right now', { reason: 'unexpectedWords', words: ['right', 'now'], usage: usage.pauseJob }],
  ['asks for the app after "for"', 'pause job W.1 for', { reason: 'missingArgument', usage: usage.pauseJob, argument: 'app' }],
  ['asks for flags after "scope"', 'restart job W.1 scope', { reason: 'missingArgument', usage: usage.restartJob, argument: 'flags|full' }],
  ['asks for flags when "scope" has only commas', 'restart job W.1 scope , ,', { reason: 'missingArgument', usage: usage.restartJob, argument: 'flags|full' }],
  ['names unknown scope flags', 'restart job W.1 scope Watermark, Bogus, nope', { reason: 'badScope', words: ['Bogus', 'nope'], valid }],
  ['refuses full mixed with flags', 'restart job W.1 scope full, Watermark', { reason: 'badScope', words: ['full'], valid }],
  ['names a for-clause written after the scope', 'restart job W.1 scope full for App', { reason: 'badScope', words: ['full', 'for', 'App'], valid }],
  ['names words between the job id and the scope', 'restart job W.1 now scope full', { reason: 'unexpectedWords', words: ['now', 'scope', 'full'], usage: usage.restartJob }],
  ['asks for the filter after "only"', 'watch profile Contoso only', { reason: 'missingArgument', usage: usage.watchProfile, argument: 'errors|quarantine' }],
  ['names an unknown watch filter', 'watch profile Contoso only everything', { reason: 'unexpectedWords', words: ['everything'], usage: usage.watchProfile }],
  ['names words after the watch filter', 'watch profile "Contoso" only errors now', { reason: 'unexpectedWords', words: ['now'], usage: usage.watchProfile }],
  ['refuses a word as the audit count', 'audit abc', badNumber('abc')],
  ['refuses an audit count of zero', 'audit 0', badNumber('0')],
  ['refuses an audit count over 50', 'audit 51', badNumber('51')],
  ['refuses a negative audit count', 'audit -3', badNumber('-3')],
  ['refuses a fractional audit count', 'audit 2.5', badNumber('2.5')],
  ['refuses a huge audit count', 'audit 99999999999999999999', badNumber('99999999999999999999')],
  ['names words after the audit count', 'audit 5 6', { reason: 'unexpectedWords', words: ['6'], usage: usage.audit }],
  ['gives the usage for an unclosed quote', 'pause profile "Contoso High', { reason: 'unbalancedQuote', usage: usage.pauseProfile }],
  ['reports an unclosed quote before the verb', '"pause profile', { reason: 'unbalancedQuote' }],
  ['reports an unclosed quote after an unknown verb', 'blah "x', { reason: 'unbalancedQuote' }],
  ['says a text over 2000 characters is too long', `pause profile ${'x'.repeat(2000)}`, { reason: 'tooLong', length: 2014, max: 2000, preview: `pause profile ${'x'.repeat(26)}…` }],
];

describe('parseCommand', () => {
  it.each(commands)('%s', (_behaviour, input, expected) => {
    expect(parseCommand(input)).toStrictEqual({ ok: true, command: expected });
  });

  it.each(errors)('%s', (_behaviour, input, expected) => {
    expect(parseCommand(input)).toStrictEqual({ ok: false, error: expected });
  });

  it.each([undefined, null, 42, {}, ['help'], Symbol('help')])('reads the non-string %p as empty', (input) => {
    expect(parseCommand(input)).toStrictEqual({ ok: false, error: { reason: 'empty' } });
  });

  it('tells "not a command" apart from "unknown command"', () => {
    const empty = parseCommand('<at>SyncOps</at>');
    const unknown = parseCommand('<at>SyncOps</at> hello');
    expect(empty).toStrictEqual({ ok: false, error: { reason: 'empty' } });
    expect(unknown).toMatchObject({ ok: false, error: { reason: 'unknownVerb', word: 'hello' } });
  });
});
