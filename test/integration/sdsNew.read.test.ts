/** `sds runs`, `sds run`, `sds flows`: the new SDS read from chat, over HTTP, against the emulator's demo district. */
import { SDS_DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { injectFault } from '../support/emulatorControl';
import { patchIndustryData, sdsCalls } from '../support/industryDataHelpers';
import { cardText, factOf, freshConversation } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const R = SDS_DEMO.runs;
const bot = useTestBot({ GRAPH_RETRY_DEADLINE_MS: '0', GRAPH_TIMEOUT_MS: '300' });
const say = async (text: string, scope: 'personal' | 'channel' = 'personal') => onlyCard(await bot.say(text, freshConversation(scope)));

describe.each(['personal', 'channel'] as const)('in a %s conversation', (scope) => {
  it('sds runs: newest first, each with status, times, errors and warnings, in 1 list + 1 $batch', async () => {
    const card = await say('sds runs', scope);
    expect(titleOf(card)).toBe('School Data Sync runs (4)');
    const text = cardText(card);
    expect(text).toContain('On-demand starts left: 4 of 5 in 12 hours.');
    const statuses = textsOf(card).filter((t) => / · Scheduled run$/.test(t));
    expect(statuses).toEqual(['Completed · Scheduled run', 'Completed with warnings · Scheduled run', 'Completed with errors · Scheduled run', 'Failed · Scheduled run']);
    expect(textsOf(card)).toEqual(expect.arrayContaining(['0 errors · 37 warnings', '12 errors · 9 warnings']));
    expect(text).toContain('The required file orgs.csv was not found in the upload. (orgs.csv) [RequiredFileNotFound]');
    const instant = String.raw`\{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\} \{\{TIME\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\}\}`;
    expect(text).toMatch(new RegExp(`Started ${instant} · ended ${instant} · took 42 min`));
    expect(actionsOf(card).map((a) => a.title)).toEqual(expect.arrayContaining(['Latest run', 'Flows', 'Start a run…']));
    // The emulator logs each request inside the $batch too: one outer POST carries the four statistics.
    expect(await sdsCalls(bot)).toEqual(['GET /runs', 'POST /beta/$batch', ...[R.completed, R.withWarnings, R.withErrors, R.failed].map((id) => `GET /runs/${id}/getStatistics`)]);
  });

  it('sds run latest: the run, each flow\'s activity and its statistics compared with the run before', async () => {
    const card = await say('sds run latest', scope);
    expect(titleOf(card)).toBe('SDS run: Completed after 42 min');
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      'Contoso CSV 2025-26 (inbound)', 'Provision users (outbound)', 'Warnings: 37 → 0', 'Errors: 0', 'People: 5118 → 5120',
      'Matched people: student 4352, teacher 512', 'Statistics (previous run → this run)',
    ]));
    expect(await sdsCalls(bot)).toEqual(['GET /runs', `GET /runs/${R.completed}`, 'POST /beta/$batch', `GET /runs/${R.completed}/getStatistics`, `GET /runs/${R.withWarnings}/getStatistics`]);
  });
});

describe('sds run', () => {
  it('says the blocking error of a failed run in words', async () => {
    const card = await say(`sds run ${R.failed}`);
    expect(titleOf(card)).toBe('SDS run: Failed after 7 min');
    expect(cardText(card)).toContain('Blocking error: The required file orgs.csv was not found in the upload. (orgs.csv) [RequiredFileNotFound]');
  });

  it('compares the errors of a run with errors with the run before it', async () => {
    expect(textsOf(await say(`sds run ${R.withErrors}`))).toEqual(expect.arrayContaining(['Errors: 0 → 12', 'Warnings: 0 → 9']));
  });

  it('answers an unknown run id with "not found", never an error card', async () => {
    const card = await say('sds run 918d4a8f-599b-4f6a-b409-e892855db534');
    expect(titleOf(card)).toBe('No SDS run named "918d4a8f-599b-4f6a-b409-e892855db534"');
  });

  it('refuses a run id that is not a GUID without calling Graph', async () => {
    expect(titleOf(await say('sds run yesterday'))).toBe('"yesterday" is not a run id');
    expect(await sdsCalls(bot)).toEqual([]);
  });

  it('answers "not found" for a run that disappeared after it was listed', async () => {
    expect(cardText(await say('sds runs'))).toContain('Completed with errors');
    await patchIndustryData(bot, { runs: { [R.withErrors]: null } });
    expect(titleOf(await say(`sds run ${R.withErrors}`))).toBe(`No SDS run named "${R.withErrors}"`);
  });

  it('asks for the run id when none is given', async () => {
    expect(titleOf(await say('sds run'))).toBe('Missing runId|latest');
  });
});

describe('sds flows', () => {
  it('lists inbound flows with source, readiness, year and window, and warns before expiry; then the outbound flow sets', async () => {
    const card = await say('sds flows');
    expect(titleOf(card)).toBe('School Data Sync flows');
    const texts = textsOf(card);
    expect(texts).toEqual(expect.arrayContaining([
      'Inbound flows (2)', 'Contoso CSV 2025-26', 'CSV files · year 2025-2026', 'Fabrikam OneRoster 2025-26', 'API (OneRoster) · year 2025-2026',
      '⚠ Expires in 10 days: extend it in the SDS portal or it stops running.', 'Outbound flow sets (1)', 'Contoso district provisioning',
      '• Provision users: users, Ready', '• Provision class groups: class groups, Ready',
    ]));
    expect(texts.filter((t) => t.startsWith('⚠'))).toHaveLength(1);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Validate Contoso CSV 2025-26', 'Recent runs']);
    expect(await sdsCalls(bot)).toEqual(expect.arrayContaining(['GET /inboundFlows', 'GET /outboundProvisioningFlowSets']));
    expect(await sdsCalls(bot)).toHaveLength(2);
  });

  it('shows an expired flow as Expired, in attention colour', async () => {
    await patchIndustryData(bot, { inboundFlows: { [SDS_DEMO.inboundFlows.csv]: { readinessStatus: 'expired' } } });
    const card = await say('sds flows');
    expect(JSON.stringify(card)).toContain('"text":"Expired","color":"Attention"');
  });
});

describe('Graph faults on the new SDS', () => {
  it.each([
    [403, 'Microsoft Graph refused: missing permission or role'],
    [429, 'Microsoft Graph is busy'],
    [500, 'Microsoft Graph is unavailable right now'],
  ])('answers %i on runs with a clear card', async (status, title) => {
    await injectFault(bot, { method: 'GET', path: '/external/industryData/runs$', status, retryAfter: 7, count: 1 });
    const card = await say('sds runs');
    expect(titleOf(card)).toBe(title);
    expect(factOf(card, 'HTTP status')).toBe(String(status));
  });

  it('answers a Graph that does not answer in time with a clear card', async () => {
    await injectFault(bot, { method: 'GET', path: '/external/industryData/inboundFlows$', hang: true, count: 1 });
    expect(titleOf(await say('sds flows'))).toBe('Microsoft Graph did not answer in time');
  });

  it('lists runs without statistics when only the statistics fail', async () => {
    await injectFault(bot, { method: 'GET', path: `/runs/${R.withErrors}/getStatistics`, status: 500, count: 1 });
    const card = await say('sds runs');
    expect(titleOf(card)).toBe('School Data Sync runs (4)');
    expect(textsOf(card)).toEqual(expect.arrayContaining(['statistics unavailable', '0 errors · 37 warnings']));
  });
});
