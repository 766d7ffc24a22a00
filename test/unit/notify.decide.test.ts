import { decide, isUnchanged, type DecideContext, type Observation } from '../../bot/notify/decide';
import type { AppSnapshot, Notice, ProfileSnapshot, Subscription } from '../../bot/notify/model';
import type { WatchFilter } from '../../bot/commands/types';

const MINUTE = 60_000;
const START = Date.parse('2026-03-14T10:00:00Z');
const profile = (status: string, errorCount = 0): ProfileSnapshot => ({ kind: 'profile', status, errorCount });
const seen = (status: string, errorCount = 0): Observation => ({ kind: 'seen', snapshot: profile(status, errorCount) });
const at = (minutes: number, only: WatchFilter = 'all'): DecideContext => ({ now: new Date(START + minutes * MINUTE), intervalMs: MINUTE, only, noticeId: `n${minutes}` });

/** The subscription once its pending card went out. */
function delivered(sub: Subscription): Subscription {
  const next = { ...sub };
  delete next.pending;
  return next;
}

/** Runs one observation per minute and says what each cycle decided to post (delivering it at once). */
function run(observations: Observation[], start: Subscription = { baseline: profile('success') }, only: WatchFilter = 'all'): (Notice['kind'] | '')[] {
  let sub = start;
  return observations.map((observation, minute) => {
    sub = decide(sub, observation, at(minute, only)) ?? sub;
    const posted = sub.pending?.notice.kind ?? '';
    sub = delivered(sub);
    return posted;
  });
}

describe('decide', () => {
  it('takes the first reading as the baseline without posting', () => {
    expect(decide({}, seen('error'), at(0))).toEqual({ baseline: profile('error') });
  });

  it('writes nothing when nothing changed', () => {
    expect(decide({ baseline: profile('success') }, seen('success'), at(0))).toBeUndefined();
  });

  it('posts a change and moves the baseline in the same write', () => {
    const next = decide({ baseline: profile('success') }, seen('error'), at(0));
    expect(next?.baseline).toEqual(profile('error'));
    expect(next?.pending).toEqual({
      id: 'n0', state: 'ready', attempts: 0, observedAt: '2026-03-14T10:00:00.000Z', from: profile('success'),
      notice: { kind: 'changes', changes: [{ kind: 'status', from: 'success', to: 'error' }], current: profile('error') },
    });
  });

  it('merges a later change into a card not sent yet, from what was last told', () => {
    const first = decide({ baseline: profile('success') }, seen('paused'), at(0))!;
    const merged = decide(first, seen('error', 2), at(1))!;
    expect(merged.pending?.notice).toMatchObject({ kind: 'changes', changes: [{ kind: 'status', from: 'success', to: 'error' }, { kind: 'errors', before: 0, after: 2 }] });
  });

  it('keeps the Retry-After wait of the card it merges into', () => {
    const first = decide({ baseline: profile('success') }, seen('paused'), at(0))!;
    const throttled: Subscription = { ...first, pending: { ...first.pending!, notBefore: '2026-03-14T10:05:00.000Z' } };
    expect(decide(throttled, seen('error'), at(1))?.pending?.notBefore).toBe('2026-03-14T10:05:00.000Z');
  });

  it('drops an unsent card when the object went back to what was last told', () => {
    const first = decide({ baseline: profile('success') }, seen('paused'), at(0))!;
    expect(decide(first, seen('success'), at(1))?.pending).toBeUndefined();
  });

  it('decides nothing while a card may already be on screen (sending), so nothing is skipped or doubled', () => {
    const first = decide({ baseline: profile('success') }, seen('paused'), at(0))!;
    const sending: Subscription = { ...first, pending: { ...first.pending!, state: 'sending' } };
    expect(decide(sending, seen('error'), at(1))).toBeUndefined();
    expect(decide(sending, { kind: 'missing' }, at(1))).toBeUndefined();
  });

  it('leaves out changes the watch filter does not want, but still moves the baseline', () => {
    const next = decide({ baseline: profile('success') }, seen('paused'), at(0, 'errors'));
    expect(next?.baseline).toEqual(profile('paused'));
    expect(next?.pending).toBeUndefined();
  });

  it('believes a deletion on the second 404 in a row, not the first', () => {
    const once = decide({ baseline: profile('success') }, { kind: 'missing' }, at(0))!;
    expect(once).toEqual({ baseline: profile('success'), missing: 1 });
    expect(decide(once, seen('success'), at(1))).toEqual({ baseline: profile('success') });
    expect(decide(once, { kind: 'missing' }, at(1))?.pending?.notice).toEqual({ kind: 'deleted' });
  });
});

