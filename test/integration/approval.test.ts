/** Two-person approval: a change on APPROVAL_REQUIRED runs only once a second admin approves it. */
import { DEMO } from '../../bot/emulator';
import { ADA, GRACE, type Person } from '../support/activities';
import { randomUUID } from 'node:crypto';
import { actionsOf, onlyCard, textsOf, titleOf, type Card } from '../support/cards';
import { confirmWithInputs, J, jobPosts } from '../support/jobHelpers';
import {
  as, auditOf, cardOf, cardText, clickCard, factOf, freshConversation, mutationsAt, postsOf, propose, TestClock, updatesOf,
} from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const SP = DEMO.servicePrincipals;
const LINUS: Person = { id: '29:linus', name: 'Linus Torvalds', aadObjectId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' };
const clock = new TestClock();
const bot = useTestBot({ APPROVAL_REQUIRED: 'reset-profile,restart-job-destructive' }, { now: clock.now }, () => clock.reset());

const RESET = 'reset profile Woodgrove Academy OneRoster';

/** Ada proposes and confirms a reset; returns the waiting card and its buttons. */
async function waitingReset(scope: 'channel' | 'groupChat' = 'channel') {
  const where = freshConversation(scope);
  const { confirm } = await propose(bot, RESET, where);
  const card = await clickCard(bot, confirm, where, 'msg-reset');
  return { where, card, approve: button(card, 'Approve'), reject: button(card, 'Reject') };
}

function button(card: Card, title: string): { verb: string; data: unknown } {
  const found = actionsOf(card).find((a) => a.title === title);
  if (!found) throw new Error(`no ${title} button on "${titleOf(card)}": ${cardText(card)}`);
  return found;
}

describe('the proposal card', () => {
  it('says that a second admin must approve a change APPROVAL_REQUIRED names', async () => {
    const { card } = await propose(bot, RESET, freshConversation('channel'));
    expect(cardText(card)).toContain('Needs a second admin: after Confirm, another admin must approve before it runs (APPROVAL_REQUIRED lists reset-profile).');
  });

  it('says nothing about approval for a change the list does not name', async () => {
    const { card } = await propose(bot, 'pause profile Contoso High School CSV', freshConversation('personal'));
    expect(cardText(card)).not.toMatch(/approv/i);
  });

  it('says which restart scopes need approval when only destructive restarts do', async () => {
    const { card } = await propose(bot, `restart job ${J.workday.jobId} for ${SP.workday}`, freshConversation('groupChat'));
    expect(cardText(card)).toContain('Choosing ConnectorDataStore, Full or ForceDeletes needs a second admin');
  });
});

describe('in a personal chat, where nobody else sees the card', () => {
  it('says up front that the change needs a second admin, who cannot approve there', async () => {
    const { card } = await propose(bot, RESET, freshConversation('personal'));
    expect(cardText(card)).toContain('This needs a second admin\'s approval (APPROVAL_REQUIRED lists reset-profile), which nobody else can give in this personal chat: propose it in a channel or group chat.');
  });

  it('refuses Confirm with the reason and runs nothing, instead of waiting for an approval that cannot come', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, RESET, where);
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Reset Woodgrove Academy OneRoster?');
    expect(cardText(card)).toContain('nobody else sees this personal chat. Propose it in a channel or group chat where another admin can approve it.');
    expect(await mutationsAt(bot)).toEqual([]);
    expect((await auditOf(bot, where)).entries[0]).toMatch(/^refused · resetProfile · /);
  });
});

