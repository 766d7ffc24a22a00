import { DEMO } from '../../bot/emulator';
import { ADA, GRACE } from '../support/activities';
import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatedJob, J, jobPosts } from '../support/jobHelpers';
import {
  as, auditOf, cardOf, cardText, clickCard, factOf, freshConversation, mutationsAt, propose, TestClock, updatesOf, UUID,
} from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const SP = DEMO.servicePrincipals;
const clock = new TestClock();
const bot = useTestBot({}, { now: clock.now }, () => clock.reset());

const PAUSE_WORKDAY = `pause job ${J.workday.jobId} for Workday to AD User Provisioning`;
const START_SALESFORCE = `start job ${J.salesforce.jobId} for Salesforce`;

describe.each(['personal', 'channel'] as const)('pause job, in a %s conversation', (scope) => {
  it('asks first, showing the exact Graph call, and calls nothing yet', async () => {
    const { card } = await propose(bot, PAUSE_WORKDAY, freshConversation(scope));
    expect(titleOf(card)).toBe(`Pause ${J.workday.jobId}?`);
    expect(textsOf(card)).toContain(`POST /servicePrincipals/${SP.workday}/synchronization/jobs/${J.workday.jobId}/pause`);
    expect(factOf(card, 'Status when asked')).toBe('Active');
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Confirm', 'Cancel']);
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('pauses once on Confirm, with the admin\'s token, and updates the message with the state read back', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, PAUSE_WORKDAY, where);
    const card = await clickCard(bot, confirm, where, `msg-pause-${scope}`);
    expect(titleOf(card)).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(factOf(card, 'State now')).toBe('Paused');
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect(await jobPosts(bot, J.workday, 'pause')).toEqual([expect.objectContaining({ tokenKind: 'delegated', user: ADA.aadObjectId, status: 204 })]);
    expect((await emulatedJob(bot, J.workday)).status.code).toBe('Paused');
    const updates = updatesOf(bot, `msg-pause-${scope}`);
    expect(updates).toHaveLength(1);
    expect(titleOf(cardOf(updates[0]!))).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
  });

  it('audits the proposal, the confirmation and the result with Graph\'s request-id', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, PAUSE_WORKDAY, where);
    const requestId = factOf(await clickCard(bot, confirm, where), 'Graph request-id')!;
    const { entries } = await auditOf(bot, where);
    const target = `${J.workday.jobId} (Workday to AD User Provisioning) (${SP.workday}/${J.workday.jobId})`;
    expect(entries.map((e) => e.split(' | ')[0])).toEqual([`succeeded · pauseJob · ${target}`]);
    expect(entries[0]).toContain(`proposed by Ada Lovelace (${ADA.aadObjectId}) · confirmed by Ada Lovelace (${ADA.aadObjectId}) · Paused · request-id ${requestId}`);
  });

  it('refuses to pause a job that is already paused, before any card with Confirm', async () => {
    const card = onlyCard(await bot.say(`pause job ${J.salesforce.jobId} for Salesforce`, freshConversation(scope)));
    expect(titleOf(card)).toBe(`Cannot pause ${J.salesforce.jobId}`);
    expect(cardText(card)).toContain('The job is already paused. (Salesforce)');
    expect(actionsOf(card)).toEqual([]);
    expect(await mutationsAt(bot)).toEqual([]);
  });
});

describe.each(['personal', 'channel'] as const)('start job, in a %s conversation', (scope) => {
  it('starts a paused job once and shows it active', async () => {
    const where = freshConversation(scope);
    const { card: question, confirm } = await propose(bot, START_SALESFORCE, where);
    expect(textsOf(question)).toContain(`POST /servicePrincipals/${SP.salesforce}/synchronization/jobs/${J.salesforce.jobId}/start`);
    const card = await clickCard(bot, confirm, where, `msg-start-${scope}`);
    expect(titleOf(card)).toBe('Started by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(factOf(card, 'State now')).toBe('Active');
    expect(await jobPosts(bot, J.salesforce, 'start')).toHaveLength(1);
    expect(updatesOf(bot, `msg-start-${scope}`)).toHaveLength(1);
  });

  it('starts a quarantined job, which lifts the quarantine', async () => {
    const where = freshConversation(scope);
    const { card: question, confirm } = await propose(bot, `start job ${J.fabrikamScim.jobId} for Fabrikam SCIM Gateway`, where);
    expect(factOf(question, 'Status when asked')).toBe('Quarantine (EncounteredQuarantineException)');
    expect(factOf(await clickCard(bot, confirm, where), 'State now')).toBe('Active');
    expect((await emulatedJob(bot, J.fabrikamScim)).status.quarantine).toBeNull();
  });

  it('refuses to start a job that is running on its schedule, and points to restart', async () => {
    const card = onlyCard(await bot.say(`start job ${J.workday.jobId} for ${SP.workday}`, freshConversation(scope)));
    expect(titleOf(card)).toBe(`Cannot start ${J.workday.jobId}`);
    expect(cardText(card)).toMatch(/already running on its schedule.+Use restart/);
    expect(actionsOf(card)).toEqual([]);
    expect(await mutationsAt(bot)).toEqual([]);
  });
});

describe('a job action runs once', () => {
  it('answers a second click with who confirmed and when, and calls Graph once', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(bot, START_SALESFORCE, where);
    await clickCard(bot, confirm, where, 'msg-twice');
    const second = await clickCard(bot, confirm, as(where, GRACE), 'msg-twice');
    expect(cardText(second)).toContain('Already confirmed by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}.');
    expect(await jobPosts(bot, J.salesforce, 'start')).toHaveLength(1);
    expect(updatesOf(bot, 'msg-twice')).toHaveLength(1);
  });

  it('calls nothing when cancelled, and says who cancelled', async () => {
    const where = freshConversation('channel');
    const { confirm, cancel } = await propose(bot, PAUSE_WORKDAY, where);
    expect(titleOf(await clickCard(bot, cancel, as(where, GRACE), 'msg-cancel'))).toBe('Cancelled by Grace Hopper at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(cardText(await clickCard(bot, confirm, where, 'msg-cancel'))).toContain('Already cancelled by Grace Hopper at {{TIME(2026-03-14T10:02:00Z)}}.');
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('refuses a confirm click from another conversation', async () => {
    const { confirm } = await propose(bot, PAUSE_WORKDAY, freshConversation('channel'));
    const card = await clickCard(bot, confirm, freshConversation('channel'));
    expect(titleOf(card)).toBe('This button cannot be used');
    expect(cardText(card)).toContain('the action belongs to another conversation');
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('acts on the app the conversation used when the command names no app', async () => {
    const where = freshConversation('personal');
    await bot.say('jobs Salesforce', where);
    const { confirm } = await propose(bot, `start job ${J.salesforce.jobId}`, where);
    await clickCard(bot, confirm, where);
    expect(await jobPosts(bot, J.salesforce, 'start')).toHaveLength(1);
  });
});
