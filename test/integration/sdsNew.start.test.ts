/** `start sds run`: a tenant-wide start, confirmed first, started once, then followed on the same card until it ends. */
import { GRACE } from '../support/activities';
import { actionsOf, textsOf, titleOf } from '../support/cards';
import { injectFault } from '../support/emulatorControl';
import { FAST_FOLLOWING, industryDataState, patchIndustryData, runStarts, startRunElsewhere } from '../support/industryDataHelpers';
import { as, auditOf, cardOf, cardText, clickCard, factOf, freshConversation, propose, updatesOf } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

// A Graph timeout (800 ms) well inside the invoke's own wait, so a timed-out start answers in the click itself.
const bot = useTestBot({ GRAPH_RETRY_DEADLINE_MS: '5000', GRAPH_TIMEOUT_MS: '800' }, { following: FAST_FOLLOWING, runningAfterMs: 5_000 });

/** The first update of a message whose card text says `text`. */
const updateSaying = (messageId: string, text: string) =>
  bot.connector.waitFor((c) => c.kind === 'update' && c.activityId === messageId && cardText(cardOf(c)).includes(text), 8_000);

describe.each(['personal', 'channel'] as const)('in a %s conversation', (scope) => {
  it('asks first: tenant-wide, the starts used of 5 in 12 hours, and the skipped scheduled run', async () => {
    const { card } = await propose(bot, 'start sds run', freshConversation(scope));
    expect(titleOf(card)).toBe('Start a School Data Sync run now?');
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      'Starts used: 1 of 5 in the last 12 hours',
      '• Runs every active inbound flow of the tenant, then the outbound flows that provision users and classes: there is no per-flow run.',
      '• If the next scheduled run is due within 10 hours, Microsoft skips it.',
      'POST /external/industryData/runs/start',
    ]));
    expect(await runStarts(bot)).toEqual([]);
  });

  it('starts once on Confirm, then follows the run on the same message until it ends', async () => {
    await patchIndustryData(bot, { nextRun: { status: 'completedWithErrors', afterMs: 150 } });
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, 'start sds run', where);
    const messageId = `msg-start-${scope}`;
    const card = await clickCard(bot, confirm, where, messageId);
    expect(titleOf(card)).toBe('Run started by Ada Lovelace at ' + factOf(card, 'Confirmed by')!.replace('Ada Lovelace at ', ''));
    expect(await runStarts(bot)).toEqual([expect.objectContaining({ status: 202, tokenKind: 'delegated', user: where.from!.aadObjectId })]);
    const last = cardOf(await updateSaying(messageId, 'State now: Completed with errors'));
    expect(titleOf(last)).toMatch(/^Run started by Ada Lovelace/);
    expect(factOf(last, 'State now')).toMatch(/^Completed with errors after \d+ min$/);
    expect(cardText(last)).toMatch(/Type sds run [0-9a-f-]{36} for its statistics\./);
    expect(updatesOf(bot, messageId).map((u) => factOf(cardOf(u), 'State now'))).toContainEqual(expect.stringMatching(/^Running for \d+ min$/));
    expect(await runStarts(bot)).toHaveLength(1);
  });
});

it('runs one start for 20 concurrent Confirms, and tells the others who confirmed', async () => {
  const where = freshConversation('channel');
  const { confirm } = await propose(bot, 'start sds run', where);
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => clickCard(bot, confirm, as(where, i % 2 ? GRACE : where.from!), `msg-race-${i}`)));
  expect(await runStarts(bot)).toHaveLength(1);
  // A late click may find the run already started: its card then shows that, with who confirmed it.
  expect(answers.filter((card) => /^Run started by/.test(titleOf(card)) && !textsOf(card).some((t) => /^Already confirmed by/.test(t)))).toHaveLength(1);
  expect(answers.filter((card) => textsOf(card).some((t) => /^Already confirmed by/.test(t)))).toHaveLength(19);
});

it('never starts on Cancel', async () => {
  const where = freshConversation('personal');
  const { cancel } = await propose(bot, 'start sds run', where);
  expect(titleOf(await clickCard(bot, cancel, where))).toMatch(/^Cancelled by Ada Lovelace/);
  expect(await runStarts(bot)).toEqual([]);
});

it('refuses up front when the five starts of 12 hours are used, saying when one frees up', async () => {
  for (let i = 0; i < 4; i++) expect(await startRunElsewhere(bot)).toBe(202);
  const reply = await bot.say('start sds run', freshConversation('personal'));
  const refused = cardOf(reply[0]!);
  expect(titleOf(refused)).toBe('No School Data Sync start left');
  expect(cardText(refused)).toMatch(/5 runs started in the last 12 hours; the service allows 5\. The next start frees up at \{\{DATE\(.+Z, SHORT\)\}\} \{\{TIME\(.+Z\)\}\}\./);
  expect(actionsOf(refused)).toEqual([]);
  expect(await runStarts(bot)).toHaveLength(4);
});

