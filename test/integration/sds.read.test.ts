import { cardDateTime } from '../../bot/present/times';
import { DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, textsOf, titleOf, type Card } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import { cardText, clickCard, emulatedProfile, freshConversation, mutationsAt, patchState, PROFILES_PATH } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const bot = useTestBot();

/** The rows of the profile list: name, provider and state as a person reads them. */
function rowsOf(card: Card): Record<string, { provider: string; state: string; command: string }> {
  const sets = (card.body as { type: string; selectAction?: { data: { cmd: string } } }[]).filter((e) => e.type === 'ColumnSet' && e.selectAction);
  return Object.fromEntries(sets.map((set) => {
    const [name, provider, state] = textsOf({ body: [set] });
    return [name!, { provider: provider!, state: state!, command: set.selectAction!.data.cmd }];
  }));
}

/** A time as cards carry it, for Teams to show in the reader's zone. */
const shown = (iso: string | null) => cardDateTime(iso);

describe.each(['personal', 'channel', 'groupChat'] as const)('profiles, in a %s conversation', (scope) => {
  it('lists every profile with its state and error count', async () => {
    const card = onlyCard(await bot.say('profiles', freshConversation(scope)));
    expect(titleOf(card)).toBe('School Data Sync profiles (11)');
    const rows = rowsOf(card);
    expect(rows['Contoso High School CSV']).toMatchObject({ provider: 'CSV files', state: 'Synced · 3 errors' });
    expect(rows['Woodgrove Academy OneRoster']).toMatchObject({ provider: 'OneRoster API', state: 'Error · 42 errors' });
    expect(rows['Contoso High Summer Sessions']).toMatchObject({ state: 'Paused' });
    expect(rows['Lakeshore Prep CSV']).toMatchObject({ state: 'Provisioning' });
    expect(await mutationsAt(bot)).toEqual([]);
  });
});

describe('profiles', () => {
  it('shows the error count Graph has now, not a remembered one', async () => {
    await patchState(bot, { profiles: { [P.fabrikamMiddleCsv]: { errors: [{}, {}] } } });
    const rows = rowsOf(onlyCard(await bot.say('profiles', freshConversation('personal'))));
    expect(rows['Fabrikam Middle School CSV']!.state).toBe('Synced · 2 errors');
  });

  it('opens a profile\'s status card when its row is clicked', async () => {
    const where = freshConversation('channel');
    const row = rowsOf(onlyCard(await bot.say('profiles', where)))['Woodgrove Academy OneRoster']!;
    const card = await clickCard(bot, { verb: 'run', data: { v: 1, cmd: row.command } }, where);
    expect(titleOf(card)).toBe('Woodgrove Academy OneRoster: Error · 42 errors');
  });
});

describe.each(['personal', 'channel'] as const)('profile <name|id>, in a %s conversation', (scope) => {
  it('shows state, provider, last sync, last activity, error count and status message', async () => {
    const card = onlyCard(await bot.say('profile Woodgrove Academy OneRoster', freshConversation(scope)));
    const { status } = await emulatedProfile(bot, P.woodgroveOneRoster);
    expect(titleOf(card)).toBe('Woodgrove Academy OneRoster: Error · 42 errors');
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      'Synchronization finished with errors',
      'Provisioning state: provisioned',
      'Provider: OneRoster API',
      `Last successful sync: ${shown(status.lastSynchronizationDateTime)}`,
      `Last activity: ${shown(status.lastActivityDateTime)}`,
      'Errors: 42',
      `Profile id: ${P.woodgroveOneRoster}`,
    ]));
  });

  it('finds the profile by its id', async () => {
    const card = onlyCard(await bot.say(`profile ${P.contosoHighSummer}`, freshConversation(scope)));
    expect(titleOf(card)).toBe('Contoso High Summer Sessions: Paused');
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Paused by an administrator', 'Provider: CSV files', 'Errors: 0']));
  });

  it('says when a profile is not provisioned instead of showing a sync status', async () => {
    const card = onlyCard(await bot.say('profile Riverside USD PowerSchool', freshConversation(scope)));
    expect(titleOf(card)).toBe('Riverside USD PowerSchool: Provisioning failed');
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Provisioning state: provisioningFailed', 'Provider: PowerSchool']));
  });
});

