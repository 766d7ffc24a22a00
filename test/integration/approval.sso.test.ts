/**
 * Approvals and schedules with Teams SSO on: Approve runs as the approver's own delegated token (asking
 * them to sign in first), and a scheduled run uses the confirming admin's token while one is cached, else
 * the app token, which a tenant following the seed pages refuses for SDS: then it says whose sign-in is needed.
 */
import type { TokenCredential } from '@azure/identity';
import type { Actor } from '../../bot/actor';
import { DEMO, startEmulator, type RunningEmulator } from '../../bot/emulator';
import { mintDemoAppToken, mintDemoUserToken } from '../../bot/emulator/tokens';
import { ADA, cardAction, GRACE, type Where } from '../support/activities';
import { actionsOf, invokeCard, onlyCard, textsOf, titleOf, type Card } from '../support/cards';
import { emulatorRequests, resetEmulator } from '../support/emulatorControl';
import { freshConversation, TestClock } from '../support/sdsHelpers';
import { fakeCredentialsFactory, TokenIssuer } from '../support/tokenIssuer';
import { TestBot } from '../support/testBot';
import { cardOfPost } from './notify.support';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const P = DEMO.profiles;
const issuer = new TokenIssuer();
const clock = new TestClock();
let emulator: RunningEmulator;
let bot: TestBot;

const fakeObo = (_ssoToken: string, actor: Actor): TokenCredential => ({
  getToken: async () => ({ token: mintDemoUserToken({ oid: actor.aadObjectId!, name: actor.name }), expiresOnTimestamp: Date.now() + 3600_000 }),
});

beforeAll(async () => {
  await issuer.start();
  emulator = await startEmulator({ permissions: 'seeds' });
  bot = await new TestBot(
    {
      MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'offline', MicrosoftAppType: 'MultiTenant', OAUTH_CONNECTION_NAME: 'graph-sso',
      GRAPH_BASE_URL: emulator.baseUrl, GRAPH_ACCESS_TOKEN: mintDemoAppToken(), APPROVAL_REQUIRED: 'reset-profile',
    },
    {
      emulator, graphCaCert: emulator.caCert, authEndpoints: issuer.authEndpoints(), credentialsFactory: fakeCredentialsFactory(APP_ID),
      oboCredentialFactory: fakeObo, inboundToken: (a) => issuer.sign({ aud: APP_ID, serviceurl: a.serviceUrl }), now: clock.now,
    },
  ).start();
});
afterAll(async () => {
  await bot.stop();
  await emulator.close();
  await issuer.close();
});
beforeEach(async () => {
  clock.reset();
  await resetEmulator(bot);
});

const posts = async (action: string) => (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path.endsWith(`/${action}`));

/** A click as Teams resends it after sign-in: with the admin's SSO token in `authentication`. */
async function signedClick(button: { verb: string; data: unknown }, where: Where): Promise<Card> {
  const click = cardAction(bot.connector.url, button.verb, button.data, 'msg-signed', where);
  const answer = await bot.post({ ...click, value: { ...click.value, authentication: { id: 'x', connectionName: 'graph-sso', token: `sso-token-${where.from!.name}` } } });
  return invokeCard(answer.body);
}

function button(card: Card, title: string) {
  return actionsOf(card).find((a) => a.title === title)!;
}

it('asks the approver to sign in, then runs the change with the approver\'s own delegated token', async () => {
  const where = freshConversation('channel');
  const proposal = onlyCard(await bot.say('reset profile Woodgrove Academy OneRoster', where));
  const waiting = await signedClick(button(proposal, 'Confirm'), where);
  expect(titleOf(waiting)).toBe('Waiting for approval: reset Woodgrove Academy OneRoster');
  const approve = button(waiting, 'Approve');

  const unsigned = await bot.click(approve.verb, approve.data, 'msg-approve', { ...where, from: GRACE });
  expect(unsigned.status).toBe(401);
  expect(await posts('reset')).toEqual([]);

  const done = await signedClick(approve, { ...where, from: GRACE });
  expect(titleOf(done)).toBe('Reset by Grace Hopper at {{TIME(2026-03-14T10:02:00Z)}}');
  expect(await posts('reset')).toEqual([expect.objectContaining({ tokenKind: 'delegated', user: GRACE.aadObjectId, status: 200 })]);
});

it('runs a scheduled change with the confirming admin\'s cached token', async () => {
  const where = freshConversation('personal');
  const proposal = onlyCard(await bot.say('pause profile Contoso High School CSV in 30m', where));
  expect(titleOf(await signedClick(button(proposal, 'Confirm'), where))).toBe('Scheduled: pause Contoso High School CSV');
  clock.advanceMinutes(30);
  const before = bot.connector.calls.length;
  await bot.poller.runCycle();
  expect(bot.connector.calls.slice(before).filter((call) => call.kind !== 'update').map(cardOfPost).map(titleOf)).toEqual(['Paused by Ada Lovelace, as scheduled']);
  expect(await posts('pause')).toEqual([expect.objectContaining({ tokenKind: 'delegated', user: ADA.aadObjectId })]);
});

it('without a cached token, tries the app token, and when Graph refuses it says whose sign-in is needed', async () => {
  const where = freshConversation('personal');
  const proposal = onlyCard(await bot.say('pause profile Contoso High School CSV in 30m', where));
  await signedClick(button(proposal, 'Confirm'), where);
  await bot.restart(); // delegated tokens live in memory only: a restarted process has none
  clock.advanceMinutes(30);
  const before = bot.connector.calls.length;
  await bot.poller.runCycle();
  const [posted] = bot.connector.calls.slice(before).filter((call) => call.kind !== 'update').map(cardOfPost);
  expect(titleOf(posted!)).toBe('Pause failed');
  expect(textsOf(posted!).join('\n')).toContain('Microsoft Graph refused SyncOps\'s own app token for this change, and Ada Lovelace\'s sign-in is not available at the scheduled time');
  expect(await posts('pause')).toEqual([expect.objectContaining({ tokenKind: 'app', status: 403 })]);
  expect((await emulatorRequests(bot)).filter((r) => r.path.includes(P.contosoHighCsv) && r.method === 'POST')).toHaveLength(1);
});
