/** `reset sds flow`: destructive, confirmed first, one POST …/reset (202), audited like every change. */
import { SDS_DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import { industryDataState, INDUSTRY_DATA_PATH } from '../support/industryDataHelpers';
import { GRACE } from '../support/activities';
import { as, auditOf, cardText, clickCard, freshConversation, propose } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const SET = SDS_DEMO.flowSets.main;
const USERS = SDS_DEMO.provisioningFlows.users;
const RESET_PATH = `${INDUSTRY_DATA_PATH}/outboundProvisioningFlowSets/${SET}/provisioningFlows/${USERS}/reset`;
// Approval (reset-sds-flow is on APPROVAL_REQUIRED by default) has its own test below, with a bot of its own.
const bot = useTestBot({ APPROVAL_REQUIRED: 'none' });
const resets = async () => (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path.endsWith('/reset'));

describe.each(['personal', 'channel'] as const)('in a %s conversation', (scope) => {
  it('says what a reset does before anything runs', async () => {
    const { card } = await propose(bot, 'reset sds flow Provision users', freshConversation(scope));
    expect(titleOf(card)).toBe('Reset Provision users?');
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      '• The flow reprovisions all current data as if it were its first run.', "• The flow's errors are cleared.", `POST ${RESET_PATH.replace('/beta', '')}`,
      'Flow set: Contoso district provisioning',
    ]));
    expect(cardText(card)).toContain('Destructive');
    expect(await resets()).toEqual([]);
  });

  it('resets once on Confirm, and a second click runs nothing', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, 'reset sds flow Provision users', where);
    expect(titleOf(await clickCard(bot, confirm, where))).toMatch(/^Reset by Ada Lovelace at /);
    expect(cardText(await clickCard(bot, confirm, where))).toMatch(/Already confirmed by Ada Lovelace/);
    expect(await resets()).toEqual([expect.objectContaining({ path: RESET_PATH, status: 202, tokenKind: 'delegated' })]);
    expect((await industryDataState(bot)).resets).toEqual([expect.objectContaining({ setId: SET, flowId: USERS })]);
  });
});

it('audits the proposal, the Confirm and the end', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, `reset sds flow ${USERS}`, where);
  await clickCard(bot, confirm, where);
  const { entries } = await auditOf(bot, where);
  // One line per action: its latest state, who proposed and who confirmed.
  expect(entries.map((e) => e.split(' · ').slice(0, 2).join(' · '))).toEqual(['succeeded · resetSdsFlow']);
  expect(entries[0]).toMatch(/proposed by Ada Lovelace .*confirmed by Ada Lovelace /);
  expect(entries[0]).toContain(`${SET}/${USERS}`);
});

it('offers a choice when a name matches several outbound flows', async () => {
  const card = onlyCard(await bot.say('reset sds flow Provision', freshConversation('personal')));
  expect(titleOf(card)).toBe('Which outbound flow do you mean?');
  expect(actionsOf(card).map((a) => a.title)).toEqual(['Provision users (Contoso district provisioning)', 'Provision class groups (Contoso district provisioning)']);
});

it('answers an unknown outbound flow with "not found" and runs nothing', async () => {
  const card = onlyCard(await bot.say('reset sds flow Provision teachers', freshConversation('personal')));
  expect(titleOf(card)).toBe('No outbound flow named "Provision teachers"');
  expect(await resets()).toEqual([]);
});

describe('with the default APPROVAL_REQUIRED (reset-sds-flow)', () => {
  const approving = useTestBot();
  const resetsAt = async () => (await emulatorRequests(approving)).filter((r) => r.method === 'POST' && r.path.endsWith('/reset'));

  it('waits for a second admin after Confirm, and resets once when Grace approves', async () => {
    const where = freshConversation('channel');
    const { card: proposal, confirm } = await propose(approving, 'reset sds flow Provision users', where);
    expect(cardText(proposal)).toContain('APPROVAL_REQUIRED lists reset-sds-flow');
    const waiting = await clickCard(approving, confirm, where, 'msg-approve-reset');
    expect(titleOf(waiting)).toMatch(/^Waiting for approval/);
    expect(await resetsAt()).toEqual([]);
    const approve = actionsOf(waiting).find((a) => a.title === 'Approve')!;
    expect(titleOf(await clickCard(approving, approve, as(where, GRACE), 'msg-approve-reset'))).toMatch(/^Reset by /);
    expect(await resetsAt()).toHaveLength(1);
  });

  it('never lets the proposer approve their own reset', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(approving, 'reset sds flow Provision users', where);
    const approve = actionsOf(await clickCard(approving, confirm, where)).find((a) => a.title === 'Approve')!;
    await clickCard(approving, approve, where);
    expect(await resetsAt()).toEqual([]);
  });
});