describe.each(['personal', 'channel'] as const)('errors profile <name|id>, in a %s conversation', (scope) => {
  it('shows the first page with entity type, error code, message and time, and a More button', async () => {
    const card = onlyCard(await bot.say('errors profile Woodgrove Academy OneRoster', freshConversation(scope)));
    const first = (await emulatedProfile(bot, P.woodgroveOneRoster)).errors[0]!;
    expect(titleOf(card)).toBe('Errors of Woodgrove Academy OneRoster');
    expect(textsOf(card).slice(1, 5)).toEqual([
      '1–10 of 42. By code on this page: UnsynchronizableChange 4, DuplicateUserPrincipalName 3, MissingRequiredField 3',
      `${first.entryType}: ${first.reportableIdentifier}`,
      first.errorMessage,
      `${first.errorCode} · ${shown(first.recordedDateTime)}`,
    ]);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['More', 'Show profile']);
  });

  it('fetches the next page through the same command when More is clicked, until the last page', async () => {
    const where = freshConversation(scope);
    const errors = (await emulatedProfile(bot, P.woodgroveOneRoster)).errors;
    let card = onlyCard(await bot.say(`errors profile ${P.woodgroveOneRoster}`, where));
    const headings: string[] = [];
    for (let page = 0; page < 10; page++) {
      headings.push(...textsOf(card).filter((t) => /^(Student|Teacher|Section): /.test(t)));
      const more = actionsOf(card).find((a) => a.title === 'More');
      if (!more) break;
      expect(more.data).toEqual({ v: 1, cmd: expect.stringMatching(new RegExp(`^errors profile ${P.woodgroveOneRoster} page [A-Za-z0-9_-]{8,64}$`)) });
      card = await clickCard(bot, more, where);
      expect(textsOf(card)[1]).toMatch(new RegExp(`^${headings.length + 1}–`));
    }
    expect(headings).toEqual(errors.map((e) => `${e.entryType}: ${e.reportableIdentifier}`));
    const reads = (await emulatorRequests(bot)).filter((r) => r.path === `${PROFILES_PATH}/${P.woodgroveOneRoster}/errors`);
    expect(reads).toHaveLength(5);
    expect(reads.filter((r) => r.query.$skiptoken)).toHaveLength(4);
  });

  it('says so when a profile has no errors, without a More button', async () => {
    const card = onlyCard(await bot.say('errors profile Fabrikam Middle School CSV', freshConversation(scope)));
    expect(cardText(card)).toContain('No synchronization errors.');
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Show profile']);
  });
});

describe('the More button of errors', () => {
  async function firstMore(where = freshConversation('personal')) {
    const card = onlyCard(await bot.say('errors profile Woodgrove Academy OneRoster', where));
    const more = actionsOf(card).find((a) => a.title === 'More')!;
    const data = more.data as { v: number; cmd: string };
    const [, command, cursor] = /^(.*) page (\S+)$/.exec(data.cmd)!;
    return { where, data, command: command!, cursor: cursor! };
  }

  async function expectRefusedPage(card: Card) {
    expect(titleOf(card)).toBe('This page is no longer available');
    const pageReads = (await emulatorRequests(bot)).filter((r) => r.path.endsWith('/errors') && r.query.$skiptoken);
    expect(pageReads).toEqual([]);
  }

  it('refuses a tampered cursor', async () => {
    const { where, data, command, cursor } = await firstMore();
    const tampered = `${cursor.slice(0, -1)}${cursor.endsWith('A') ? 'B' : 'A'}`;
    await expectRefusedPage(await clickCard(bot, { verb: 'run', data: { ...data, cmd: `${command} page ${tampered}` } }, where));
  });

  it('refuses a cursor made in another conversation', async () => {
    const { data } = await firstMore(freshConversation('channel'));
    await expectRefusedPage(await clickCard(bot, { verb: 'run', data }, freshConversation('personal')));
  });

  it('refuses a cursor made for another profile', async () => {
    const { where, data, cursor } = await firstMore();
    await expectRefusedPage(await clickCard(bot, { verb: 'run', data: { ...data, cmd: `errors profile ${P.adatumOneRoster} page ${cursor}` } }, where));
  });

  it('refuses a cursor that is not one SyncOps makes', async () => {
    const { where, data, command } = await firstMore();
    const card = await clickCard(bot, { verb: 'run', data: { ...data, cmd: `${command} page https://evil.example/next` } }, where);
    expect(cardText(card)).toContain('https://evil.example/next');
    expect((await emulatorRequests(bot)).filter((r) => r.path.endsWith('/errors'))).toHaveLength(1);
  });
});
