import { parseCommand, type ParseResult } from '../../bot/commands';
import { resolveSchedule } from '../../bot/operations/scheduleTime';

const contoso = { by: 'name', value: 'Contoso High' } as const;

const schedules: [behaviour: string, input: string, expected: ParseResult][] = [
  ['reads a 24-hour time after a change', 'pause profile Contoso High at 02:00', { ok: true, command: { kind: 'pauseProfile', profile: contoso }, when: { kind: 'at', hour: 2, minute: 0 } }],
  ['reads a one-digit hour', 'pause profile Contoso High at 7:05', { ok: true, command: { kind: 'pauseProfile', profile: contoso }, when: { kind: 'at', hour: 7, minute: 5 } }],
  ['reads a delay in minutes', 'resume profile Contoso High in 30m', { ok: true, command: { kind: 'resumeProfile', profile: contoso }, when: { kind: 'in', minutes: 30 } }],
  ['reads a delay in hours, in any case', 'resume profile Contoso High IN 2H', { ok: true, command: { kind: 'resumeProfile', profile: contoso }, when: { kind: 'in', minutes: 120, unit: 'h' } }],
  ['keeps a restart scope before the time', 'restart job W.1 scope Watermark, Escrows at 23:59',
    { ok: true, command: { kind: 'restartJob', jobId: 'W.1', scope: { kind: 'flags', flags: ['Watermark', 'Escrows'] } }, when: { kind: 'at', hour: 23, minute: 59 } }],
  ['keeps a for clause before the time', 'pause job W.1 for Workday to AD in 45m',
    { ok: true, command: { kind: 'pauseJob', jobId: 'W.1', app: { by: 'name', value: 'Workday to AD' } }, when: { kind: 'in', minutes: 45 } }],
  ['keeps "at" in a name when no time follows', 'pause profile Learning at Home', { ok: true, command: { kind: 'pauseProfile', profile: { by: 'name', value: 'Learning at Home' } } }],
  ['keeps a quoted time as part of the name', 'pause profile Contoso at "02:00"', { ok: true, command: { kind: 'pauseProfile', profile: { by: 'name', value: 'Contoso at 02:00' } } }],
  ['refuses an hour past 23', 'pause profile Contoso High at 25:00', { ok: false, error: { reason: 'badTime', words: 'at 25:00', problem: '25:00 is not a time of day (00:00 to 23:59)' } }],
  ['refuses a 12-hour time', 'pause profile Contoso High at 2pm', { ok: false, error: { reason: 'badTime', words: 'at 2pm', problem: 'write the time as 24-hour HH:MM, for example at 02:00 or at 17:30' } }],
  ['refuses a delay in days', 'pause profile Contoso High in 3d', { ok: false, error: { reason: 'badTime', words: 'in 3d', problem: 'write the delay in minutes or hours, for example in 30m or in 2h' } }],
  // Whether a command may run later is not the grammar's to say (its route is): the responder refuses these.
  ['reads a time after a read command too', 'profile Contoso High at 02:00', { ok: true, command: { kind: 'showProfile', profile: contoso }, when: { kind: 'at', hour: 2, minute: 0 } }],
  ['reads a delay after a command with no arguments', 'profiles in 30m', { ok: true, command: { kind: 'listProfiles' }, when: { kind: 'in', minutes: 30 } }],
  ['lists scheduled changes', 'scheduled', { ok: true, command: { kind: 'listScheduled' } }],
];

describe('parseCommand with a schedule', () => {
  it.each(schedules)('%s', (_behaviour, input, expected) => {
    expect(parseCommand(input)).toEqual(expected);
  });
});

const NOW = new Date('2026-03-14T10:02:00Z');

describe('resolveSchedule', () => {
  it.each([
    ['later today in the admin zone', { kind: 'at', hour: 11, minute: 30 }, 'Europe/Berlin', '2026-03-14T10:30:00.000Z'],
    ['tomorrow when the time has passed today', { kind: 'at', hour: 11, minute: 0 }, 'Europe/Berlin', '2026-03-15T10:00:00.000Z'],
    ['tomorrow when it is this very minute', { kind: 'at', hour: 10, minute: 2 }, 'UTC', '2026-03-15T10:02:00.000Z'],
    ['west of UTC, on the admin\'s own date', { kind: 'at', hour: 2, minute: 0 }, 'America/Los_Angeles', '2026-03-15T09:00:00.000Z'],
    ['UTC when Teams sent no zone', { kind: 'at', hour: 12, minute: 0 }, undefined, '2026-03-14T12:00:00.000Z'],
    ['UTC when the zone is unknown', { kind: 'at', hour: 12, minute: 0 }, 'Mars/Olympus', '2026-03-14T12:00:00.000Z'],
    ['minutes from now', { kind: 'in', minutes: 30 }, 'Asia/Kolkata', '2026-03-14T10:32:00.000Z'],
    ['exactly seven days ahead', { kind: 'in', minutes: 7 * 24 * 60 }, undefined, '2026-03-21T10:02:00.000Z'],
  ] as const)('runs %s', (_behaviour, when, zone, runAt) => {
    expect(resolveSchedule(when, NOW, zone)).toMatchObject({ ok: true, schedule: { runAt } });
  });

  it('moves a time skipped by the spring DST jump forward by the jump', () => {
    // 2026-03-08 02:30 does not exist in New York (clocks go 02:00 → 03:00); it is 03:30 EDT = 07:30 UTC.
    expect(resolveSchedule({ kind: 'at', hour: 2, minute: 30 }, new Date('2026-03-08T05:00:00Z'), 'America/New_York'))
      .toMatchObject({ ok: true, schedule: { runAt: '2026-03-08T07:30:00.000Z', timeZone: 'America/New_York', typed: 'at 02:30' } });
  });

  it('names the zone it used, UTC when Teams sent none', () => {
    expect(resolveSchedule({ kind: 'in', minutes: 5 }, NOW, undefined)).toMatchObject({ ok: true, schedule: { timeZone: 'UTC', typed: 'in 5m' } });
  });

  it('repeats a delay as it was typed: "in 2h" stays in hours, "in 120m" in minutes', () => {
    expect(resolveSchedule({ kind: 'in', minutes: 120, unit: 'h' }, NOW, undefined)).toMatchObject({ ok: true, schedule: { runAt: '2026-03-14T12:02:00.000Z', typed: 'in 2h' } });
    expect(resolveSchedule({ kind: 'in', minutes: 120 }, NOW, undefined)).toMatchObject({ ok: true, schedule: { runAt: '2026-03-14T12:02:00.000Z', typed: 'in 120m' } });
  });

  it('refuses more than seven days ahead', () => {
    expect(resolveSchedule({ kind: 'in', minutes: 7 * 24 * 60 + 1 }, NOW, undefined)).toEqual({ ok: false, reason: '"in 10081m" is more than 7 days ahead; schedule changes at most 7 days out.' });
  });

  it('refuses a delay of zero as not in the future', () => {
    expect(resolveSchedule({ kind: 'in', minutes: 0 }, NOW, undefined)).toEqual({ ok: false, reason: '"in 0m" is not in the future: schedule at least 1 minute ahead.' });
  });
});
