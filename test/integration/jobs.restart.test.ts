import { DEMO } from '../../bot/emulator';
import { GRACE } from '../support/activities';
import { actionsOf, invokeCard, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import { acknowledgeToggle, confirmWithInputs, emulatedJob, J, jobPosts, restartBodies, scopePicker } from '../support/jobHelpers';
import { as, auditOf, cardText, clickCard, factOf, freshConversation, mutationsAt, propose, TestClock, updatesOf } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const SP = DEMO.servicePrincipals;
const clock = new TestClock();
// These tests are about the scope picker and its second tick; by default (APPROVAL_REQUIRED) a destructive
// scope also waits for a second admin, which approval.test.ts covers.
const bot = useTestBot({ APPROVAL_REQUIRED: 'none' }, { now: clock.now }, () => clock.reset());

const WORKDAY = `${J.workday.jobId} for ${SP.workday}`;
/** The TooManyDeletes quarantine: the job ForceDeletes is for. */
const DELETES = `${J.cloudSyncFabrikam.jobId} for Contoso Cloud Sync`;
const body = (resetScope: string) => ({ criteria: { resetScope } });
const TICK_NOTE = /needs? the second tick: read the warning and tick "I understand" to confirm\./;

describe.each(['personal', 'channel'] as const)('restart job, in a %s conversation', (scope) => {
  it('offers every reset flag, multi-select, with a one-line explanation, the default preselected', async () => {
    const { card } = await propose(bot, `restart job ${WORKDAY}`, freshConversation(scope));
    expect(titleOf(card)).toBe(`Restart ${J.workday.jobId}?`);
    const picker = scopePicker(card)!;
    expect(picker.isMultiSelect).toBe(true);
    expect(picker.value).toBe('Watermark,Escrows,QuarantineState');
    expect(picker.choices.map((c) => c.value)).toEqual(['Watermark', 'Escrows', 'QuarantineState', 'ConnectorDataStore', 'ForceDeletes', 'Full']);
    for (const choice of picker.choices) expect(choice.title).toMatch(new RegExp(`^(⚠ )?${choice.value}: [^\\n]{10,}$`));
    expect(acknowledgeToggle(card)).toMatchObject({ value: 'false', valueOn: 'true' });
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('sends the documented default scope when the command names none', async () => {
    const where = freshConversation(scope);
    const proposal = await propose(bot, `restart job ${WORKDAY}`, where);
    // Teams cannot update the card as boxes are ticked: the preview names the ticked scopes, never a body that may go stale.
    expect(textsOf(proposal.card)).toContain(`POST /servicePrincipals/${SP.workday}/synchronization/jobs/${J.workday.jobId}/restart with the ticked scopes as its resetScope`);
    expect(cardText(proposal.card)).not.toContain('"resetScope"');
    const card = await clickCard(bot, confirmWithInputs(proposal), where);
    expect(titleOf(card)).toBe('Restarted by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(factOf(card, 'State now')).toBe('Active');
    expect(await restartBodies(bot, J.workday)).toEqual([body('Watermark, Escrows, QuarantineState')]);
    expect((await emulatedJob(bot, J.workday)).lastRestart).toMatchObject({ resetScope: 'Watermark, Escrows, QuarantineState', flags: 14 });
  });

  it('sends the flags the command names, in Graph\'s flag order', async () => {
    const where = freshConversation(scope);
    const proposal = await propose(bot, `restart job ${WORKDAY} scope Escrows, Watermark`, where);
    expect(scopePicker(proposal.card)!.value).toBe('Watermark,Escrows');
    expect(cardText(proposal.card)).toContain('/restart with the ticked scopes as its resetScope');
    await clickCard(bot, confirmWithInputs(proposal), where);
    expect(await restartBodies(bot, J.workday)).toEqual([body('Watermark, Escrows')]);
  });

  it('sends "Full" for scope full once the second tick is given', async () => {
    const where = freshConversation(scope);
    const proposal = await propose(bot, `restart job ${WORKDAY} scope full`, where);
    expect(scopePicker(proposal.card)!.value).toBe('Full');
    expect(cardText(proposal.card)).toMatch(/⚠ Full: .+not ForceDeletes/);
    await clickCard(bot, confirmWithInputs(proposal, { acknowledge: 'true' }), where);
    expect(await restartBodies(bot, J.workday)).toEqual([body('Full')]);
  });

  it('lets the scope chosen on the card override the command\'s', async () => {
    const where = freshConversation(scope);
    const proposal = await propose(bot, `restart job ${WORKDAY} scope Watermark`, where);
    await clickCard(bot, confirmWithInputs(proposal, { scope: 'Escrows,QuarantineState' }), where);
    expect(await restartBodies(bot, J.workday)).toEqual([body('Escrows, QuarantineState')]);
  });
});

describe.each([
  ['ConnectorDataStore, typed', `restart job ${WORKDAY} scope ConnectorDataStore`, {}, 'ConnectorDataStore', J.workday],
  ['Full, typed', `restart job ${WORKDAY} scope full`, {}, 'Full', J.workday],
  ['ForceDeletes, ticked on the card', `restart job ${DELETES}`, { scope: 'ForceDeletes' }, 'ForceDeletes', J.cloudSyncFabrikam],
] as const)('a dangerous scope (%s)', (_case, command, inputs, resetScope, job) => {
  it('stays pending with a note about the second tick, and restarts nothing', async () => {
    const where = freshConversation('channel');
    const proposal = await propose(bot, command, where);
    const card = await clickCard(bot, confirmWithInputs(proposal, inputs), where);
    expect(titleOf(card)).toBe(`Restart ${job.jobId}?`);
    expect(cardText(card)).toMatch(TICK_NOTE);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Confirm', 'Cancel']);
    expect(await mutationsAt(bot)).toEqual([]);
    expect((await emulatedJob(bot, job)).lastRestart).toBeNull();
  });

  it('runs once when confirmed again with the tick', async () => {
    const where = freshConversation('channel');
    const proposal = await propose(bot, command, where);
    await clickCard(bot, confirmWithInputs(proposal, inputs), where);
    const card = await clickCard(bot, confirmWithInputs(proposal, { ...inputs, acknowledge: 'true' }), where);
    expect(titleOf(card)).toBe('Restarted by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(await restartBodies(bot, job)).toEqual([body(resetScope)]);
  });
});

describe('the card after a missing tick', () => {
  it('keeps the scope the admin chose, so ticking and confirming runs that scope', async () => {
    const where = freshConversation('channel');
    const proposal = await propose(bot, `restart job ${DELETES}`, where);
    const card = await clickCard(bot, confirmWithInputs(proposal, { scope: 'ForceDeletes' }), where);
    const confirm = actionsOf(card).find((a) => a.title === 'Confirm')!;
    await clickCard(bot, confirmWithInputs({ card, confirm }, { acknowledge: 'true' }), where);
    expect(await restartBodies(bot, J.cloudSyncFabrikam)).toEqual([body('ForceDeletes')]);
  });
});

describe('the result of a restart whose scope was changed on the card', () => {
  async function restartWithCardScope(where: ReturnType<typeof freshConversation>) {
    const proposal = await propose(bot, `restart job ${WORKDAY} scope Watermark`, where);
    return clickCard(bot, confirmWithInputs(proposal, { scope: 'Escrows,QuarantineState' }), where);
  }

  it('names on the card the reset scope that was sent', async () => {
    const card = await restartWithCardScope(freshConversation('channel'));
    expect(titleOf(card)).toBe('Restarted by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(cardText(card)).toContain('Escrows, QuarantineState');
  });

  it('records in the audit the reset scope that was sent', async () => {
    const where = freshConversation('channel');
    await restartWithCardScope(where);
    const { entries } = await auditOf(bot, where);
    expect(entries[0]).toMatch(/^succeeded · restartJob · /);
    expect(entries[0]).toContain('Escrows, QuarantineState');
  });
});

describe('ForceDeletes', () => {
  it('is never sent by default, and with the tick lifts the TooManyDeletes quarantine', async () => {
    const where = freshConversation('personal');
    const proposal = await propose(bot, `restart job ${DELETES}`, where);
    const card = await clickCard(bot, confirmWithInputs(proposal, { scope: 'ForceDeletes', acknowledge: 'true' }), where);
    expect(factOf(card, 'State now')).toBe('Active');
    expect(await restartBodies(bot, J.cloudSyncFabrikam)).toEqual([body('ForceDeletes')]);
    expect(scopePicker((await propose(bot, `restart job ${DELETES}`, where)).card)!.value).not.toContain('ForceDeletes');
  });
});

describe('scope words that are not flags', () => {
  it('lists the valid flags for a misspelt scope word, with no Confirm and no Graph call', async () => {
    const card = onlyCard(await bot.say(`restart job ${WORKDAY} scope Watermrk`, freshConversation('personal')));
    expect(titleOf(card)).toBe('Unknown reset scope: Watermrk');
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Watermark', 'Escrows', 'QuarantineState', 'ConnectorDataStore', 'ForceDeletes']));
    expect(actionsOf(card).map((a) => a.title)).not.toContain('Confirm');
    expect(await emulatorRequests(bot)).toEqual([]);
  });

  it.each([
    ['an unknown flag', { scope: 'Watermark,Everything' }, 'Unknown reset scope Everything'],
    ['Full with other flags', { scope: 'Full,Watermark', acknowledge: 'true' }, 'choose Full alone'],
    ['a scope longer than 200 characters', { scope: `Watermark,${'Escrows,'.repeat(30)}` }, 'the scope choice is not valid'],
    ['a tick that is neither true nor false', { acknowledge: 'yes' }, 'the confirmation tick is not valid'],
  ])('refuses a click whose inputs carry %s, and restarts nothing', async (_case, inputs, reason) => {
    const where = freshConversation('personal');
    const proposal = await propose(bot, `restart job ${WORKDAY}`, where);
    const card = await clickCard(bot, confirmWithInputs(proposal, inputs), where);
    expect(cardText(card)).toContain(reason);
    expect(await mutationsAt(bot)).toEqual([]);
  });
});

describe('20 confirm clicks at once on one restart card', () => {
  it('restart the job once; every other click is told who confirmed', async () => {
    const where = freshConversation('channel');
    const proposal = await propose(bot, `restart job ${WORKDAY}`, where);
    const click = confirmWithInputs(proposal);
    const cards = await Promise.all(Array.from({ length: 20 }, () => clickCard(bot, click, where, 'msg-restart-20')));
    expect(await jobPosts(bot, J.workday, 'restart')).toHaveLength(1);
    expect(cards.filter((c) => titleOf(c) === 'Restarted by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}' && !cardText(c).includes('Already'))).toHaveLength(1);
    expect(cards.filter((c) => cardText(c).includes('Already confirmed by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}.'))).toHaveLength(19);
  });
});

describe.each(['personal', 'channel', 'groupChat'] as const)('Cancel on the restart card, clicked as Teams sends it, in a %s conversation', (scope) => {
  it('cancels for everyone with the card\'s inputs merged in; a later Confirm from a second window is refused and nothing restarts', async () => {
    const where = freshConversation(scope);
    const proposal = await propose(bot, `restart job ${DELETES} scope ForceDeletes`, where);
    expect(proposal.cancel.data).toMatchObject({ scope: 'ForceDeletes', acknowledge: 'false' });
    const cancelled = await clickCard(bot, proposal.cancel, where, 'msg-restart-cancel');
    expect(titleOf(cancelled)).toBe('Cancelled by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(actionsOf(cancelled).map((a) => a.title)).not.toContain('Confirm');
    expect(updatesOf(bot, 'msg-restart-cancel').length).toBeGreaterThanOrEqual(scope === 'personal' ? 0 : 1);
    const late = await clickCard(bot, confirmWithInputs(proposal, { acknowledge: 'true' }), as(where, GRACE), 'msg-restart-cancel');
    expect(cardText(late)).toContain('Already cancelled by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}.');
    expect(await jobPosts(bot, J.cloudSyncFabrikam, 'restart')).toEqual([]);
    expect((await auditOf(bot, where)).entries.join('\n')).toMatch(/cancelled/i);
  });

  it('still refuses a Cancel whose data carries a field no SyncOps card has', async () => {
    const where = freshConversation(scope);
    const proposal = await propose(bot, `restart job ${WORKDAY}`, where);
    const answer = await bot.click(proposal.cancel.verb, { ...(proposal.cancel.data as object), admin: 'true' }, 'msg-restart-tampered', where);
    expect(cardText(invokeCard(answer.body))).toContain('unexpected fields (admin)');
    const card = await clickCard(bot, confirmWithInputs(proposal), where, 'msg-restart-tampered');
    expect(titleOf(card)).toBe('Restarted by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(await jobPosts(bot, J.workday, 'restart')).toHaveLength(1);
  });
});
