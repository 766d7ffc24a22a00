import { DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests, resetEmulator } from '../support/emulatorControl';
import { auditOf, cardText, clickCard, freshConversation } from '../support/sdsHelpers';
import { buttonsOf, forgetWatches, ManualClock, notifyBot } from './notify.support';

const P = DEMO.profiles;
const SP = DEMO.servicePrincipals;
const clock = new ManualClock();
const bot = notifyBot(clock);
beforeAll(() => bot.start());
afterAll(() => bot.stop());
beforeEach(() => resetEmulator(bot));
afterEach(() => forgetWatches(bot));

const ask = async (text: string, where: ReturnType<typeof freshConversation>) => onlyCard(await bot.say(text, where));

describe.each(['personal', 'channel', 'groupChat'] as const)('in a %s conversation', (scope) => {
  it('watch profile confirms with the state it starts from; watching lists it; its Unwatch button ends it', async () => {
    const where = freshConversation(scope);
    const confirmed = await ask('watch profile Contoso High School CSV', where);
    expect(titleOf(confirmed)).toBe('Watching Contoso High School CSV here');
    expect(textsOf(confirmed)).toEqual(expect.arrayContaining([
      'SyncOps posts here when it changes state, gains errors, fails a run, or enters or leaves quarantine.',
      'Now: Synced · 3 errors', `Profile id: ${P.contosoHighCsv}`,
    ]));

    const list = await ask('watching', where);
    expect(titleOf(list)).toBe('Watching 1 here');
    expect(cardText(list)).toContain('School Data Sync (Classic) profile · every change · since {{DATE(2026-03-14T10:00:00Z, SHORT)}} {{TIME(2026-03-14T10:00:00Z)}} by Ada Lovelace');
    expect(buttonsOf(list)).toEqual([`Unwatch Contoso High School CSV → unwatch profile ${P.contosoHighCsv}`]);

    const stopped = await clickCard(bot, actionsOf(list)[0]!, where);
    expect(titleOf(stopped)).toBe('Stopped watching Contoso High School CSV here');
    expect(titleOf(await ask('watching', where))).toBe('Nothing is watched here');
  });
});

describe('watch', () => {
  it('watch app … only errors keeps the filter; another filter updates it; the same one again changes nothing', async () => {
    const where = freshConversation('channel');
    const first = await ask('watch app Workday to AD User Provisioning only errors', where);
    expect(titleOf(first)).toBe('Watching Workday to AD User Provisioning here');
    expect(cardText(first)).toContain('SyncOps posts here when any of its provisioning jobs gains errors or fails a run.');
    expect(cardText(first)).toContain('Now: Workday.1a2b Active');

    expect(titleOf(await ask(`watch app ${SP.workday} only quarantine`, where))).toBe('Now watching Workday to AD User Provisioning for quarantine only');
    expect(titleOf(await ask(`watch app ${SP.workday} only quarantine`, where))).toBe('Already watching Workday to AD User Provisioning here');
    const list = await ask('watching', where);
    expect(titleOf(list)).toBe('Watching 1 here');
    expect(cardText(list)).toContain('Provisioning jobs of the app · quarantine only');
  });

  it('asks which profile a name means, with buttons that keep the only clause', async () => {
    const where = freshConversation('personal');
    const card = await ask('watch profile Contoso High only quarantine', where);
    expect(titleOf(card)).toBe('Which profile do you mean?');
    expect(buttonsOf(card)).toEqual([
      `Contoso High School CSV → watch profile ${P.contosoHighCsv} only quarantine`,
      `Contoso High Summer Sessions → watch profile ${P.contosoHighSummer} only quarantine`,
    ]);
    expect(titleOf(await ask('watching', where))).toBe('Nothing is watched here');
  });

  it('watches nothing when no profile has the name', async () => {
    const where = freshConversation('personal');
    expect(titleOf(await ask('watch profile Nowhere Academy', where))).toBe('No profile named "Nowhere Academy"');
    expect(titleOf(await ask('watching', where))).toBe('Nothing is watched here');
  });

  it('is audited with who set it up, and unwatch too', async () => {
    const where = freshConversation('groupChat');
    await ask('watch profile Contoso High School CSV', where);
    await ask('unwatch profile Contoso High School CSV', where);
    const { entries } = await auditOf(bot, where);
    expect(entries).toEqual([
      expect.stringMatching(new RegExp(`^unwatched · unwatchProfile · ${P.contosoHighCsv} \\| .* by Ada Lovelace .*Stopped watching Contoso High School CSV`)),
      expect.stringMatching(new RegExp(`^watched · watchProfile · ${P.contosoHighCsv} \\| .* by Ada Lovelace .*Watching Contoso High School CSV`)),
    ]);
  });

  it("one conversation's watches are not another's", async () => {
    const here = freshConversation('groupChat');
    const there = freshConversation('groupChat');
    await ask('watch profile Contoso High School CSV', here);
    expect(titleOf(await ask('watching', there))).toBe('Nothing is watched here');
    expect(titleOf(await ask('unwatch profile Contoso High School CSV', there))).toBe('No watched profile here matches "Contoso High School CSV"');
    expect(titleOf(await ask('watching', here))).toBe('Watching 1 here');
  });
});

describe('unwatch', () => {
  it('matches the watched name without asking Graph, so a profile Graph no longer has can still be unwatched', async () => {
    const where = freshConversation('personal');
    await ask('watch profile Contoso High School CSV', where);
    await resetEmulator(bot);
    expect(titleOf(await ask('unwatch profile contoso high school', where))).toBe('Stopped watching Contoso High School CSV here');
    expect(await emulatorRequests(bot)).toEqual([]);
  });

  it('says what is watched when the name matches none of it', async () => {
    const where = freshConversation('personal');
    await ask('watch app Workday to AD User Provisioning', where);
    const card = await ask('unwatch app ServiceNow', where);
    expect(titleOf(card)).toBe('No watched app here matches "ServiceNow"');
    expect(textsOf(card)).toContain('Workday to AD User Provisioning');
    expect(titleOf(await ask('watching', where))).toBe('Watching 1 here');
  });
});
