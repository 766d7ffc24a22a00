import { diffSnapshots, filterChanges } from '../../bot/notify/diff';
import type { AppSnapshot, Change, JobSnapshot, ProfileSnapshot } from '../../bot/notify/model';

const profile = (status: string, errorCount = 0, message?: string): ProfileSnapshot => ({ kind: 'profile', status, errorCount, ...(message ? { message } : {}) });
const app = (jobs: Record<string, Partial<JobSnapshot>>): AppSnapshot => ({
  kind: 'app', jobs: Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, { code: 'Active', escrowed: 0, ...job }])),
});
const Q = { reason: 'TooManyDeletes', nextAttempt: '2026-03-14T22:00:00Z' };

describe('diffSnapshots: profiles', () => {
  it.each<[string, ProfileSnapshot, ProfileSnapshot, Change[]]>([
    ['nothing', profile('success', 3), profile('success', 3), []],
    ['only the status message', profile('inProgress', 0, 'a'), profile('inProgress', 0, 'b'), []],
    ['a status change', profile('inProgress'), profile('error'), [{ kind: 'status', from: 'inProgress', to: 'error' }]],
    ['more errors', profile('success', 3), profile('success', 5), [{ kind: 'errors', before: 3, after: 5 }]],
    ['fewer errors (a reset) is not news', profile('success', 5), profile('success', 0), []],
    ['quarantine entered, with SDS\'s message as the reason', profile('error'), profile('quarantined', 0, 'Too many errors'), [{ kind: 'quarantineEntered', reason: 'Too many errors' }]],
    ['quarantine left', profile('quarantined', 0, 'Too many errors'), profile('inProgress'), [{ kind: 'quarantineLeft', reason: 'Too many errors', to: 'inProgress' }]],
    ['status and errors together', profile('success', 1), profile('error', 4), [{ kind: 'status', from: 'success', to: 'error' }, { kind: 'errors', before: 1, after: 4 }]],
  ])('%s', (_name, before, after, changes) => {
    expect(diffSnapshots(before, after)).toEqual(changes);
  });
});

describe('diffSnapshots: apps', () => {
  it.each<[string, AppSnapshot, AppSnapshot, Change[]]>([
    ['nothing', app({ j: {} }), app({ j: {} }), []],
    ['paused', app({ j: {} }), app({ j: { code: 'Paused' } }), [{ kind: 'status', job: 'j', from: 'Active', to: 'Paused' }]],
    ['quarantine entered: one change, not also a status change', app({ j: {} }), app({ j: { code: 'Quarantine', quarantine: Q } }), [{ kind: 'quarantineEntered', job: 'j', ...Q }]],
    ['quarantine left', app({ j: { code: 'Quarantine', quarantine: Q } }), app({ j: {} }), [{ kind: 'quarantineLeft', job: 'j', reason: 'TooManyDeletes', to: 'Active' }]],
    ['another quarantine reason', app({ j: { code: 'Quarantine', quarantine: Q } }), app({ j: { code: 'Quarantine', quarantine: { reason: 'Unknown' } } }), [{ kind: 'quarantineEntered', job: 'j', reason: 'Unknown' }]],
    ['a new failed run', app({ j: { lastRun: { id: 'r1', state: 'Succeeded' } } }), app({ j: { lastRun: { id: 'r2', state: 'Failed', error: 'E: m', endedAt: 't' } } }), [{ kind: 'runFailed', job: 'j', error: 'E: m', endedAt: 't' }]],
    ['the same failed run read again', app({ j: { lastRun: { id: 'r2', state: 'Failed' } } }), app({ j: { lastRun: { id: 'r2', state: 'Failed' } } }), []],
    ['more escrowed objects', app({ j: { escrowed: 1 } }), app({ j: { escrowed: 4 } }), [{ kind: 'errors', job: 'j', before: 1, after: 4 }]],
    ['a job added and one removed', app({ a: {} }), app({ b: { code: 'NotRun' } }), [{ kind: 'jobRemoved', job: 'a' }, { kind: 'jobAdded', job: 'b', code: 'NotRun' }]],
  ])('%s', (_name, before, after, changes) => {
    expect(diffSnapshots(before, after)).toEqual(changes);
  });

  it('compares nothing across kinds', () => {
    expect(diffSnapshots(profile('error'), app({}))).toEqual([]);
  });
});

describe('filterChanges', () => {
  const all: Change[] = [
    { kind: 'status', from: 'success', to: 'paused' },
    { kind: 'status', from: 'success', to: 'error' },
    { kind: 'errors', before: 1, after: 2 },
    { kind: 'quarantineEntered', reason: 'r' },
    { kind: 'quarantineLeft', reason: 'r', to: 'inProgress' },
    { kind: 'runFailed', job: 'j' },
    { kind: 'jobAdded', job: 'k', code: 'Active' },
    { kind: 'jobRemoved', job: 'k' },
    { kind: 'deleted' },
  ];
  const kinds = (changes: Change[]) => changes.map((c) => (c.kind === 'status' ? `status→${c.to}` : c.kind));

  it('all keeps everything', () => {
    expect(filterChanges(all, 'all')).toEqual(all);
  });

  it('errors keeps errors, failed runs, error statuses and what ends a watch', () => {
    expect(kinds(filterChanges(all, 'errors'))).toEqual(['status→error', 'errors', 'runFailed', 'jobRemoved', 'deleted']);
  });

  it('quarantine keeps quarantine moves and what ends a watch', () => {
    expect(kinds(filterChanges(all, 'quarantine'))).toEqual(['quarantineEntered', 'quarantineLeft', 'jobRemoved', 'deleted']);
  });
});
