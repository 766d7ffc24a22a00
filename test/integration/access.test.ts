import { ADA, GRACE, message, TENANT_ID } from '../support/activities';
import { actionsOf, invokeCard, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import { TestBot, useTestBot } from '../support/testBot';

const OTHER_TENANT = '00000000-0000-4000-8000-0000000000aa';
const bot = useTestBot({ ALLOWED_TENANTS: TENANT_ID, ALLOWED_USERS: ADA.aadObjectId });

const mutatingCalls = async () => (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && !r.path.endsWith('$batch'));

describe('ALLOWED_TENANTS', () => {
  it('refuses everything, even help, from another tenant, and audits it', async () => {
    const card = onlyCard(await bot.say('help', { tenantId: OTHER_TENANT, conversationId: 'a:other-tenant-chat' }));
    expect(titleOf(card)).toBe('SyncOps is not available here');
    expect(textsOf(card).join(' ')).toMatch(/this tenant is not allowed/);
    expect(await emulatorRequests(bot)).toEqual([]);
    // The audit is read in the allowed tenant's chat through the store, since the other tenant is refused.
    const audit = textsOf(onlyCard(await bot.say('audit 50'))).join(' ');
    expect(audit).not.toMatch(/refused · message/); // another conversation's entries never show here
    expect(bot.logs.entries()).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'refused', command: 'message', reason: 'this tenant is not allowed to use this SyncOps' })]));
  });

  it('posts no welcome card when installed in another tenant, but does in the allowed one', async () => {
    const install = (tenantId: string, conversationId: string) => ({
      ...message(bot.connector.url, '', { tenantId, conversationId }), type: 'installationUpdate', action: 'add', text: undefined,
    });
    expect((await bot.post(install(OTHER_TENANT, 'a:install-other'))).status).toBe(200);
    expect(bot.connector.calls.filter((c) => c.conversationId === 'a:install-other')).toEqual([]);
    await bot.post(install(TENANT_ID, 'a:install-ours'));
    expect(bot.connector.calls.filter((c) => c.conversationId === 'a:install-ours')).toHaveLength(1);
  });

  it('serves the allowed tenant', async () => {
    expect(titleOf(onlyCard(await bot.say('help')))).toBe('What SyncOps can do');
  });
});

describe('ALLOWED_USERS', () => {
  it('lets a listed admin propose a change', async () => {
    expect(titleOf(onlyCard(await bot.say('pause profile Contoso High School CSV', { from: ADA })))).toBe('Pause Contoso High School CSV?');
  });

  it('refuses the proposal to someone not on the list, while reads still work for them', async () => {
    const card = onlyCard(await bot.say('pause profile Contoso High School CSV', { from: GRACE }));
    expect(titleOf(card)).toBe('You cannot change synchronization from here');
    expect(titleOf(onlyCard(await bot.say('profiles', { from: GRACE })))).toMatch(/^School Data Sync profiles/);
    expect(await mutatingCalls()).toEqual([]);
  });

  it('refuses a Confirm click from someone not on the list and keeps the action pending for a listed admin', async () => {
    const proposal = onlyCard(await bot.say('pause profile Contoso High School CSV', { from: ADA }));
    const confirm = actionsOf(proposal).find((a) => a.title === 'Confirm')!;
    const refused = invokeCard((await bot.click(confirm.verb, confirm.data, 'msg-x', { from: GRACE })).body);
    expect(titleOf(refused)).toBe('You cannot change synchronization from here');
    expect(await mutatingCalls()).toEqual([]);
    const done = invokeCard((await bot.click(confirm.verb, confirm.data, 'msg-x', { from: ADA })).body);
    expect(titleOf(done)).toMatch(/^Paused by Ada Lovelace at /);
    expect(await mutatingCalls()).toHaveLength(1);
  });

  it('fails closed for a person without an Entra object id', async () => {
    const card = onlyCard(await bot.say('pause profile Contoso High School CSV', { from: { id: '29:guest', name: 'Guest' } }));
    expect(textsOf(card).join(' ')).toMatch(/cannot tell who you are/);
  });

  it('audits each refusal with who and why', async () => {
    await bot.say('reset profile Contoso High School CSV', { from: GRACE });
    const audit = textsOf(onlyCard(await bot.say('audit 5', { from: ADA }))).join('\n');
    expect(audit).toMatch(/refused · resetProfile/);
    expect(audit).toMatch(/by Grace Hopper \(5f7e9a1b-3c2d-4e6f-8a9b-0c1d2e3f4a5b\) · you are not on the list/);
  });
});

describe('open lists', () => {
  it('are warned about once at start-up', async () => {
    const open = new TestBot();
    await open.start();
    try {
      expect(open.logs.entries().filter((e) => e.event === 'access.open').map((e) => e.warning)).toEqual([
        expect.stringMatching(/^ALLOWED_TENANTS is not set/), expect.stringMatching(/^ALLOWED_USERS is not set/),
      ]);
      expect(bot.logs.entries().some((e) => e.event === 'access.open')).toBe(false);
    } finally {
      await open.stop();
    }
  });
});
