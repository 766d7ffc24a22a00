import { GRAMMAR } from '../../bot/commands/grammar';
import { showPlaceholders } from '../../cards/render';
import { actionsOf, invokeCard, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests, injectFault } from '../support/emulatorControl';
import { useTestBot } from '../support/testBot';

const bot = useTestBot();

describe.each(['personal', 'channel', 'groupChat'] as const)('in a %s conversation', (scope) => {
  it('answers help with the help card, as a reply to the message', async () => {
    const replies = await bot.say('help', { scope });
    expect(titleOf(onlyCard(replies))).toBe('What SyncOps can do');
    expect(replies[0]!.kind).toBe('reply');
  });

  it('lists the demo tenant\'s profiles, read from Graph with the app token', async () => {
    const card = onlyCard(await bot.say('profiles', { scope }));
    expect(titleOf(card)).toMatch(/^School Data Sync profiles \((\d+)\)$/);
    expect(Number(/\((\d+)\)/.exec(titleOf(card))![1])).toBeGreaterThanOrEqual(8);
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Contoso High School CSV']));
    const reads = (await emulatorRequests(bot)).filter((r) => r.path === '/beta/education/synchronizationProfiles');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ method: 'GET', tokenKind: 'app', status: 200 });
  });
});

describe('help', () => {
  it('answers with the same card every time: a list per area, every command once, under 5 KB', async () => {
    const first = onlyCard(await bot.say('help'));
    const second = onlyCard(await bot.say('help', { scope: 'channel' }));
    expect(second).toEqual(first);
    expect(Buffer.byteLength(JSON.stringify(first), 'utf8')).toBeLessThan(5 * 1024);
    const text = textsOf(first).join('\n');
    for (const row of GRAMMAR) expect(text.split(`- **${showPlaceholders(row.usage)}**: ${row.summary}`)).toHaveLength(2);
    expect(text).toContain('(APPROVAL_REQUIRED): restart-job-destructive, reset-sds-flow.');
  });
});

describe('input that is not a command', () => {
  it('suggests pause for "pase" as a button that runs the corrected command', async () => {
    const card = onlyCard(await bot.say('pase profile "Contoso High School CSV"'));
    expect(titleOf(card)).toBe('I don\'t know the command "pase"');
    const suggestion = actionsOf(card).find((a) => a.title === 'pause profile "Contoso High School CSV"');
    expect(suggestion?.data).toEqual({ v: 1, cmd: 'pause profile "Contoso High School CSV"' });
    const answer = await bot.click(suggestion!.verb, suggestion!.data);
    expect(titleOf(invokeCard(answer.body))).toBe('Pause Contoso High School CSV?');
  });

  it('offers no correction button for a word far from every command', async () => {
    const card = onlyCard(await bot.say('banana split'));
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Show all commands']);
  });

  it('gives the usage line when the name is missing', async () => {
    const card = onlyCard(await bot.say('profile'));
    expect(titleOf(card)).toMatch(/^Missing /);
    expect(textsOf(card)).toContain('profile ‹name|id›');
  });

  it('greets an empty mention instead of calling it an unknown command', async () => {
    const card = onlyCard(await bot.say('', { scope: 'channel' }));
    expect(titleOf(card)).toBe('Hi! Tell me what to do');
  });
});

describe('Graph failures', () => {
  it('turn a persistent 503 into a card that says Graph is unavailable, with the request-id', async () => {
    await injectFault(bot, { method: 'GET', path: 'synchronizationProfiles$', status: 503, retryAfter: 0, count: 10 });
    const card = onlyCard(await bot.say('profiles'));
    expect(titleOf(card)).toBe('Microsoft Graph is unavailable right now');
    expect(textsOf(card)).toEqual(expect.arrayContaining([expect.stringMatching(/^Graph request-id: [0-9a-f-]{36}$/)]));
    // The first try and the client's retries, all within the deadline.
    expect((await emulatorRequests(bot)).length).toBeGreaterThan(1);
  });

  it('retry a 429 with Retry-After and then show the profiles', async () => {
    await injectFault(bot, { method: 'GET', path: 'synchronizationProfiles$', status: 429, retryAfter: 0, count: 1 });
    const card = onlyCard(await bot.say('profiles'));
    expect(titleOf(card)).toMatch(/^School Data Sync profiles/);
    const listReads = (await emulatorRequests(bot)).filter((r) => r.path === '/beta/education/synchronizationProfiles');
    expect(listReads.map((r) => r.status)).toEqual([429, 200]);
  });
});

describe('card buttons', () => {
  it('run their command through the same path as typed text', async () => {
    const help = onlyCard(await bot.say('help'));
    const button = actionsOf(help).find((a) => a.title === 'SDS runs')!;
    const answer = await bot.click(button.verb, button.data);
    expect(answer.status).toBe(200);
    expect(titleOf(invokeCard(answer.body))).toMatch(/^School Data Sync runs/);
  });

  it.each([
    ['an unknown field', 'run', { v: 1, cmd: 'help', extra: true }, /unexpected fields \(extra\)/],
    ['another data version', 'run', { v: 2, cmd: 'help' }, /another version/],
    ['no command', 'run', { v: 1 }, /no valid command/],
    ['an unknown verb', 'launchMissiles', { v: 1, cmd: 'help' }, /unknown button "launchMissiles"/],
  ])('refuse a click with %s, saying why', async (_case, verb, data, reason) => {
    const answer = await bot.click(verb, data);
    expect(answer.status).toBe(200);
    const card = invokeCard(answer.body);
    expect(titleOf(card)).toBe('This button cannot be used');
    expect(textsOf(card).join('\n')).toMatch(reason);
  });
});