describe.each(['channel', 'groupChat'] as const)('Confirm of a change that needs approval, in a %s conversation', (scope) => {
  it('waits for a second admin, shared with everyone, and calls nothing', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, RESET, where);
    const messageId = `msg-${randomUUID()}`;
    const card = await clickCard(bot, confirm, where, messageId);
    expect(titleOf(card)).toBe('Waiting for approval: reset Woodgrove Academy OneRoster');
    const text = cardText(card);
    expect(text).toContain('Asked and confirmed by Ada Lovelace');
    expect(text).toContain('APPROVAL_REQUIRED lists reset-profile');
    expect(text).toContain(`POST /education/synchronizationProfiles/${P.woodgroveOneRoster}/reset`);
    expect(text).toContain('Approve by {{DATE(2026-03-14T11:02:00Z, SHORT)}} {{TIME(2026-03-14T11:02:00Z)}}, or it expires and nothing runs.');
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Approve', 'Reject']);
    expect(cardOf(updatesOf(bot, messageId)[0]!)).toEqual(card);
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('runs once when a second admin approves, as that admin, and names both people', async () => {
    const { where, approve } = await waitingReset(scope);
    clock.advanceMinutes(5);
    const messageId = `msg-${randomUUID()}`;
    const card = await clickCard(bot, approve, as(where, GRACE), messageId);
    expect(titleOf(card)).toBe('Reset by Grace Hopper at {{TIME(2026-03-14T10:07:00Z)}}');
    expect(factOf(card, 'Asked by')).toBe('Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(factOf(card, 'Confirmed by')).toBe('Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(factOf(card, 'Approved by')).toBe('Grace Hopper at {{TIME(2026-03-14T10:07:00Z)}}');
    expect(await postsOf(bot, P.woodgroveOneRoster, 'reset')).toEqual([expect.objectContaining({ tokenKind: 'delegated', user: GRACE.aadObjectId, status: 200 })]);
    expect(cardOf(updatesOf(bot, messageId)[0]!)).toEqual(card);
    const { entries } = await auditOf(bot, where);
    expect(entries[0]).toMatch(/^succeeded · resetProfile · .*by Grace Hopper.*asked by Ada Lovelace, confirmed by Ada Lovelace, approved by Grace Hopper/);
    expect(entries[0]).toMatch(/proposed by Ada Lovelace .*approved by Grace Hopper /);
  });
});

describe('Approve refused', () => {
  it('refuses the proposer\'s own Approve, audits it, and runs nothing', async () => {
    const { where, approve } = await waitingReset();
    const card = await clickCard(bot, approve, where);
    expect(titleOf(card)).toBe('Waiting for approval: reset Woodgrove Academy OneRoster');
    expect(cardText(card)).toContain('You cannot approve this: you proposed this change, so a second admin must approve it. Nothing ran.');
    expect(await mutationsAt(bot)).toEqual([]);
    expect((await auditOf(bot, where)).entries[0]).toMatch(/^refused · resetProfile · .*approve: ownChange/);
  });

  it('refuses an admin who confirmed someone else\'s proposal', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(bot, RESET, where);
    const approve = button(await clickCard(bot, confirm, as(where, GRACE)), 'Approve');
    expect(cardText(await clickCard(bot, approve, as(where, GRACE)))).toContain('you confirmed this change, so a second admin must approve it');
    expect(titleOf(await clickCard(bot, approve, as(where, LINUS)))).toBe('Reset by Linus Torvalds at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(await postsOf(bot, P.woodgroveOneRoster, 'reset')).toHaveLength(1);
  });

  it('runs a double Approve once and tells the second click who approved', async () => {
    const { where, approve } = await waitingReset();
    const [first, second] = await Promise.all([clickCard(bot, approve, as(where, GRACE)), clickCard(bot, approve, as(where, LINUS))]);
    const titles = [titleOf(first), titleOf(second)];
    const winner = titles.find((t) => t.startsWith('Reset by'));
    expect(winner).toBeDefined();
    const loser = winner === titles[0] ? second : first;
    expect(cardText(loser)).toMatch(/Already approved by (Grace Hopper|Linus Torvalds) at \{\{TIME\(2026-03-14T10:02:00Z\)\}\}\./);
    expect(await postsOf(bot, P.woodgroveOneRoster, 'reset')).toHaveLength(1);
  });

  it('refuses an Approve after the approval window closed, and the action ends as expired', async () => {
    const { where, approve } = await waitingReset();
    clock.advanceMinutes(61);
    const card = await clickCard(bot, approve, as(where, GRACE));
    expect(cardText(card)).toContain('Nobody approved it by {{TIME(2026-03-14T11:02:00Z)}}, so it expired and nothing ran. Propose it again.');
    expect(cardText(await clickCard(bot, approve, as(where, LINUS)))).toContain('it expired; run the command again');
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('refuses a tampered Approve naming no stored action', async () => {
    const where = freshConversation('channel');
    const card = await clickCard(bot, { verb: 'approve', data: { v: 1, actionId: 'AAAAAAAAAAAAAAAAAAAAAA' } }, as(where, GRACE));
    expect(cardText(card)).toContain('SyncOps has no record of this action');
    expect(await mutationsAt(bot)).toEqual([]);
  });
});

describe('Reject', () => {
  it('ends it for everyone in place; a later Approve runs nothing', async () => {
    const { where, approve, reject } = await waitingReset();
    const messageId = `msg-${randomUUID()}`;
    const card = await clickCard(bot, reject, as(where, GRACE), messageId);
    expect(titleOf(card)).toBe('Rejected by Grace Hopper at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(actionsOf(card)).toEqual([]);
    expect(cardOf(updatesOf(bot, messageId)[0]!)).toEqual(card);
    expect(cardText(await clickCard(bot, approve, as(where, LINUS)))).toContain('Rejected by Grace Hopper at {{TIME(2026-03-14T10:02:00Z)}}; nothing ran.');
    expect(await mutationsAt(bot)).toEqual([]);
    expect((await auditOf(bot, where)).entries.slice(0, 2)).toEqual([
      expect.stringMatching(/^refused · resetProfile · .*by Linus Torvalds.*approve: notWaiting/),
      expect.stringMatching(/^rejected · resetProfile · .*by Grace Hopper/),
    ]);
  });

  it('lets the person who asked withdraw it', async () => {
    const { where, reject } = await waitingReset();
    expect(titleOf(await clickCard(bot, reject, where))).toBe('Rejected by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
  });
});

describe('restart with a destructive scope', () => {
  it('needs approval once ConnectorDataStore is ticked, and runs the chosen scope when approved', async () => {
    const where = freshConversation('channel');
    const proposal = await propose(bot, `restart job ${J.workday.jobId} for ${SP.workday}`, where);
    const waiting = await clickCard(bot, confirmWithInputs(proposal, { scope: 'ConnectorDataStore', acknowledge: 'true' }), where);
    expect(titleOf(waiting)).toBe(`Waiting for approval: restart ${J.workday.jobId} (Workday to AD User Provisioning)`);
    expect(cardText(waiting)).toContain('Chosen: reset scope ConnectorDataStore');
    expect(await jobPosts(bot, J.workday, 'restart')).toEqual([]);
    await clickCard(bot, button(waiting, 'Approve'), as(where, GRACE));
    expect(await jobPosts(bot, J.workday, 'restart')).toEqual([expect.objectContaining({ body: { criteria: { resetScope: 'ConnectorDataStore' } }, user: GRACE.aadObjectId })]);
  });

  it('runs a restart with the default scope at once, without approval', async () => {
    const where = freshConversation('personal');
    const proposal = await propose(bot, `restart job ${J.workday.jobId} for ${SP.workday}`, where);
    expect(titleOf(await clickCard(bot, confirmWithInputs(proposal), where))).toBe('Restarted by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect(await jobPosts(bot, J.workday, 'restart')).toHaveLength(1);
  });
});

it('help says which changes need a second admin', async () => {
  const text = textsOf(onlyCard(await bot.say('help', freshConversation('personal', ADA)))).join('\n');
  expect(text).toContain('These need a second admin to Approve after Confirm (APPROVAL_REQUIRED): reset-profile, restart-job-destructive.');
});
