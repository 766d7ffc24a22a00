import { composeNotification } from '../../bot/present/notification';
import type { AppSnapshot, Notice, Pending, ProfileSnapshot, WatchTarget } from '../../bot/notify/model';

const profileTarget: WatchTarget = { kind: 'profile', id: 'p1', name: 'Contoso High' };
const appTarget: WatchTarget = { kind: 'app', id: 'sp1', name: 'Workday to AD' };
const JOB = 'Workday.1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d';
const profile = (status: string, errorCount = 0): ProfileSnapshot => ({ kind: 'profile', status, errorCount });
const app = (code: string, quarantine?: { reason: string }): AppSnapshot => ({ kind: 'app', jobs: { [JOB]: { code, escrowed: 0, ...(quarantine ? { quarantine } : {}) } } });
const pending = (notice: Notice): Pending => ({ id: 'n', notice, observedAt: '2026-03-14T10:02:00Z', state: 'ready', attempts: 0 });
const compose = (target: WatchTarget, notice: Notice, isResend = false) => composeNotification(target, pending(notice), isResend);
const buttons = (data: ReturnType<typeof compose>) => data.buttons.map((b) => `${b.title} → ${b.command}`);

describe('composeNotification', () => {
  it('a profile status change: title, when it was seen, the line, and Resume when paused', () => {
    const data = compose(profileTarget, { kind: 'changes', changes: [{ kind: 'status', from: 'inProgress', to: 'paused' }], current: profile('paused') });
    expect(data).toMatchObject({
      title: 'Contoso High: In progress → Paused', subtitle: 'School Data Sync (Classic) profile · seen {{DATE(2026-03-14T10:02:00Z, SHORT)}} {{TIME(2026-03-14T10:02:00Z)}}', tone: 'warning',
      lines: ['Status: In progress → Paused'], facts: [{ title: 'Profile id', value: 'p1' }],
    });
    expect(buttons(data)).toEqual(['Resume → resume profile p1', 'Show profile → profile p1', 'Stop watching → unwatch profile p1']);
    expect(data.footnote).toBeUndefined();
  });

  it('new profile errors: count before → after, the newest errors, and Show errors first', () => {
    const data = compose(profileTarget, {
      kind: 'changes', changes: [{ kind: 'errors', before: 3, after: 5 }], current: profile('success', 5),
      newestErrors: [{ entryType: 'Student', identifier: 'ada', code: 'UnsynchronizableChange', message: 'No match', at: '2026-03-14T09:05:00Z' }],
    });
    expect(data).toMatchObject({ title: 'Contoso High: 2 new errors', tone: 'attention', lines: ['Errors: 3 → 5'] });
    expect(data.errors).toEqual([{ heading: 'Student ada · UnsynchronizableChange · {{DATE(2026-03-14T09:05:00Z, SHORT)}} {{TIME(2026-03-14T09:05:00Z)}}', detail: 'No match' }]);
    expect(buttons(data)[0]).toBe('Show errors → errors profile p1');
  });

  it('a job in quarantine: the reason in words, what to do, the next attempt, then Start and Restart', () => {
    const data = compose(appTarget, {
      kind: 'changes', current: app('Quarantine', { reason: 'TooManyDeletes' }),
      changes: [{ kind: 'quarantineEntered', job: JOB, reason: 'TooManyDeletes', nextAttempt: '2026-03-14T22:00:00Z', error: 'TooManyDeletes: 812 deletes' }],
    });
    expect(data.title).toBe('Workday to AD: Workday.1a2b entered quarantine');
    expect(data.lines).toEqual([
      'Job Workday.1a2b entered quarantine (TooManyDeletes): Accidental-deletion prevention stopped the job: the run would delete more objects than the threshold allows.',
      'Next attempt: {{DATE(2026-03-14T22:00:00Z, SHORT)}} {{TIME(2026-03-14T22:00:00Z)}} (in 12 h)',
      'Error: TooManyDeletes: 812 deletes',
      'What to do: If the deletions are intended, restart with scope ForceDeletes; if not, fix the scoping or source data, then restart.',
    ]);
    const at = `${JOB} for sp1`;
    expect(buttons(data)).toEqual([`Start → start job ${at}`, `Restart… → restart job ${at}`, `Provisioning logs → logs job ${at}`, `Show job → job ${at}`, 'Stop watching → unwatch app sp1']);
  });

  it('changes of several jobs: one card, and the app\'s job list as the next step', () => {
    const data = compose(appTarget, { kind: 'changes', current: app('Paused'), changes: [{ kind: 'status', job: JOB, from: 'Active', to: 'Paused' }, { kind: 'jobAdded', job: 'scim.00112233445566778899', code: 'NotRun' }] });
    expect(data.title).toBe('Workday to AD: 2 changes');
    expect(data.lines).toEqual(['Job Workday.1a2b: Active → Paused', 'New job scim.0011 (scim.00112233445566778899), NotRun']);
    expect(buttons(data)).toEqual(['Show jobs → jobs sp1', 'Stop watching → unwatch app sp1']);
  });

  it('flapping, still flapping and settled say how often and where it is now', () => {
    const flapping = compose(appTarget, { kind: 'flapping', changedCycles: 3, windowMinutes: 6, current: app('Paused'), changes: [{ kind: 'status', job: JOB, from: 'Active', to: 'Paused' }] });
    expect(flapping.title).toBe('Workday to AD keeps changing');
    expect(flapping.lines).toEqual([
      'It changed in 3 checks within 6 minutes. The latest:', 'Job Workday.1a2b: Active → Paused', 'Now: Workday.1a2b Paused.',
      'SyncOps now posts one summary when it settles, and at most one an hour until then.',
    ]);
    expect(compose(appTarget, { kind: 'stillFlapping', since: '2026-03-14T09:00:00Z', changedCycles: 40, current: app('Active') }).lines)
      .toEqual(['It changed in 40 more checks (changing since {{DATE(2026-03-14T09:00:00Z, SHORT)}} {{TIME(2026-03-14T09:00:00Z)}}).', 'Now: Workday.1a2b Active.']);
    const settled = compose(profileTarget, { kind: 'settled', since: '2026-03-14T09:00:00Z', changedCycles: 4, net: [], current: profile('success') });
    expect(settled.title).toBe('Contoso High settled: Synced');
    expect(settled.lines).toEqual(['No change in the last checks; it had changed in 4 more checks since {{DATE(2026-03-14T09:00:00Z, SHORT)}} {{TIME(2026-03-14T09:00:00Z)}}.', 'Overall, it is back where the last card left it.']);
  });

  it('deleted: says the watch ended', () => {
    const data = compose(profileTarget, { kind: 'deleted' });
    expect(data).toMatchObject({ title: 'Contoso High no longer exists', tone: 'attention', lines: ['Graph answered twice in a row that it no longer exists.', 'SyncOps stopped watching it here.'] });
    expect(buttons(data)).toEqual(['What is watched here → watching']);
  });

  it('a card sent again after an unknown outcome says it may be a repeat', () => {
    expect(compose(profileTarget, { kind: 'deleted' }, true).footnote).toBe("Sent again: SyncOps restarted or lost Teams' answer while posting this, so it may appear twice.");
  });
});
