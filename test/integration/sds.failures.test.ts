import { DEMO } from '../../bot/emulator';
import { onlyCard, titleOf } from '../support/cards';
import {
  auditOf, cardText, clickCard, emulatedProfile, factOf, freshConversation, graphErrorBody, injectGraphFault, mutationsAt,
  patchState, postsOf, propose, TestClock, UUID,
} from '../support/sdsHelpers';
import { TestBot, useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const clock = new TestClock();
const bot = useTestBot({}, { now: clock.now });

const pauses = (on: TestBot = bot) => postsOf(on, P.contosoHighCsv, 'pause');

/** Proposes a pause of Contoso High School CSV, makes Graph fail it as told, and clicks Confirm. */
async function confirmPauseFailing(fault: Parameters<typeof injectGraphFault>[1], on: TestBot = bot) {
  const where = freshConversation('channel');
  const { confirm } = await propose(on, 'pause profile Contoso High School CSV', where);
  await injectGraphFault(on, fault);
  return { where, card: await clickCard(on, confirm, where) };
}

describe('a confirmed pause that Graph refuses', () => {
  it('says Graph refused for a missing permission or role on 403, with the request-id, and changes nothing', async () => {
    const { where, card } = await confirmPauseFailing({ method: 'POST', path: '/pause$', status: 403, count: 1 });
    expect(cardText(card)).toMatch(/refused: missing permission or role/);
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect(await pauses()).toEqual([expect.objectContaining({ status: 403 })]);
    expect((await emulatedProfile(bot, P.contosoHighCsv)).status.status).toBe('success');
    expect((await auditOf(bot, where)).entries[0]).toMatch(/^failed · pauseProfile/);
  });

  it('says the profile is not found on 404 (deleted since the proposal), with the request-id', async () => {
    const message = `The educationSynchronizationProfile '${P.contosoHighCsv}' was not found.`;
    const { card } = await confirmPauseFailing({ method: 'POST', path: '/pause$', status: 404, count: 1, body: graphErrorBody('itemNotFound', message) });
    expect(titleOf(card)).toBe('Pause failed');
    expect(cardText(card)).toMatch(/not found/i);
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect(await pauses()).toHaveLength(1);
  });

  it.each([
    [409, 'conflict', 'Another operation is in progress on this profile.'],
    [400, 'invalidRequest', 'The profile is in state \'deleting\'; this operation needs a provisioned profile.'],
  ])('shows Graph\'s own message on %i, with the request-id, and does not retry', async (status, code, message) => {
    const { card } = await confirmPauseFailing({ method: 'POST', path: '/pause$', status, count: 1, body: graphErrorBody(code, message) });
    expect(titleOf(card)).toBe('Pause failed');
    expect(cardText(card)).toContain(message);
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect(await pauses()).toHaveLength(1);
  });

  it('says Graph is unavailable on 500, with the request-id, and does not retry the POST', async () => {
    const { card } = await confirmPauseFailing({ method: 'POST', path: '/pause$', status: 500, count: 1 });
    expect(titleOf(card)).toBe('Pause failed');
    expect(cardText(card)).toMatch(/Microsoft Graph is unavailable/);
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect(await pauses()).toHaveLength(1);
  });
});

describe('a confirmed pause that Graph throttles', () => {
  it('is retried after a 429 within the deadline and succeeds', async () => {
    const { card } = await confirmPauseFailing({ method: 'POST', path: '/pause$', status: 429, retryAfter: 0, count: 1 });
    expect(titleOf(card)).toBe('Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}');
    expect((await pauses()).map((r) => r.status)).toEqual([429, 200]);
  });

  it('says Graph is busy and when to try again when Retry-After is beyond the deadline', async () => {
    const { card } = await confirmPauseFailing({ method: 'POST', path: '/pause$', status: 429, retryAfter: 30, count: 5 });
    expect(titleOf(card)).not.toMatch(/^Paused/);
    expect(cardText(card)).toMatch(/busy/i);
    expect(cardText(card)).toMatch(/try again in 30 s/i);
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect((await pauses()).map((r) => r.status)).toEqual([429]);
  });
});

describe('a confirmed pause that Graph never answers', () => {
  const impatient = new TestBot({ GRAPH_TIMEOUT_MS: '300' }, { now: clock.now });
  beforeAll(() => impatient.start());
  afterAll(() => impatient.stop());

  it('says "Outcome unknown" with the state read back, and never sends the POST again', async () => {
    const { where, card } = await confirmPauseFailing({ method: 'POST', path: '/pause$', hang: true, count: 1 }, impatient);
    expect(titleOf(card)).toBe('Outcome unknown');
    expect(cardText(card)).toMatch(/may or may not have run/);
    expect(factOf(card, 'State now')).toBe('Synced · 3 errors');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await pauses(impatient)).toEqual([expect.objectContaining({ status: 0 })]);
    expect(await mutationsAt(impatient)).toHaveLength(1);
    expect((await auditOf(impatient, where)).entries[0]).toMatch(/^outcomeUnknown · pauseProfile/);
  });
});

describe.each(['personal', 'channel'] as const)('a tenant where SDS Classic is retired, in a %s conversation', (scope) => {
  beforeEach(() => patchState(bot, { sdsRetired: true }));

  it.each([
    ['profiles'],
    ['profile Contoso High School CSV'],
    [`profile ${P.contosoHighCsv}`],
    ['pause profile Contoso High School CSV'],
  ])('answers "%s" with the card saying SDS Classic was retired', async (text) => {
    const card = onlyCard(await bot.say(text, freshConversation(scope)));
    expect(titleOf(card)).toBe('School Data Sync (Classic) was retired on 31 December 2024');
    expect(cardText(card)).toMatch(/retired on 31 December 2024/);
    expect(await mutationsAt(bot)).toEqual([]);
  });
});
