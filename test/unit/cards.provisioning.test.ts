import { presentOutcome, presentParseError } from '../../bot/present/outcome';
import type { ProvisioningEvent } from '../../bot/graph/provisioningTypes';
import type { Job, ServicePrincipal } from '../../bot/graph/types';
import { summarizeEvents } from '../../bot/operations/logSummary';
import { describeStep } from '../../bot/present/stepWords';
import { cardProblems } from '../support/adaptiveCards';
import { actionsOf, textsOf, titleOf, type Card } from '../support/cards';

const app: ServicePrincipal = { id: '4c1b7e92-6a3d-4f0e-9b25-1d8c7a6e5f40', displayName: 'ServiceNow', tags: [] };
const job = { id: 'ServiceNowOutDelta.7e5c3a1f9d7b4e2c8a6f4d2b0e8c6a4f' } as Job;
const long = (n: number) => 'x'.repeat(n);

function event(i: number, over: Partial<ProvisioningEvent> = {}): ProvisioningEvent {
  return {
    id: `e${i}`, activityDateTime: `2026-03-14T10:${String(i % 60).padStart(2, '0')}:00.123Z`, jobId: job.id, cycleId: 'c', action: i % 2 ? 'create' : 'update',
    status: i % 3 ? 'failure' : 'success',
    ...(i % 3 ? { error: { errorCode: `Code${i % 4}`, reason: long(400), recommendedAction: long(400) } } : {}),
    steps: ['import', 'scoping', 'matching', 'export'].map((type) => ({ name: type, type, status: 'success' as const, description: long(300), details: {} })),
    source: { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `User ${i} ${long(100)}`, identityType: 'User' },
    target: { id: '', displayName: '', identityType: 'User' },
    sourceSystem: 'Azure Active Directory', targetSystem: 'ServiceNow', servicePrincipal: { id: app.id, displayName: app.displayName },
    ...over,
  };
}

const many = Array.from({ length: 500 }, (_, i) => event(i));
const logsCard = (events: ProvisioningEvent[], isTruncated = false) =>
  presentOutcome({ kind: 'info', view: { kind: 'provisioningLogs', app, job, sinceHours: 72, since: '2026-03-11T10:02:00.000Z', summary: summarizeEvents(events), isTruncated } });
const whyCard = (events: ProvisioningEvent[]) =>
  presentOutcome({ kind: 'info', view: { kind: 'identityEvents', identity: 'alex@contoso.edu', user: { id: 'u', displayName: 'Alex', userPrincipalName: 'alex@contoso.edu' }, events, lookbackDays: 30 } });

const CARDS: [string, Card][] = [
  ['logs: none', logsCard([])],
  ['logs: 500 events, truncated', logsCard(many, true)],
  ['why: none', whyCard([])],
  ['why: 5 events with long text', whyCard(many.slice(0, 5))],
  ['parse error badDuration', presentParseError({ reason: 'badDuration', word: '5w', usage: 'logs job <jobId> [since <n>h|<n>d]', maxHours: 720 })],
  ['notFound user', presentOutcome({ kind: 'notFound', what: 'user', query: 'nobody@contoso.edu', closest: [] })],
];

describe('provisioning cards', () => {
  it.each(CARDS)('%s parses with the official Adaptive Cards model, wraps every TextBlock, and stays under 28 KB', (_name, card) => {
    expect(cardProblems(card)).toEqual([]);
    const unwrapped: unknown[] = [];
    JSON.stringify(card, (_key, value: { type?: string; wrap?: boolean }) => {
      if (value && value.type === 'TextBlock' && value.wrap !== true) unwrapped.push(value);
      return value;
    });
    expect(unwrapped).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(28 * 1024);
  });

  it('renders times with DATE() and TIME() in the RFC 3339 form Adaptive Cards reads (no milliseconds)', () => {
    const texts = textsOf(logsCard([event(1)]));
    expect(texts).toContain('Events since {{DATE(2026-03-11T10:02:00Z, SHORT)}} {{TIME(2026-03-11T10:02:00Z)}}');
    expect(texts).toContain('{{DATE(2026-03-14T10:01:00Z, SHORT)}} {{TIME(2026-03-14T10:01:00Z)}} · create: Code1');
  });

  it('sums up by outcome and action, and counts actions beyond the four always shown', () => {
    const texts = textsOf(logsCard([event(0), event(1), event(2, { action: 'stageddelete' })]));
    expect(texts).toEqual(expect.arrayContaining(['success: 1', 'failure: 2', 'skipped: 0', 'warning: 0', 'create: 1', 'update: 1', 'delete: 0', 'disable: 0', 'stageddelete: 1']));
  });

  it('caps the why buttons at three distinct users, then the job status', () => {
    const titles = actionsOf(logsCard(many)).map((a) => a.title);
    expect(titles).toHaveLength(4);
    expect(titles[3]).toBe('Job status');
    expect(new Set(titles).size).toBe(4);
  });

  it('says when more events exist than one card reads', () => {
    expect(textsOf(logsCard(many, true))).toContain('More events than SyncOps reads for one card: the counts cover the newest ones. Narrow it with since.');
    expect(titleOf(logsCard(many, true))).toBe('ServiceNow: 333 failures in the last 3 days');
  });
});

describe('describeStep', () => {
  it.each([
    [{ name: 'EntryImport', type: 'import', status: 'success', description: 'Retrieved', details: {} }, '✔ Import (success): Retrieved'],
    [{ name: 'EntryExportAdd', type: 'export', status: 'failure', description: '', details: { A: '1', B: '' } }, '✖ Export (failure): EntryExportAdd [A: 1]'],
    [{ name: 'x', type: 'referenceResolution', status: 'skipped', description: 'd', details: {} }, '↷ Reference resolution (skipped): d'],
    [{ name: 'x', type: 'Somethingnew', status: 'unknown', description: 'd', details: {} }, '• Somethingnew (unknown): d'],
    [{ name: 'x', type: 'import', status: 'warning', description: 'd', details: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i === 0 ? long(100) : 'v'])) },
      `⚠ Import (warning): d [k0: ${long(59)}…, k1: v, k2: v, k3: v, +6 more]`],
  ] as const)('writes %j as one line', (step, line) => {
    expect(describeStep(step as Parameters<typeof describeStep>[0])).toBe(line);
  });
});
