/** The new SDS cards with realistic and worst-case data: clean for the official model, wrapped, under 28 KB. */
import type { AdaptiveCard } from '../../cards/render';
import type { FileValidation, InboundFlow, SdsRun, SdsRunStatistics } from '../../bot/graph/industryDataTypes';
import { presentOutcome } from '../../bot/present/outcome';
import { presentClassicRetired } from '../../bot/present/sdsClassic';
import { compared, describeRunNow, describeRunTimes, duration, expiryWarning, localTime } from '../../bot/present/sdsWords';
import type { SdsView } from '../../bot/operations/sdsViews';
import { cardProblems } from '../support/adaptiveCards';
import { textsOf } from '../support/cards';

const AT = '2026-03-14T10:02:00Z';
const LONG = 'x'.repeat(400);
const run = (i: number, status: SdsRun['status'] = 'completedWithErrors'): SdsRun => ({
  id: `90000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Scheduled run ${LONG}`, status,
  startDateTime: '2026-03-14T08:00:00Z', ...(status === 'running' ? {} : { endDateTime: '2026-03-14T08:51:00Z' }),
  blockingError: { code: 'RequiredFileNotFound', message: LONG, target: 'orgs.csv' },
  activities: Array.from({ length: 8 }, (_, a) => ({ direction: a % 2 ? 'outbound' : 'inbound', displayName: `Flow ${a} ${LONG}`, status: 'completedWithErrors', blockingError: { code: 'C', message: LONG } })),
});
const counts = { errors: 40, warnings: 3, people: 5120, groups: 412, memberships: 9870, organizations: 6, matchedPeopleByRole: [{ role: 'student', count: 4352 }], unmatchedPeopleByRole: [] };
const stats = (i: number): SdsRunStatistics => ({ runId: run(i).id, status: 'completedWithErrors', totals: counts, flows: [] });
const flow = (i: number, source: InboundFlow['source'] = 'file'): InboundFlow => ({
  id: `f0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Flow ${i} ${LONG.slice(0, 120)}`, source, readinessStatus: 'ready',
  effectiveDateTime: '2025-08-01T00:00:00Z', expirationDateTime: '2026-03-20T00:00:00Z', year: '2025-2026',
});
const validation = (errors: number): FileValidation => ({
  id: 'op', status: 'failed', validatedFiles: ['users.csv'],
  errors: Array.from({ length: errors }, (_, i) => ({ code: 'RequiredFileNotFound', message: LONG.slice(0, 200), target: `file${i % 5}.csv` })),
  warnings: [{ code: 'OptionalFileNotFound', message: 'The optional file classes.csv was not found.', target: 'classes.csv' }],
});
const view = (v: SdsView): AdaptiveCard => presentOutcome({ kind: 'info', view: v });
const budget = { used: 5, limit: 5, freesAt: '2026-03-14T20:00:00Z' };

const CARDS: [string, AdaptiveCard][] = [
  ['runs: none', view({ kind: 'sdsRunList', runs: [], total: 0, budget: { used: 0, limit: 5 }, at: AT })],
  ['runs: 10 of 700, long names', view({ kind: 'sdsRunList', runs: Array.from({ length: 10 }, (_, i) => ({ run: run(i), statistics: stats(i) })), total: 700, budget, at: AT })],
  ['run with previous', view({ kind: 'sdsRun', current: { run: run(1), statistics: stats(1) }, previous: { run: run(2), statistics: stats(2) }, at: AT })],
  ['run running, no statistics', view({ kind: 'sdsRun', current: { run: run(1, 'running') }, at: AT })],
  ['flows: none', view({ kind: 'sdsFlows', inbound: [], flowSets: [], at: AT })],
  ['flows: 20 and 5 sets', view({ kind: 'sdsFlows', inbound: Array.from({ length: 20 }, (_, i) => flow(i, i % 2 ? 'api' : 'file')), flowSets: Array.from({ length: 5 }, (_, i) => ({ id: String(i), displayName: `Set ${i}`, flows: [{ id: 'u', displayName: 'Provision users', provisions: 'users', readinessStatus: 'ready' }] })), at: AT })],
  ...(['started', 'running', 'ended', 'gaveUp', 'failed'] as const).map((phase): [string, AdaptiveCard] => [
    `validation ${phase}`, view({ kind: 'sdsValidation', flow: flow(1), phase, by: 'Ada Lovelace', startedAt: AT, at: AT, ...(phase === 'started' ? {} : { validation: validation(60) }), ...(phase === 'gaveUp' ? { problem: 'Still running' } : {}) }),
  ]),
  ['classic retired', presentClassicRetired()],
];

