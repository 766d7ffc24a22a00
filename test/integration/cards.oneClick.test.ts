import { DEMO } from '../../bot/emulator';
import { actionsOf, onlyCard, titleOf } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import { J } from '../support/jobHelpers';
import { clickCard, freshConversation } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const SP = DEMO.servicePrincipals;
const bot = useTestBot();

const commandsOf = (card: Parameters<typeof actionsOf>[0]) => actionsOf(card).map((a) => [a.title, (a.data as { cmd?: string }).cmd]);

describe.each(['personal', 'channel'] as const)('every suggestion is one click, in a %s conversation', (scope) => {
  it('finds a job right after `apps` listed it, without `for`', async () => {
    const where = freshConversation(scope);
    await bot.say('apps cloud', where);
    const card = onlyCard(await bot.say(`job ${J.cloudSyncFabrikam.jobId}`, where));
    expect(titleOf(card)).toBe('Contoso Cloud Sync: Quarantine (TooManyDeletes)');
  });

  it('still asks which app when `apps` listed other apps only', async () => {
    const where = freshConversation(scope);
    await bot.say('apps cloud', where);
    const card = onlyCard(await bot.say(`job ${J.fabrikamScim.jobId}`, where));
    expect(titleOf(card)).toBe(`Which app runs job ${J.fabrikamScim.jobId}?`);
  });

  it('"which app runs job …" offers a search for the app its template names, and then the job needs no `for`', async () => {
    const where = freshConversation(scope);
    const card = onlyCard(await bot.say(`job ${J.workday.jobId}`, where));
    expect(commandsOf(card)).toEqual([['Find apps named "Workday"', 'apps "Workday"']]);
    const apps = await clickCard(bot, actionsOf(card)[0]!, where);
    expect(titleOf(apps)).toBe('Apps matching "Workday" (1)');
    expect(titleOf(onlyCard(await bot.say(`job ${J.workday.jobId}`, where)))).toMatch(/^Workday to AD User Provisioning: /);
  });

  it('an unknown app name offers the closest apps, each retrying the command', async () => {
    const where = freshConversation(scope);
    const card = onlyCard(await bot.say('jobs Contoso Cloud Sink', where));
    expect(titleOf(card)).toBe('No app named "Contoso Cloud Sink"');
    expect(commandsOf(card)[0]).toEqual(['Contoso Cloud Sync', `jobs ${SP.contosoCloudSync}`]);
    expect(titleOf(await clickCard(bot, actionsOf(card)[0]!, where))).toBe('Provisioning jobs of Contoso Cloud Sync');
  });

  it('two jobs of one app get buttons told apart by kind, short id and state', async () => {
    const card = onlyCard(await bot.say(`jobs ${SP.contosoCloudSync}`, freshConversation(scope)));
    const titles = actionsOf(card).map((a) => a.title);
    expect(titles).toEqual(['AD2AADProvisioning.fc96 · Active', 'AD2AADProvisioning.0b8e · Quarantine']);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

it('a corrected command from a button reaches Graph like the typed one (one read, no change)', async () => {
  const where = freshConversation('personal');
  const card = onlyCard(await bot.say(`jbos ${SP.contosoCloudSync}`, where));
  expect(commandsOf(card)[0]).toEqual([`jobs ${SP.contosoCloudSync}`, `jobs ${SP.contosoCloudSync}`]);
  const before = (await emulatorRequests(bot)).length;
  expect(titleOf(await clickCard(bot, actionsOf(card)[0]!, where))).toBe('Provisioning jobs of Contoso Cloud Sync');
  const requests = (await emulatorRequests(bot)).slice(before);
  expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
});
