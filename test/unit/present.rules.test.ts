import { renderActionCard } from '../../cards/action';
import { renderApprovalCard } from '../../cards/approval';
import { presentOutcome } from '../../bot/present/outcome';
import { distinctLabels } from '../../bot/present/labels';
import { actionsOf } from '../support/cards';
import type { Command } from '../../bot/commands/types';
import type { Job, Profile, ProfileStatus } from '../../bot/graph/types';
import { auditLinesOf } from '../../bot/present/auditLines';
import { isDestructive } from '../../bot/present/destructive';
import { appHealth, jobHealth, profileHealth, snapshotHealth, styleOf, type Health } from '../../bot/present/health';
import { cardClock, cardDateTime, cardDateTimeWithHint, relativeHint } from '../../bot/present/times';
import type { AuditEntry } from '../../bot/store/auditLog';

const profile: Profile = { id: 'p1', displayName: 'Contoso', state: 'provisioned', providerType: 'csv' };
const status = (over: Partial<ProfileStatus>): ProfileStatus => ({ status: 'success', errorCount: 0, ...over } as ProfileStatus);
const job = (status: NonNullable<Job['status']>): Job => ({ id: 'scim.1', status } as Job);
const succeededRun = { state: 'Succeeded', countEscrowed: 0 };

describe('health: healthy only when nothing is wrong', () => {
  it.each<[string, Profile, ProfileStatus | undefined, Health]>([
    ['synced without errors', profile, status({}), 'healthy'],
    ['synced but with errors waiting', profile, status({ errorCount: 3 }), 'warning'],
    ['paused', profile, status({ status: 'paused' }), 'warning'],
    ['in error', profile, status({ status: 'error' }), 'error'],
    ['quarantined', profile, status({ status: 'quarantined' }), 'error'],
    ['whose provisioning failed', { ...profile, state: 'provisioningFailed' }, undefined, 'error'],
    ['still syncing', profile, status({ status: 'inProgress' }), 'neutral'],
  ])('a profile %s', (_, p, s, expected) => {
    expect(profileHealth(p, s)).toBe(expected);
  });

  it.each<[string, NonNullable<Job['status']>, Health]>([
    ['active with a good last run', { code: 'Active', lastExecution: succeededRun }, 'healthy'],
    ['active whose last run failed', { code: 'Active', lastExecution: { state: 'Failed' } }, 'error'],
    ['active with escrowed objects', { code: 'Active', lastExecution: { ...succeededRun, countEscrowed: 4 } }, 'warning'],
    ['active after failed runs', { code: 'Active', lastExecution: succeededRun, countSuccessiveCompleteFailures: 2 }, 'error'],
    ['in quarantine', { code: 'Quarantine', quarantine: { reason: 'TooManyDeletes' } }, 'error'],
    ['paused', { code: 'Paused', lastExecution: succeededRun }, 'warning'],
    ['never run', { code: 'NotRun' }, 'neutral'],
  ] as never)('a job %s', (_, s, expected) => {
    expect(jobHealth(job(s))).toBe(expected);
  });

  it('an app is as healthy as its worst job, and unknown jobs are no reason to look healthy', () => {
    expect(appHealth([job({ code: 'Active', lastExecution: succeededRun } as never), job({ code: 'Quarantine' } as never)])).toBe('error');
    expect(appHealth([job({ code: 'Active', lastExecution: succeededRun } as never)])).toBe('healthy');
    expect(appHealth(undefined)).toBe('warning');
  });

  it('a notification snapshot follows the same rule', () => {
    expect(snapshotHealth({ kind: 'profile', status: 'success', errorCount: 2 })).toBe('warning');
    expect(snapshotHealth({ kind: 'app', jobs: { a: { code: 'Active', escrowed: 0 }, b: { code: 'Active', escrowed: 0, lastRun: { state: 'Failed' } } } })).toBe('error');
  });

  it('warnings and errors look different, and no health draws its text in the pale "Warning" colour', () => {
    const styles = (['healthy', 'warning', 'error', 'neutral'] as const).map(styleOf);
    expect(new Set(styles.map((s) => s.tone)).size).toBe(4);
    expect(new Set(styles.map((s) => s.marker)).size).toBe(4);
    expect(styles.map((s) => s.color)).not.toContain('Warning');
  });
});