/** Every TextBlock of a card, anywhere in it. */
function textBlocks(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(textBlocks);
  if (!node || typeof node !== 'object') return [];
  const element = node as Record<string, unknown>;
  return [...(element.type === 'TextBlock' ? [element] : []), ...Object.values(element).flatMap(textBlocks)];
}

describe.each(CARDS)('%s', (_name, card) => {
  it('parses with the official Adaptive Cards model without a warning', () => expect(cardProblems(card)).toEqual([]));
  it('stays under 28 KB', () => expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(28 * 1024));
  it('wraps every TextBlock', () => expect(textBlocks(card).filter((block) => block.wrap !== true)).toEqual([]));
});

describe('validation card', () => {
  it('groups errors and warnings by file, errors first, and counts what does not fit', () => {
    const texts = textsOf(view({ kind: 'sdsValidation', flow: flow(1), phase: 'ended', by: 'Ada', startedAt: AT, at: AT, validation: validation(30) }));
    expect(texts[0]).toBe('Validation failed: 30 errors, 1 warning');
    expect(texts).toContain('file0.csv');
    expect(texts).toContain('6 more messages not shown.');
  });
});

describe('how the new SDS reads', () => {
  it.each([
    [run(1, 'running'), 'Running for 2 h 02 min'],
    [run(1, 'completedWithErrors'), 'Completed with errors after 51 min'],
    [{ ...run(1, 'failed') }, 'Failed after 51 min'],
  ])('describes a run now', (r, text) => expect(describeRunNow(r, new Date(AT))).toBe(text));

  it('says when a run started and ended, or how long it has been running', () => {
    expect(describeRunTimes(run(1), new Date(AT))).toBe('Started {{DATE(2026-03-14T08:00:00Z, SHORT)}} {{TIME(2026-03-14T08:00:00Z)}} · ended {{DATE(2026-03-14T08:51:00Z, SHORT)}} {{TIME(2026-03-14T08:51:00Z)}} · took 51 min');
    expect(describeRunTimes(run(1, 'running'), new Date(AT))).toBe('Started {{DATE(2026-03-14T08:00:00Z, SHORT)}} {{TIME(2026-03-14T08:00:00Z)}} · running for 2 h 02 min');
  });

  it.each([[0, '0 min'], [59 * 60_000, '59 min'], [61 * 60_000, '1 h 01 min']])('says %i ms as "%s"', (ms, text) => expect(duration(ms)).toBe(text));

  it('compares with the run before only when the count changed', () => {
    expect(compared(40, 12)).toBe('12 → 40');
    expect(compared(40, 40)).toBe('40');
    expect(compared(40, undefined)).toBe('40');
  });

  it('warns within 14 days of expiry and says when a flow has expired', () => {
    expect(expiryWarning(flow(1), new Date(AT))).toBe('Expires in 6 days: extend it in the SDS portal or it stops running.');
    expect(expiryWarning(flow(1), new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
    expect(expiryWarning(flow(1), new Date('2026-04-01T00:00:00Z'))).toMatch(/^Expired/);
  });

  it('writes instants for each reader\'s own zone, in the form DATE and TIME accept', () => {
    expect(localTime('2026-03-14T10:02:00.123Z')).toBe('{{DATE(2026-03-14T10:02:00Z, SHORT)}} {{TIME(2026-03-14T10:02:00Z)}}');
    expect(localTime(undefined)).toBe('—');
  });
});
