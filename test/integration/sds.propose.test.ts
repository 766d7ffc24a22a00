import { DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, textsOf, titleOf } from '../support/cards';
import { freshConversation, mutationsAt, propose, TestClock } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const clock = new TestClock();
const bot = useTestBot({}, { now: clock.now });

const call = (id: string, action: string) => `POST /education/synchronizationProfiles/${id}/${action}`;

describe.each(['personal', 'channel'] as const)('a mutating command in a %s conversation', (scope) => {
  it('answers pause with a card that says the Graph call and its effect, with Confirm and Cancel, and runs nothing', async () => {
    const { card, confirm, cancel } = await propose(bot, 'pause profile Contoso High School CSV', freshConversation(scope));
    expect(titleOf(card)).toBe('Pause Contoso High School CSV?');
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      'Expires at {{TIME(2026-03-14T10:17:00Z)}}. Nothing happens until someone confirms.',
      '• Synchronization of this profile stops until someone resumes it.',
      call(P.contosoHighCsv, 'pause'),
      'Profile: Contoso High School CSV',
      'Asked by: Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}',
    ]));
    expect(confirm).toEqual({ title: 'Confirm', verb: 'confirm', data: { v: 1, actionId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) } });
    expect(cancel).toEqual({ title: 'Cancel', verb: 'cancel', data: confirm.data });
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('answers reset with a card that says sync restarts, errors are deleted and no data is deleted from Entra', async () => {
    const { card } = await propose(bot, 'reset profile Woodgrove Academy OneRoster', freshConversation(scope));
    expect(titleOf(card)).toBe('Reset Woodgrove Academy OneRoster?');
    expect(textsOf(card)).toEqual(expect.arrayContaining([
      '• Synchronization restarts from the beginning.',
      '• All synchronization errors recorded for this profile are deleted.',
      '• No data is deleted from Microsoft Entra ID.',
      call(P.woodgroveOneRoster, 'reset'),
    ]));
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('answers resume of a paused profile with its confirmation card', async () => {
    const { card } = await propose(bot, 'resume profile Contoso High Summer Sessions', freshConversation(scope));
    expect(titleOf(card)).toBe('Resume Contoso High Summer Sessions?');
    expect(textsOf(card)).toContain(call(P.contosoHighSummer, 'resume'));
  });

  it('answers start of a CSV profile with a card that says the files are verified first', async () => {
    const { card } = await propose(bot, 'start profile Fabrikam Middle School CSV', freshConversation(scope));
    expect(titleOf(card)).toBe('Start Fabrikam Middle School CSV?');
    expect(textsOf(card)).toEqual(expect.arrayContaining(['• Graph first verifies the uploaded CSV files.', call(P.fabrikamMiddleCsv, 'start')]));
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it.each([
    ['start on a profile that does not sync from CSV', 'start profile Northwind District PowerSchool', 'Cannot start Northwind District PowerSchool', /only to profiles synchronized from CSV files; this one uses PowerSchool/],
    ['start on a profile that is not provisioned', 'start profile Lakeshore Prep CSV', 'Cannot start Lakeshore Prep CSV', /profile is provisioning; only provisioned profiles/],
    ['resume of a profile that is not paused', 'resume profile Contoso High School CSV', 'Cannot resume Contoso High School CSV', /Only a paused profile can be resumed; this one is synced/],
    ['pause of a profile already paused', 'pause profile Contoso High Summer Sessions', 'Cannot pause Contoso High Summer Sessions', /already paused/],
    ['reset of a profile whose provisioning failed', 'reset profile Riverside USD PowerSchool', 'Cannot reset Riverside USD PowerSchool', /provisioning failed; only provisioned/],
  ])('refuses %s up front, with the reason, no confirmation card and no call to Graph', async (_case, text, title, reason) => {
    const card = onlyCard(await bot.say(text, freshConversation(scope)));
    expect(titleOf(card)).toBe(title);
    expect(textsOf(card).join('\n')).toMatch(reason);
    expect(actionsOf(card)).toEqual([]);
    expect(await mutationsAt(bot)).toEqual([]);
  });
});

describe('a mutating command in a group chat', () => {
  it('answers with the same confirmation card', async () => {
    const { card } = await propose(bot, 'pause profile woodgrove', freshConversation('groupChat'));
    expect(titleOf(card)).toBe('Pause Woodgrove Academy OneRoster?');
    expect(await mutationsAt(bot)).toEqual([]);
  });
});