describe('Confirm is red only for destructive changes', () => {
  const restart = (scope: Extract<Command, { kind: 'restartJob' }>['scope']): Command => ({ kind: 'restartJob', jobId: 'j', scope });
  it.each<[string, Command, boolean]>([
    ['reset profile', { kind: 'resetProfile', profile: { by: 'id', value: 'p' } }, true],
    ['restart with ForceDeletes', restart({ kind: 'flags', flags: ['Watermark', 'ForceDeletes'] }), true],
    ['restart with ConnectorDataStore', restart({ kind: 'flags', flags: ['ConnectorDataStore'] }), true],
    ['restart full', restart({ kind: 'full' }), true],
    ['restart with the default scope', restart({ kind: 'default' }), false],
    ['pause profile', { kind: 'pauseProfile', profile: { by: 'id', value: 'p' } }, false],
    ['start job', { kind: 'startJob', jobId: 'j' }, false],
  ])('%s', (_, command, expected) => {
    expect(isDestructive(command)).toBe(expected);
  });

  it('styles an Approve button from it too', () => {
    const approveOf = (isDestructive: boolean) => (renderApprovalCard({
      title: 't', askedBy: 'a', why: 'w', deadline: 'd', graphCall: 'g', warnings: [], effects: [], facts: [], waitingActionId: 'a'.repeat(22), isDestructive,
    }).actions as { title: string; style?: string }[])[0];
    expect(approveOf(true)).toMatchObject({ title: 'Approve', style: 'destructive' });
    expect(approveOf(false)).toMatchObject({ title: 'Approve', style: 'positive' });
  });

  it('styles the Confirm button from it', () => {
    const confirmOf = (isDestructive: boolean) => (renderActionCard({ title: 't', tone: 'info', pendingActionId: 'a'.repeat(22), isDestructive }).actions as { title: string; style?: string }[])[0];
    expect(confirmOf(true)).toMatchObject({ title: 'Confirm', style: 'destructive' });
    expect(confirmOf(false)).toMatchObject({ title: 'Confirm', style: 'positive' });
  });
});

describe('times are rendered by Teams in the reader\'s zone', () => {
  it('writes DATE/TIME with RFC 3339 seconds and no fraction, which the functions require', () => {
    expect(cardDateTime('2026-03-14T10:02:07.123Z')).toBe('{{DATE(2026-03-14T10:02:07Z, SHORT)}} {{TIME(2026-03-14T10:02:07Z)}}');
    expect(cardClock('2026-03-14T10:02:00+02:00')).toBe('{{TIME(2026-03-14T08:02:00Z)}}');
  });

  it('never sends an unreadable time into a function', () => {
    expect(cardDateTime(undefined)).toBe('—');
    expect(cardDateTime('soon')).toBe('soon');
    expect(cardClock('')).toBe('an unknown time');
  });

  it('adds a relative hint where it helps', () => {
    const now = new Date('2026-03-14T10:00:00Z');
    expect(relativeHint('2026-03-14T21:00:00Z', now)).toBe('in 11 h');
    expect(relativeHint('2026-03-14T09:55:00Z', now)).toBe('5 min ago');
    expect(relativeHint('2026-03-20T10:00:00Z', now)).toBe('in 6 days');
    expect(cardDateTimeWithHint('2026-03-14T21:00:00Z', now)).toBe('{{DATE(2026-03-14T21:00:00Z, SHORT)}} {{TIME(2026-03-14T21:00:00Z)}} (in 11 h)');
  });
});

describe('the audit card shows one line per action', () => {
  const entry = (event: string, name: string, actionId?: string): AuditEntry => ({
    at: `2026-03-14T10:0${event.length % 10}:00Z`, event, actor: { name }, conversationId: 'c', command: 'pauseProfile', ...(actionId ? { actionId } : {}),
  });

  it('merges an action\'s entries into its latest state, who proposed and who decided; lone entries stay alone', () => {
    const lines = auditLinesOf([
      entry('succeeded', 'Grace', 'A'), entry('refused', 'Eve'), entry('confirmed', 'Grace', 'A'), entry('proposed', 'Ada', 'A'), entry('cancelled', 'Ada', 'B'), entry('proposed', 'Ada', 'B'),
    ]);
    expect(lines.map((l) => [l.state, l.proposedBy?.name, l.decidedBy?.how, l.decidedBy?.actor.name])).toEqual([
      ['succeeded', 'Ada', 'confirmed', 'Grace'],
      ['refused', undefined, undefined, undefined],
      ['cancelled', 'Ada', 'cancelled', 'Ada'],
    ]);
  });

  it('keeps a refused click on an action as a line of its own, with who tried, and takes the approver as the decision', () => {
    const lines = auditLinesOf([entry('refused', 'Linus', 'A'), entry('succeeded', 'Grace', 'A'), entry('approved', 'Grace', 'A'), entry('confirmed', 'Ada', 'A'), entry('proposed', 'Ada', 'A')]);
    expect(lines.map((l) => [l.state, l.actor.name, l.decidedBy?.how, l.decidedBy?.actor.name])).toEqual([
      ['refused', 'Linus', undefined, undefined],
      ['succeeded', 'Grace', 'approved', 'Grace'],
    ]);
  });
});

describe('no two buttons on a card read the same', () => {
  it('adds the start of the id to names two apps share, and leaves unique names alone', () => {
    const a = '11111111-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
    const b = '22222222-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
    expect(distinctLabels([
      { title: 'Workday', command: `jobs ${a}` }, { title: 'Workday', command: `jobs ${b}` }, { title: 'ServiceNow', command: 'jobs x' },
    ]).map((button) => button.title)).toEqual(['Workday (11111111)', 'Workday (22222222)', 'ServiceNow']);
  });

  it('holds for the choose-one card of two apps with one name', () => {
    const card = presentOutcome({ kind: 'chooseOne', what: 'app', query: 'work', options: [{ label: 'Workday', command: 'jobs 11111111-aaaa-4aaa-8aaa-aaaaaaaaaaaa' }, { label: 'Workday', command: 'jobs 22222222-bbbb-4bbb-8bbb-bbbbbbbbbbbb' }] });
    const titles = actionsOf(card).map((a) => a.title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
