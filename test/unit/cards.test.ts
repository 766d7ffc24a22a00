import MarkdownIt from 'markdown-it';
import * as helpModule from '../../cards/help';
import { helpList, renderHelpCard } from '../../cards/help';
import { renderNoticeCard } from '../../cards/notice';
import { presentProfileList } from '../../bot/present/profileList';
import { showPlaceholders, type AdaptiveCard } from '../../cards/render';
import { GRAMMAR, HELP_AREAS, type GrammarRow, type HelpArea } from '../../bot/commands/grammar';
import { APPROVAL_OPERATIONS } from '../../bot/config';
import type { ParseError } from '../../bot/commands/types';
import { GraphError, type GraphFailure } from '../../bot/graph/errors';
import type { Profile } from '../../bot/graph/types';
import { presentOutcome, presentParseError } from '../../bot/present/outcome';
import { presentFailure } from '../../bot/present/failure';
import { cardProblems } from '../support/adaptiveCards';
import { presentAction } from '../../bot/present/action';
import type { StoredAction } from '../../bot/operations/storedAction';
import type { Job, ServicePrincipal } from '../../bot/graph/types';
import { textsOf } from '../support/cards';
import { renderNotificationCard } from '../../cards/notification';
import { renderWelcomeCard } from '../../cards/welcome';
import { composeNotification } from '../../bot/present/notification';
import type { Change, Notice, Watch, WatchTarget } from '../../bot/notify/model';

