import { DEMO } from '../../bot/emulator';
import { GRACE } from '../support/activities';
import { actionsOf, textsOf, titleOf, type Card } from '../support/cards';
import { resetEmulator } from '../support/emulatorControl';
import {
  as, auditOf, cardOf, cardText, clickCard, emulatedProfile, factOf, freshConversation, injectGraphFault, mutationsAt, patchState,
  postsOf, propose, TestClock, updatesOf, UUID,
} from '../support/sdsHelpers';
import { TestBot, useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const clock = new TestClock();
const bot = useTestBot({}, { now: clock.now });

describe.each(['personal', 'channel'] as const)('Confirm, in a %s conversation', (scope) => {
  it('pauses the profile once and shows who confirmed, when, the request-id and the state read back', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, 'pause profile Contoso High School CSV', where);
    const card = await clickCard(bot, confirm, where, 'msg-pause');
    expect(titleOf(card)).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Confirmed by: Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}', 'State now: Paused · 3 errors']));
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect(actionsOf(card).map((a) => [a.title, (a.data as { cmd: string }).cmd])).toEqual([['Resume', `resume profile ${P.contosoHighCsv}`], ['Show profile', `profile ${P.contosoHighCsv}`]]);
    expect((await emulatedProfile(bot, P.contosoHighCsv)).status.status).toBe('paused');
    const posts = await postsOf(bot, P.contosoHighCsv, 'pause');
    expect(posts).toEqual([expect.objectContaining({ tokenKind: 'delegated', user: where.from!.aadObjectId, status: 200 })]);
    expect(await mutationsAt(bot)).toHaveLength(1);
  });

  it('replaces the message everyone sees with the same result card', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, 'pause profile Contoso High School CSV', where);
    const messageId = `msg-shared-${scope}`;
    const card = await clickCard(bot, confirm, where, messageId);
    const updates = updatesOf(bot, messageId);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.conversationId).toBe(where.conversationId);
    expect(cardOf(updates[0]!)).toEqual(card);
  });

  it('records the Graph request-id of the call in the audit', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, 'pause profile Contoso High School CSV', where);
    const requestId = factOf(await clickCard(bot, confirm, where), 'Graph request-id')!;
    const { entries } = await auditOf(bot, where);
    expect(entries[0]).toMatch(new RegExp(`^succeeded · pauseProfile · Contoso High School CSV \\(${P.contosoHighCsv}\\) \\|`));
    expect(entries[0]).toContain(`request-id ${requestId}`);
  });
});

describe('Confirm by someone else in the conversation', () => {
  it('names the person who confirmed and calls Graph with their token', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(bot, 'resume profile Contoso High Summer Sessions', where);
    const card = await clickCard(bot, confirm, as(where, GRACE));
    expect(titleOf(card)).toBe('Resumed by Grace Hopper at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Asked by: Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}', 'Confirmed by: Grace Hopper at {{TIME(2026-03-14T10:02:00Z)}}', 'State now: In progress']));
    expect(await postsOf(bot, P.contosoHighSummer, 'resume')).toEqual([expect.objectContaining({ user: GRACE.aadObjectId, status: 200 })]);
  });
});

describe('Confirm of a reset', () => {
  it('resets the profile, whose errors are gone when read back', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, 'reset profile Woodgrove Academy OneRoster', where);
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Reset by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(factOf(card, 'State now')).toBe('In progress');
    expect((await emulatedProfile(bot, P.woodgroveOneRoster)).status.errorCount).toBe(0);
    expect(await postsOf(bot, P.woodgroveOneRoster, 'reset')).toHaveLength(1);
  });
});

/** The file names and messages of a result card, in the order a person reads them. */
function verificationOf(card: Card, files: string[]): string[] {
  return textsOf(card).filter((t) => files.includes(t) || /^(Error|Warning|Info): /.test(t));
}

