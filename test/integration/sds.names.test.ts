import { DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { cardText, clickCard, freshConversation, mutationsAt, patchState } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const bot = useTestBot();

const titleFor = async (text: string, scope: 'personal' | 'channel' = 'personal') =>
  titleOf(onlyCard(await bot.say(text, freshConversation(scope))));

describe('a profile named by id', () => {
  it('matches the profile with exactly that id', async () => {
    expect(await titleFor(`profile ${P.contosoHighCsv}`)).toBe('Contoso High School CSV: Synced · 3 errors');
  });

  it('says no profile has an id that does not exist, without guessing names', async () => {
    const card = onlyCard(await bot.say('profile 00000000-0000-4000-8000-000000000000', freshConversation('personal')));
    expect(titleOf(card)).toBe('No profile named "00000000-0000-4000-8000-000000000000"');
    expect(cardText(card)).not.toMatch(/Closest names/);
  });

  it('does not treat the start of an id as the id', async () => {
    expect(await titleFor(`profile ${P.contosoHighCsv.slice(0, 8)}`)).toBe(`No profile named "${P.contosoHighCsv.slice(0, 8)}"`);
  });
});

describe.each(['personal', 'channel'] as const)('a profile named by name, in a %s conversation', (scope) => {
  it('matches the exact name whatever its case', async () => {
    expect(await titleFor('profile CONTOSO high school csv', scope)).toBe('Contoso High School CSV: Synced · 3 errors');
  });

  it('prefers an exact name over names that start with it', async () => {
    await patchState(bot, { profiles: { [P.fabrikamMiddleCsv]: { displayName: 'Contoso High' } } });
    expect(await titleFor('profile contoso high', scope)).toBe('Contoso High: Synced');
  });

  it('matches a unique prefix', async () => {
    expect(await titleFor('profile woodgrove', scope)).toBe('Woodgrove Academy OneRoster: Error · 42 errors');
  });

  it('matches a unique substring', async () => {
    expect(await titleFor('profile summer', scope)).toBe('Contoso High Summer Sessions: Paused');
  });

  it('asks which one when several names match, with a button per profile running the same command by id', async () => {
    const card = onlyCard(await bot.say('profile contoso high', freshConversation(scope)));
    expect(titleOf(card)).toBe('Which profile do you mean?');
    expect(cardText(card)).toContain('"contoso high" matches 2 profiles. Pick one:');
    expect(actionsOf(card)).toEqual([
      { title: 'Contoso High School CSV', verb: 'run', data: { v: 1, cmd: `profile ${P.contosoHighCsv}` } },
      { title: 'Contoso High Summer Sessions', verb: 'run', data: { v: 1, cmd: `profile ${P.contosoHighSummer}` } },
    ]);
  });

  it('says no profile has the name, with the closest names as buttons that retry with each', async () => {
    const where = freshConversation(scope);
    const card = onlyCard(await bot.say('errors profile Contoso Hgh', where));
    expect(titleOf(card)).toBe('No profile named "Contoso Hgh"');
    expect(textsOf(card)).toContain('Closest names:');
    expect(actionsOf(card).map((a) => [a.title, (a.data as { cmd: string }).cmd])).toEqual([
      ['Contoso High School CSV', `errors profile ${P.contosoHighCsv}`],
      ['Contoso High Summer Sessions', `errors profile ${P.contosoHighSummer}`],
    ]);
    expect(titleOf(await clickCard(bot, actionsOf(card)[0]!, where))).toBe('Errors of Contoso High School CSV');
  });

  it('still lists the closest few names when no name is near', async () => {
    const card = onlyCard(await bot.say('profile Zebra Qqqq Xylophone', freshConversation(scope)));
    expect(titleOf(card)).toBe('No profile named "Zebra Qqqq Xylophone"');
    expect(actionsOf(card)).toHaveLength(3);
  });
});

describe('choosing one of several profiles', () => {
  it('shows the chosen profile when its button is clicked', async () => {
    const where = freshConversation('channel');
    const choice = actionsOf(onlyCard(await bot.say('profile contoso high', where)))[1]!;
    expect(titleOf(await clickCard(bot, choice, where))).toBe('Contoso High Summer Sessions: Paused');
  });

  it('lists the matches of a substring shared by many, for errors too', async () => {
    const card = onlyCard(await bot.say('errors profile oneroster', freshConversation('personal')));
    expect(titleOf(card)).toBe('Which profile do you mean?');
    const commands = actionsOf(card).map((a) => (a.data as { cmd: string }).cmd);
    expect(commands.sort()).toEqual([`errors profile ${P.woodgroveOneRoster}`, `errors profile ${P.adatumOneRoster}`].sort());
  });

  it('proposes the action on the chosen profile, running nothing yet', async () => {
    const where = freshConversation('personal');
    const card = onlyCard(await bot.say('pause profile contoso high', where));
    const choice = actionsOf(card).find((a) => a.title === 'Contoso High School CSV')!;
    expect(choice.data).toEqual({ v: 1, cmd: `pause profile ${P.contosoHighCsv}` });
    expect(titleOf(await clickCard(bot, choice, where))).toBe('Pause Contoso High School CSV?');
    expect(await mutationsAt(bot)).toEqual([]);
  });
});