it.each([
  [429, 'Microsoft Graph is busy'],
  [503, 'Microsoft Graph is unavailable right now'],
  [403, 'Microsoft Graph refused: missing permission or role'],
])('shows a %i from runs/start plainly and never retries it', async (status, title) => {
  await injectFault(bot, { method: 'POST', path: '/external/industryData/runs/start$', status, retryAfter: 1, count: 1 });
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, 'start sds run', where);
  const card = await clickCard(bot, confirm, where);
  expect(titleOf(card)).toBe('Start failed');
  expect(cardText(card)).toContain(title);
  expect(factOf(card, 'Graph answer')).toMatch(new RegExp(`^${status} `));
  expect(await runStarts(bot)).toHaveLength(1);
});

it('reports "Outcome unknown" when runs/start does not answer in time, and never sends it again', async () => {
  await injectFault(bot, { method: 'POST', path: '/external/industryData/runs/start$', hang: true, count: 1 });
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, 'start sds run', where);
  const card = await clickCard(bot, confirm, where);
  expect(titleOf(card)).toBe('Outcome unknown');
  expect(cardText(card)).toContain('it may or may not have run');
  expect(factOf(card, 'State now')).toMatch(/^Completed after 42 min$/);
  expect(await runStarts(bot)).toHaveLength(1);
});

it('audits the start before it runs and after it ends, with the request-id', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, 'start sds run', where);
  const requestId = factOf(await clickCard(bot, confirm, where), 'Graph request-id')!;
  const { entries } = await auditOf(bot, where);
  // One line per action: its latest state, who proposed and who confirmed.
  expect(entries.map((e) => e.split(' · ').slice(0, 2).join(' · '))).toEqual(['succeeded · startSdsRun']);
  expect(entries[0]).toMatch(/proposed by Ada Lovelace .*confirmed by Ada Lovelace /);
  expect(entries[0]).toContain(`request-id ${requestId}`);
});

it('says so when the followed run disappears, without starting anything again', async () => {
  await patchIndustryData(bot, { nextRun: { status: 'completed', afterMs: null } });
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, 'start sds run', where);
  await clickCard(bot, confirm, where, 'msg-gone-run');
  // The first update is the result card itself; the follow's own reads come after it.
  await bot.connector.waitFor(() => updatesOf(bot, 'msg-gone-run').filter((u) => cardText(cardOf(u)).includes('State now: Running for')).length >= 2, 8_000);
  const [started] = (await industryDataState(bot)).runs;
  await patchIndustryData(bot, { runs: { [started!.id]: null } });
  const last = cardOf(await updateSaying('msg-gone-run', 'could not read the run any more'));
  expect(factOf(last, 'State now')).toBe('Unknown');
  expect(await runStarts(bot)).toHaveLength(1);
});

it('says the follow stopped when the run outlasts the bound, without starting anything again', async () => {
  await patchIndustryData(bot, { nextRun: { status: 'completed', afterMs: null } });
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, 'start sds run', where);
  await clickCard(bot, confirm, where, 'msg-long-run');
  const last = cardOf(await updateSaying('msg-long-run', 'stopped following after'));
  expect(factOf(last, 'State now')).toMatch(/^Running for \d+ min$/);
  expect(await runStarts(bot)).toHaveLength(1);
});

describe('with APPROVAL_REQUIRED=start-sds-run', () => {
  const approving = useTestBot({ APPROVAL_REQUIRED: 'start-sds-run' }, { following: FAST_FOLLOWING });

  it('starts only when a second admin approves, once, and the card then follows the run', async () => {
    await patchIndustryData(approving, { nextRun: { status: 'completedWithWarnings', afterMs: 100 } });
    const where = freshConversation('channel');
    const { confirm } = await propose(approving, 'start sds run', where);
    const waiting = await clickCard(approving, confirm, where, 'msg-approve-start');
    expect(titleOf(waiting)).toMatch(/^Waiting for approval/);
    expect(await runStarts(approving)).toEqual([]);
    const approve = actionsOf(waiting).find((a) => a.title === 'Approve')!;
    expect(titleOf(await clickCard(approving, approve, as(where, GRACE), 'msg-approve-start'))).toMatch(/^Run started by /);
    await approving.connector.waitFor((c) => c.kind === 'update' && c.activityId === 'msg-approve-start' && cardText(cardOf(c)).includes('State now: Completed with warnings'), 8_000);
    expect(await runStarts(approving)).toHaveLength(1);
  });
});