describe('Confirm of start', () => {
  it('says "Not started" and lists each error and warning by file, errors first', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(bot, 'start profile Contoso High Summer Sessions', where);
    const card = await clickCard(bot, confirm, where, 'msg-start');
    expect(titleOf(card)).toBe('Not started');
    expect(verificationOf(card, ['section.csv', 'studentenrollment.csv', 'student.csv'])).toEqual([
      'section.csv', 'Error: 5 row(s) have missing data for the field - SIS ID',
      'studentenrollment.csv', 'Error: 125 row(s) have referenced data not found in source. Field - Section SIS ID',
      'student.csv', 'Warning: 3 duplicates found in column Username which requires values to be Unique.',
    ]);
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect(cardOf(updatesOf(bot, 'msg-start')[0]!)).toEqual(card);
    expect(await postsOf(bot, P.contosoHighSummer, 'start')).toEqual([expect.objectContaining({ status: 400 })]);
  });

  it('says "Started with 2 warnings" and lists them when verification found only warnings', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, 'start profile Contoso High School CSV', where);
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Started with 2 warnings by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(verificationOf(card, ['student.csv', 'teacher.csv'])).toEqual([
      'student.csv', 'Warning: 3 duplicates found in column Username which requires values to be Unique.',
      'teacher.csv', 'Warning: 1 row(s) have an empty optional field - Teacher Number',
    ]);
    expect(await postsOf(bot, P.contosoHighCsv, 'start')).toEqual([expect.objectContaining({ status: 200 })]);
  });

  it('says "Started" with no file messages when verification is clean', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, 'start profile Fabrikam Middle School CSV', where);
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Started by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(cardText(card)).not.toMatch(/^(Error|Warning): /m);
    expect(factOf(card, 'State now')).toBe('Validating');
  });

  it('reads lowercase message types as errors and warnings, errors first whatever the order Graph sent', async () => {
    await patchState(bot, { profiles: { [P.fabrikamMiddleCsv]: { pendingVerification: [
      { type: 'warning', fileName: 'teacher.csv', description: 'Teacher Number is empty' },
      { type: 'error', fileName: 'school.csv', description: 'SIS ID is missing' },
      { type: 'error', fileName: 'teacher.csv', description: 'Username is not unique' },
    ] } } });
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, 'start profile Fabrikam Middle School CSV', where);
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Not started');
    expect(verificationOf(card, ['teacher.csv', 'school.csv'])).toEqual([
      'school.csv', 'Error: SIS ID is missing',
      'teacher.csv', 'Error: Username is not unique', 'Warning: Teacher Number is empty',
    ]);
  });

  it('counts lowercase warnings as warnings and starts', async () => {
    await patchState(bot, { profiles: { [P.fabrikamMiddleCsv]: { pendingVerification: [
      { type: 'warning', fileName: 'teacher.csv', description: 'Teacher Number is empty' },
    ] } } });
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, 'start profile Fabrikam Middle School CSV', where);
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Started with 1 warning by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(verificationOf(card, ['teacher.csv'])).toEqual(['teacher.csv', 'Warning: Teacher Number is empty']);
  });
});

describe('a confirmed call slower than the invoke deadline', () => {
  const slowBot = new TestBot({}, { now: clock.now, runningAfterMs: 300 });
  beforeAll(() => slowBot.start());
  afterAll(() => slowBot.stop());
  beforeEach(() => resetEmulator(slowBot));

  it('answers "Running…" at once, then updates the message with the final card when Graph answers', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(slowBot, 'pause profile Contoso High School CSV', where);
    await injectGraphFault(slowBot, { method: 'POST', path: '/pause$', delayMs: 1200, count: 1 });
    const startedAt = Date.now();
    const card = await clickCard(slowBot, confirm, where, 'msg-slow');
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(titleOf(card)).toBe('Running… pause Contoso High School CSV');
    expect(actionsOf(card)).toEqual([]);
    const final = await slowBot.connector.waitFor((c) => c.kind === 'update' && c.activityId === 'msg-slow' && /^Paused by/.test(titleOf(cardOf(c))));
    expect(titleOf(cardOf(final))).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(factOf(cardOf(final), 'Graph request-id')).toMatch(UUID);
    expect(final.conversationId).toBe(where.conversationId);
    expect(await postsOf(slowBot, P.contosoHighCsv, 'pause')).toEqual([expect.objectContaining({ status: 200 })]);
  });

  it('answers with the final card directly when Graph is faster than the deadline', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(slowBot, 'pause profile Contoso High School CSV', where);
    expect(titleOf(await clickCard(slowBot, confirm, where))).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
  });
});