describe('decide: flapping', () => {
  const flip = (n: number) => Array.from({ length: n }, (_, i) => seen(i % 2 ? 'success' : 'paused'));
  const same = (n: number) => Array.from({ length: n }, () => seen('success'));

  it('posts two changes, then one "keeps changing", then nothing while it flaps, then "settled" after 3 quiet cycles', () => {
    expect(run([...flip(6), ...same(3)])).toEqual(['changes', 'changes', 'flapping', '', '', '', '', '', 'settled']);
  });

  it('is not flapping when changes are further apart than the window (3 changes in 6 cycles)', () => {
    const spaced = ['paused', 'paused', 'paused', 'success', 'success', 'success', 'paused'].map((status) => seen(status));
    expect(run(spaced)).toEqual(['changes', '', '', 'changes', '', '', 'changes']);
  });

  it('reminds at most hourly while it keeps flapping', () => {
    const posted = run(flip(2 + 62));
    expect(posted.slice(0, 3)).toEqual(['changes', 'changes', 'flapping']);
    expect(posted.filter((p) => p === 'stillFlapping')).toHaveLength(1);
    expect(posted.indexOf('stillFlapping')).toBe(2 + 60);
  });

  it('settled says what changed overall since the flapping card', () => {
    let sub: Subscription = { baseline: profile('success') };
    const observations = [...flip(3), ...Array.from({ length: 4 }, () => seen('error', 3))];
    const notices: Notice[] = [];
    observations.forEach((observation, minute) => {
      sub = decide(sub, observation, at(minute)) ?? sub;
      if (sub.pending) notices.push(sub.pending.notice);
      sub = delivered(sub);
    });
    expect(notices.at(-1)).toMatchObject({ kind: 'settled', net: [{ kind: 'status', from: 'paused', to: 'error' }, { kind: 'errors', before: 0, after: 3 }] });
  });
});

describe('isUnchanged: the check the poller makes of every watch before deciding', () => {
  const job = (code: string) => ({ code, escrowed: 0, lastRun: { id: 'run-1', state: 'Succeeded' } });
  const app = (jobs: Record<string, ReturnType<typeof job>>): AppSnapshot => ({ kind: 'app', jobs });
  const seenApp = (snapshot: AppSnapshot): Observation => ({ kind: 'seen', snapshot });
  const waiting = decide({ baseline: profile('success') }, seen('paused'), at(0))!;
  const flapping: Subscription = { baseline: profile('success'), flap: { changedAt: [], since: '2026-03-14T09:58:00.000Z', changedCycles: 1, quietCycles: 0 } };

  it.each<[string, Subscription, Observation]>([
    ['the same state', { baseline: profile('success', 2) }, seen('success', 2)],
    ['the same jobs, listed in another order', { baseline: app({ a: job('Active'), b: job('Paused') }) }, seenApp(app({ b: job('Paused'), a: job('Active') }))],
    ['a card still waiting to be sent, and nothing new', waiting, seen('paused')],
  ])('is true for %s, where decide writes nothing either', (_what, subscription, observation) => {
    expect(isUnchanged(subscription, observation)).toBe(true);
    expect(decide(subscription, observation, at(1))).toBeUndefined();
  });

  it.each<[string, Subscription, Observation]>([
    ['one more error', { baseline: profile('success', 2) }, seen('success', 3)],
    ['a job more', { baseline: app({ a: job('Active') }) }, seenApp(app({ a: job('Active'), b: job('Active') }))],
    ['found again after one 404 (the count must be cleared)', { baseline: profile('success'), missing: 1 }, seen('success')],
    ['a quiet cycle while flapping (it counts towards "settled")', flapping, seen('success')],
    ['no baseline yet', {}, seen('success')],
    ['a 404', { baseline: profile('success') }, { kind: 'missing' }],
  ])('is false for %s', (_what, subscription, observation) => {
    expect(isUnchanged(subscription, observation)).toBe(false);
  });
});