const profile = (i: number): Profile => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Profile number ${i} with a long-ish name`,
  state: 'provisioned', providerType: 'csv',
});

const PARSE_ERRORS: ParseError[] = [
  { reason: 'empty' },
  { reason: 'unknownVerb', word: 'pase', suggestions: ['pause profile <name|id>'], corrections: ['pause profile X'] },
  { reason: 'unknownVerb', word: 'xyzzy', suggestions: [], corrections: [] },
  { reason: 'unknownNoun', verb: 'pause', word: null, usages: ['pause profile <name|id>'] },
  { reason: 'missingArgument', usage: 'profile <name|id>', argument: 'name or id' },
  { reason: 'unexpectedWords', words: ['now'], usage: 'profiles' },
  { reason: 'badScope', words: ['Foo'], valid: ['Watermark'] },
  { reason: 'badNumber', word: 'abc', usage: 'audit [n]', min: 1, max: 50 },
  { reason: 'unbalancedQuote' },
  { reason: 'tooLong', length: 2400, max: 2000, preview: 'pause profile xxxx…' },
];
const FAILURES: GraphFailure[] = [
  'unauthenticated', 'forbidden', 'notFound', 'badRequest', 'conflict', 'throttled', 'unavailable', 'timeout',
  'outcomeUnknown', 'unreachable', 'retired',
];

const app: ServicePrincipal = { id: '8895955e-2e6c-4d79-8943-4d72ca36878f', displayName: 'Workday to AD User Provisioning', tags: [] };
const execution = { state: 'Failed', timeBegan: '2026-01-01T00:00:00Z', timeEnded: '2026-01-01T00:02:00Z', countImported: 5, countExported: 1, countExports: 2, countEscrowed: 3, error: { code: 'Code', message: 'Message', tenantActionable: true } } as const;
const quarantinedJob = {
  id: 'scim.3b1c9e0a5d7f4a2e8c6b1d0f9e8a7b6c', templateId: 'scim',
  schedule: { interval: 'P10675199DT2H48M5.4775807S', state: 'Active' },
  status: {
    code: 'Quarantine', countSuccessiveCompleteFailures: 3, troubleshootingUrl: 'https://aka.ms/x', steadyStateLastAchievedTime: '0001-01-01T00:00:00Z',
    progress: [{ completedUnits: 3, totalUnits: 10, units: 'users' }],
    quarantine: { reason: 'TooManyDeletes', currentBegan: '2026-01-01T00:00:00Z', nextAttempt: '2026-01-01T12:00:00Z', seriesBegan: '2026-01-01T00:00:00Z', seriesCount: 2, error: { code: 'C', message: 'M' } },
    lastExecution: execution, lastSuccessfulExecution: null,
  },
} as unknown as Job;
const action = (over: Partial<StoredAction>): StoredAction => ({
  id: 'a'.repeat(22), command: { kind: 'restartJob', jobId: quarantinedJob.id, app: { by: 'id', value: app.id }, scope: { kind: 'default' } },
  targetLabel: 'scim job', conversationId: 'c', proposedBy: { name: 'Ada' }, createdAt: '2026-01-01T10:00:00Z', expiresAt: '2026-01-01T10:15:00Z',
  state: 'pending',
  plan: { question: 'Restart scim?', verb: 'Restart', pastTense: 'Restarted', graphCall: 'POST /x {}', effects: ['e'], warnings: ['w'], facts: [{ title: 'App', value: 'A' }] },
  ...over,
});
const manyMessages = Array.from({ length: 40 }, (_, i) => ({ type: i % 3 ? 'warning' : 'error', fileName: `file${i % 4}.csv`, description: `Row ${i} has a problem with a rather long description of what is wrong` } as const));

/** Notification, watching and welcome cards, with the longest names, messages and lists they can get. */
function notifyCards(): [string, AdaptiveCard][] {
  const long = (n: number) => 'x'.repeat(n);
  const appTarget: WatchTarget = { kind: 'app', id: app.id, name: `${app.displayName} ${long(200)}` };
  const profileTarget: WatchTarget = { kind: 'profile', id: profile(1).id, name: long(250) };
  const job = (i: number) => `scim.${String(i).padStart(32, '0')}`;
  const current = { kind: 'app' as const, jobs: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [job(i), { code: 'Quarantine', escrowed: 9, quarantine: { reason: 'TooManyDeletes' } }])) };
  const manyChanges: Change[] = Array.from({ length: 60 }, (_, i) => ({ kind: 'quarantineEntered', job: job(i), reason: 'TooManyDeletes', nextAttempt: '2026-01-01T00:00:00Z', error: long(300) }));
  const notices: [string, WatchTarget, Notice][] = [
    ['changes (60 jobs)', appTarget, { kind: 'changes', changes: manyChanges, current }],
    ['changes (profile errors)', profileTarget, { kind: 'changes', changes: [{ kind: 'errors', before: 1, after: 999 }], current: { kind: 'profile', status: 'error', errorCount: 999 }, newestErrors: Array.from({ length: 3 }, () => ({ entryType: 'Student', identifier: long(100), code: long(60), message: long(300), at: '2026-01-01T00:00:00Z' })) }],
    ['flapping', appTarget, { kind: 'flapping', changes: manyChanges, changedCycles: 3, windowMinutes: 6, current }],
    ['still flapping', appTarget, { kind: 'stillFlapping', since: '2026-01-01T00:00:00Z', changedCycles: 60, current }],
    ['settled', profileTarget, { kind: 'settled', since: '2026-01-01T00:00:00Z', changedCycles: 9, net: [], current: { kind: 'profile', status: 'success', errorCount: 0 } }],
    ['deleted', profileTarget, { kind: 'deleted' }],
  ];
  const watch = (i: number): Watch => ({ target: { kind: i % 2 ? 'app' : 'profile', id: profile(i).id, name: `${long(200)} ${i}` }, only: 'errors', since: '2026-01-01T00:00:00Z', by: long(80) });
  const suspension = { at: '2026-01-01T00:00:00Z', status: 403, code: 'BotNotInConversationRoster' };
  return [
    ...notices.map(([name, target, notice]): [string, AdaptiveCard] => [
      `notification ${name}`,
      renderNotificationCard(composeNotification(target, { id: 'n', notice, observedAt: '2026-01-01T00:00:00Z', state: 'sending', attempts: 2 }, true)),
    ]),
    ['watching: none', presentOutcome({ kind: 'info', view: { kind: 'watchList', watches: [] } })],
    ['watching: 500, resumed', presentOutcome({ kind: 'info', view: { kind: 'watchList', watches: Array.from({ length: 500 }, (_, i) => watch(i)), resumed: suspension } })],
    ...(['added', 'updated', 'unchanged', 'removed'] as const).map((change): [string, AdaptiveCard] => [
      `watch ${change}`, presentOutcome({ kind: 'info', view: { kind: 'watchChanged', change, target: appTarget, only: 'quarantine', current: long(500), resumed: suspension } }),
    ]),
    ['not watching: none', presentOutcome({ kind: 'info', view: { kind: 'notWatching', what: 'profile', query: 'x', watched: [] } })],
    ['not watching: 500', presentOutcome({ kind: 'info', view: { kind: 'notWatching', what: 'app', query: long(200), watched: Array.from({ length: 500 }, () => long(200)) } })],
    ['welcome in a channel', renderWelcomeCard({ isGroup: true, buttons: [{ title: 'Help', command: 'help' }] })],
    ['welcome in a personal chat', renderWelcomeCard({ isGroup: false, buttons: [] })],
  ];
}

/** Every card the bot can produce today, with realistic and worst-case data. */
function everyCard(): [string, AdaptiveCard][] {
  return [
    ['help', presentOutcome({ kind: 'info', view: { kind: 'help' } })],
    ['help, every approval operation', presentOutcome({ kind: 'info', view: { kind: 'help', approvals: [...APPROVAL_OPERATIONS] } })],
    ['help (builder)', renderHelpCard({ sections: [], buttons: [] })],
    ['profiles: none', presentProfileList([])],
    ['profiles: 100', presentProfileList(Array.from({ length: 100 }, (_, i) => ({ profile: profile(i) })))],
    ['profiles: with status', presentProfileList([{ profile: profile(1), status: { status: 'error', errorCount: 3 } }])],
    ['notFound', presentOutcome({ kind: 'notFound', what: 'profile', query: 'x', closest: ['a', 'b'] })],
    ['chooseOne', presentOutcome({ kind: 'chooseOne', what: 'profile', query: 'x', options: [{ label: 'A', command: 'profile a' }] })],
    ['refused', presentOutcome({ kind: 'refused', title: 'No', reason: 'because' })],
    ['notice minimal', renderNoticeCard({ title: 't', tone: 'good' })],
    ...PARSE_ERRORS.map((e): [string, AdaptiveCard] => [`parse error ${e.reason}`, presentParseError(e)]),
    ...FAILURES.map((f): [string, AdaptiveCard] => [`graph ${f}`, presentFailure(new GraphError(f, 400, 'Code', 'msg', 'rid', 5), 'ref')]),
    ['unknown failure', presentFailure(new Error('boom'), 'abcd1234')],
    ['needsApp', presentOutcome({ kind: 'needsApp', jobId: 'x', searched: 2 })],
    ['profile status', presentOutcome({ kind: 'info', view: { kind: 'profileStatus', profile: profile(1), status: { status: 'paused', errorCount: 4, statusMessage: 'm' } } })],
    ['profile errors', presentOutcome({ kind: 'info', view: { kind: 'profileErrors', profile: profile(1), shownBefore: 10, nextCursor: 'c'.repeat(16), page: { items: Array.from({ length: 10 }, (_, i) => ({ id: String(i), entryType: 'Student', errorCode: 'Code', errorMessage: 'x'.repeat(300), recordedDateTime: '2026-01-01T00:00:00Z' })), count: 42 } } })],
    ['audit', presentOutcome({ kind: 'info', view: { kind: 'audit', requested: 50, entries: Array.from({ length: 50 }, () => ({ at: '2026-01-01T00:00:00Z', event: 'succeeded', actor: { name: 'Ada Lovelace', aadObjectId: '0c6b3f3e-2d7a-4f0c-9d55-8f1d2a7e9b11' }, conversationId: 'c', command: 'restartJob', target: 'x'.repeat(80), graphRequestId: '7902ea42-3d85-495f-acb0-dc783549d596', outcome: 'Restarted' })) } })],
    ['apps', presentOutcome({ kind: 'info', view: { kind: 'appList', query: 'w', apps: Array.from({ length: 25 }, () => ({ app, jobs: [quarantinedJob] })) } })],
    ['apps none', presentOutcome({ kind: 'info', view: { kind: 'appList', query: 'w', apps: [] } })],
    ['jobs', presentOutcome({ kind: 'info', view: { kind: 'jobList', app, jobs: [quarantinedJob, { id: 'j2' } as Job] } })],
    ['job status quarantined', presentOutcome({ kind: 'info', view: { kind: 'jobStatus', app, job: quarantinedJob } })],
    ['job status minimal', presentOutcome({ kind: 'info', view: { kind: 'jobStatus', app, job: { id: 'j' } as Job } })],
    ...(['pending', 'running', 'succeeded', 'failed', 'outcomeUnknown', 'cancelled', 'expired'] as const).map((state): [string, AdaptiveCard] => [
      `action ${state}`,
      presentAction(action({ state, decidedBy: { name: 'Grace' }, decidedAt: '2026-01-01T10:02:00Z', result: { headline: 'Not started', details: ['d'], graphRequestId: 'r', stateAfter: 'Paused', verification: manyMessages, error: { failure: 'forbidden', status: 403, code: 'accessDenied', message: 'm' } } }), 'Already confirmed by Grace at {{TIME(2026-03-14T10:02:00Z)}}.'),
    ]),
    ...notifyCards(),
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
  const DEFAULT_APPROVALS = ['restart-job-destructive', 'reset-sds-flow'];
  const helpCard = (approvals?: readonly string[]) => presentOutcome({ kind: 'info', view: { kind: 'help', ...(approvals ? { approvals } : {}) } });
  const areas = (Object.keys(HELP_AREAS) as HelpArea[]).filter((area) => GRAMMAR.some((row) => row.area === area));
  const line = (row: { usage: string; summary: string }) => `- **${showPlaceholders(row.usage)}**: ${row.summary}`;
  type Element = { type: string; text?: string; items?: Element[] } & Record<string, unknown>;
  const sectionsOf = (card: AdaptiveCard) => (card.body as Element[]).filter((element) => element.type === 'Container');

  it('has one TextBlock per area holding its commands as a list, under a bold heading, and nothing per command', () => {
    const card = helpCard(DEFAULT_APPROVALS);
    const sections = sectionsOf(card);
    expect(sections).toHaveLength(areas.length);
    sections.forEach((section, i) => {
      expect(section).toMatchObject({ separator: true, spacing: 'Medium' });
      expect(section.items).toEqual([
        { type: 'TextBlock', text: HELP_AREAS[areas[i]!], weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: GRAMMAR.filter((row) => row.area === areas[i]).map(line).join('\r'), wrap: true },
      ]);
    });
    // Title, intro, a heading and a list per area, footnote: no TextBlock or Container per command.
    expect(textsOf(card)).toHaveLength(2 + 2 * areas.length + 1);
  });

  it('names every usage of the grammar table exactly once, in bold, so it cannot drift from the parser', () => {
    const text = textsOf(helpCard(DEFAULT_APPROVALS)).join('\n');
    for (const row of GRAMMAR) expect(text.split(`**${showPlaceholders(row.usage)}**: ${row.summary}`)).toHaveLength(2);
    expect(text).not.toMatch(/[<>]/);
  });

  it.each(GRAMMAR.map((row): [string, GrammarRow] => [row.usage, row]))('"%s" holds no Markdown of its own (Teams documents no escape)', (_usage, row) => {
    expect(markdownProblems(row.usage)).toEqual([]);
    expect(markdownProblems(row.summary)).toEqual([]);
  });

  it('each area renders as a bulleted list of bold usages and plain summaries, every other text as plain text', () => {
    const card = helpCard([...APPROVAL_OPERATIONS]);
    sectionsOf(card).forEach((section, i) => {
      const rows = GRAMMAR.filter((row) => row.area === areas[i]);
      expect(markdown.render(section.items![1]!.text!)).toBe(`<ul>\n${rows.map((row) => `<li><strong>${html(showPlaceholders(row.usage))}</strong>: ${html(row.summary)}</li>\n`).join('')}</ul>\n`);
    });
    const plain = textsOf(card).filter((text) => !text.startsWith('- '));
    expect(plain).toHaveLength(2 + areas.length + 1);
    for (const text of plain) expect(markdown.render(text)).toBe(`<p>${html(text)}</p>\n`);
  });

  it('the Markdown checks do catch what would break a line (so a clean grammar means something)', () => {
    for (const bad of ['job *id*', 'a_b_c', 'see [docs](https://x)', 'a `code` span', 'two\rlines', '1. first', '- item', '# title', 'x &amp; y', 'back\\slash', '~~gone~~'])
      expect([bad, markdownProblems(bad)]).not.toEqual([bad, []]);
    expect(markdown.render(helpList([{ usage: 'pause *job* <jobId>', summary: 'Pause a job' }]))).not.toContain('<strong>pause *job* ‹jobId›</strong>');
    expect(markdown.render(helpList([{ usage: 'pause job', summary: 'see [docs](https://x)' }]))).toContain('<a href');
  });

  it.each<[string, readonly string[] | undefined]>([
    ['no approvals', undefined],
    ['the default approvals', DEFAULT_APPROVALS],
    ['every approval operation', [...APPROVAL_OPERATIONS]],
  ])('stays under 5 KB with %s (it was 11 KB as a Container per command)', (_name, approvals) => {
    expect(Buffer.byteLength(JSON.stringify(helpCard(approvals)), 'utf8')).toBeLessThan(5 * 1024);
  });

  it('is built once per approval note, then answered as it is, frozen', () => {
    const render = jest.spyOn(helpModule, 'renderHelpCard');
    try {
      const approvals = ['start-sds-run', 'reset-profile']; // no other test asks for this note, so the first call builds
      const first = helpCard(approvals);
      const second = helpCard([...approvals]);
      expect(second).toBe(first);
      expect(render).toHaveBeenCalledTimes(1);
      expect(isDeepFrozen(first)).toBe(true);
    } finally {
      render.mockRestore();
    }
  });

  it('says the approval note of its own APPROVAL_REQUIRED, and none when nothing needs approval', () => {
    const footnote = (approvals?: readonly string[]) => textsOf(helpCard(approvals)).at(-1)!;
    expect(footnote(DEFAULT_APPROVALS)).toContain('(APPROVAL_REQUIRED): restart-job-destructive, reset-sds-flow.');
    expect(footnote(['reset-profile'])).toContain('(APPROVAL_REQUIRED): reset-profile.');
    expect(footnote(undefined)).toBe('Commands that change something show a confirmation card first; nothing runs until someone clicks Confirm.');
    expect(footnote([])).toBe(footnote(undefined));
    expect(helpCard(['reset-profile'])).not.toEqual(helpCard(DEFAULT_APPROVALS));
  });
});

/**
 * The CommonMark renderer the Adaptive Cards docs use for Markdown (markdown-it, raw HTML escaped), to see
 * what a help line becomes. Teams' own renderers are not CommonMark, so markdownProblems is stricter.
 */
const markdown = new MarkdownIt();
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * What in a help line's usage or summary Teams could read as Markdown (Text formatting in cards: bold, italic,
 * lists, links): emphasis and code marks, a link, an escape or entity, a line break, or a list or heading mark
 * at the start.
 */
function markdownProblems(text: string): string[] {
  const rules: [string, RegExp][] = [
    ['emphasis, strike-through or code', /[*_~`]/],
    ['a link or image', /\]\(|!\[/],
    ['an escape or HTML entity', /\\|&#?\w+;/],
    ['a line break', /[\r\n]/],
    ['a list, quote or heading mark at the start', /^\s*(?:[-+*>]|\d+[.)])(?:\s|$)|^\s*#/],
  ];
  return rules.filter(([, rule]) => rule.test(text)).map(([what]) => what);
}

function isDeepFrozen(value: unknown): boolean {
  if (!value || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

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
