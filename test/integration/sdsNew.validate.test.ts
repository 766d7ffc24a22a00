/** `validate sds flow`: POST …/validate (202 + Location), then the card follows the operation in place until it ends. */
import { SDS_DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests, injectFault } from '../support/emulatorControl';
import { FAST_FOLLOWING, INDUSTRY_DATA_PATH, industryDataState, patchIndustryData } from '../support/industryDataHelpers';
import { auditOf, cardOf, cardText, freshConversation } from '../support/sdsHelpers';
import type { Where } from '../support/activities';
import { useTestBot } from '../support/testBot';

const CSV = SDS_DEMO.inboundFlows.csv;
const bot = useTestBot({ GRAPH_RETRY_DEADLINE_MS: '0' }, { following: FAST_FOLLOWING }, () => undefined);
const VALIDATE_PATH = `${INDUSTRY_DATA_PATH}/inboundFlows/${CSV}/dataConnector/validate`;

/** Says the command; returns its card and the conversation whose message the follow updates. */
async function validate(text: string, where: Where) {
  return { card: onlyCard(await bot.say(text, where)), conversationId: where.conversationId! };
}

/** The update, in that conversation, whose title matches (each test has a conversation of its own). */
const finalUpdate = (conversationId: string, title: RegExp) =>
  bot.connector.waitFor((c) => c.kind === 'update' && c.conversationId === conversationId && title.test(titleOf(cardOf(c))), 8_000).then(cardOf);

/** The reads of this test's one operation (a follow left over from another test reads its own, gone, operation). */
const operationReads = async () => {
  const [operation] = (await industryDataState(bot)).operations;
  return (await emulatorRequests(bot)).filter((r) => r.method === 'GET' && r.path === `${INDUSTRY_DATA_PATH}/operations/${operation!.id}`);
};


describe.each(['personal', 'channel'] as const)('in a %s conversation', (scope) => {
  it('validates once, then shows the errors and warnings grouped by file on the same message', async () => {
    await patchIndustryData(bot, { nextValidation: { [SDS_DEMO.connectors.csv]: { afterMs: 150, validatedFiles: ['users.csv'], errors: [{ code: 'RequiredFileNotFound', message: 'The required file orgs.csv was not found.', target: 'orgs.csv' }], warnings: [{ code: 'OptionalFileNotFound', message: 'The optional file classes.csv was not found.', target: 'classes.csv' }] } } });
    const where = freshConversation(scope);
    const { card, conversationId } = await validate('validate sds flow Contoso CSV', where);
    expect(titleOf(card)).toBe('Validating Contoso CSV 2025-26…');
    expect(cardText(card)).toContain('This card updates by itself when the validation ends.');
    const ended = await finalUpdate(conversationId, /^Validation failed/);
    expect(titleOf(ended)).toBe('Validation failed: 1 error, 1 warning');
    expect(textsOf(ended)).toEqual(expect.arrayContaining([
      'orgs.csv', 'Error RequiredFileNotFound: The required file orgs.csv was not found.',
      'classes.csv', 'Warning OptionalFileNotFound: The optional file classes.csv was not found.', 'Files validated: users.csv',
    ]));
    expect(actionsOf(ended).map((a) => a.title)).toEqual(['Validate again', 'Flows']);
    expect((await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path === VALIDATE_PATH)).toEqual([expect.objectContaining({ status: 202 })]);
  });
});

it('reads the operation no more often than its interval', async () => {
  await patchIndustryData(bot, { nextValidation: { [SDS_DEMO.connectors.csv]: { afterMs: 300, errors: [], warnings: [], validatedFiles: [] } } });
  const { conversationId } = await validate(`validate sds flow ${CSV}`, freshConversation('personal'));
  expect(titleOf(await finalUpdate(conversationId, /^Files valid/))).toBe('Files valid: Contoso CSV 2025-26');
  const times = (await operationReads()).map((r) => Date.parse(r.at));
  expect(times.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(FAST_FOLLOWING.validation.intervalMs - 5);
});

it('gives up following a validation that never ends, and says so', async () => {
  await patchIndustryData(bot, { nextValidation: { [SDS_DEMO.connectors.csv]: { afterMs: null, errors: [], warnings: [], validatedFiles: [] } } });
  const { conversationId } = await validate('validate sds flow Contoso CSV', freshConversation('personal'));
  const card = await finalUpdate(conversationId, /^Still validating/);
  expect(cardText(card)).toMatch(/Still running after \d+ min: SyncOps stopped following it\./);
  expect((await emulatorRequests(bot)).filter((r) => r.method === 'POST')).toHaveLength(1);
});

it('says so when the operation disappears while followed', async () => {
  await injectFault(bot, { method: 'GET', path: '/external/industryData/operations/', status: 404, count: 1 });
  const { conversationId } = await validate('validate sds flow Contoso CSV', freshConversation('personal'));
  const card = await finalUpdate(conversationId, /^Validation status unknown/);
  expect(cardText(card)).toContain('SyncOps could not read the validation any more (404');
});

it('refuses an API flow, which has no files, without calling validate', async () => {
  const { card } = await validate('validate sds flow Fabrikam OneRoster', freshConversation('personal'));
  expect(titleOf(card)).toBe('Fabrikam OneRoster 2025-26 has no files to validate');
  expect((await emulatorRequests(bot)).filter((r) => r.method === 'POST')).toEqual([]);
});

it('answers an unknown flow with the closest names', async () => {
  const { card } = await validate('validate sds flow Contoso CVS 2025-26', freshConversation('personal'));
  expect(titleOf(card)).toBe('No inbound flow named "Contoso CVS 2025-26"');
  expect(textsOf(card)).toContain('Contoso CSV 2025-26');
});

it('offers a choice when a name matches several flows', async () => {
  const { card } = await validate('validate sds flow 2025-26', freshConversation('personal'));
  expect(titleOf(card)).toBe('Which inbound flow do you mean?');
  expect(actionsOf(card).map((a) => a.data)).toEqual([
    expect.objectContaining({ cmd: `validate sds flow ${CSV}` }), expect.objectContaining({ cmd: `validate sds flow ${SDS_DEMO.inboundFlows.oneRoster}` }),
  ]);
});

it('shows a 403 from validate plainly, and audits the request and its failure', async () => {
  await injectFault(bot, { method: 'POST', path: '/dataConnector/validate$', status: 403, count: 1 });
  const where = freshConversation('personal');
  const { card } = await validate('validate sds flow Contoso CSV', where);
  expect(titleOf(card)).toBe('Microsoft Graph refused: missing permission or role');
  const { entries } = await auditOf(bot, where);
  expect(entries.map((e) => e.split(' · ').slice(0, 2).join(' · '))).toEqual(['failed · validateSdsFlow', 'requested · validateSdsFlow']);
});
