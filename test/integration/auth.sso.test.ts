import type { TokenCredential } from '@azure/identity';
import type { Actor } from '../../bot/actor';
import { startEmulator, type RunningEmulator } from '../../bot/emulator';
import { mintDemoAppToken, mintDemoUserToken } from '../../bot/emulator/tokens';
import { ADA, cardAction, GRACE } from '../support/activities';
import { actionsOf, invokeCard, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests, resetEmulator } from '../support/emulatorControl';
import { fakeCredentialsFactory, SIGN_IN_LINK, TokenIssuer } from '../support/tokenIssuer';
import { TestBot } from '../support/testBot';

/**
 * What is real here: the bot's inbound JWT checks (local issuer), the SSO click flow (loginRequest, the
 * resent click with `authentication.token`, `signin/tokenExchange`), the per-admin token cache, the Graph
 * client and the emulator in `seeds` mode. What is faked: the on-behalf-of exchange itself (Entra is not
 * reachable offline), at the credential boundary: it mints the delegated token Entra would return.
 */
const APP_ID = '11111111-2222-4333-8444-555555555555';
const issuer = new TokenIssuer();
let emulator: RunningEmulator;
const exchanged: string[] = [];

const fakeObo = (ssoToken: string, actor: Actor): TokenCredential => ({
  getToken: async () => {
    if (ssoToken === 'revoked-sso-token') throw new Error('AADSTS50013: assertion is not valid');
    exchanged.push(ssoToken);
    return { token: mintDemoUserToken({ oid: actor.aadObjectId!, name: actor.name }), expiresOnTimestamp: Date.now() + 3600_000 };
  },
});

function botWith(env: Record<string, string>): TestBot {
  return new TestBot(
    {
      MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'offline', MicrosoftAppType: 'MultiTenant',
      GRAPH_BASE_URL: emulator.baseUrl, GRAPH_ACCESS_TOKEN: mintDemoAppToken(), ...env,
    },
    {
      emulator, graphCaCert: emulator.caCert, authEndpoints: issuer.authEndpoints(), credentialsFactory: fakeCredentialsFactory(APP_ID),
      oboCredentialFactory: fakeObo, inboundToken: (a) => issuer.sign({ aud: APP_ID, serviceurl: a.serviceUrl }),
    },
  );
}

const pauses = async (bot: TestBot) => (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path.endsWith('/pause'));

beforeAll(async () => {
  await issuer.start();
  emulator = await startEmulator({ permissions: 'seeds' });
});
afterAll(async () => {
  await emulator.close();
  await issuer.close();
});

describe('with only app credentials, in a tenant that follows the seed pages', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await botWith({}).start();
  });
  afterAll(() => bot.stop());
  beforeEach(() => resetEmulator(bot));

  it('reports that Graph refused the app-only pause, and never claims success', async () => {
    const confirm = actionsOf(onlyCard(await bot.say('pause profile Contoso High School CSV'))).find((a) => a.title === 'Confirm')!;
    const card = invokeCard((await bot.click(confirm.verb, confirm.data)).body);
    expect(titleOf(card)).toBe('Pause failed');
    expect(textsOf(card).join(' ')).toMatch(/missing permission or role/);
    expect(await pauses(bot)).toEqual([expect.objectContaining({ tokenKind: 'app', status: 403 })]);
  });
});

describe('with Teams SSO (OAUTH_CONNECTION_NAME)', () => {
  let bot: TestBot;
  // A bot per test: who is signed in (the delegated token cache) must not carry from one test to the next.
  beforeEach(async () => {
    bot = await botWith({ OAUTH_CONNECTION_NAME: 'graph-sso' }).start();
    await resetEmulator(bot);
  });
  afterEach(() => bot.stop());

  async function proposePause() {
    const card = onlyCard(await bot.say('pause profile Contoso High School CSV'));
    return actionsOf(card).find((a) => a.title === 'Confirm')!;
  }

  it('asks Teams to sign the admin in before Confirm runs anything, and keeps the action pending', async () => {
    const confirm = await proposePause();
    const answer = await bot.click(confirm.verb, confirm.data);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      statusCode: 401, type: 'application/vnd.microsoft.activity.loginRequest',
      value: { connectionName: 'graph-sso', tokenExchangeResource: { uri: `api://botid-${APP_ID}` } },
    });
    expect(await pauses(bot)).toEqual([]);
    // Still pending: the same card works once the admin is signed in.
    const click = cardAction(bot.connector.url, confirm.verb, confirm.data, 'msg-sso');
    await bot.post({ ...click, value: { ...click.value, authentication: { id: 'y', connectionName: 'graph-sso', token: 'sso-token-after-prompt' } } });
    expect(await pauses(bot)).toHaveLength(1);
  });

  it('runs the pause as the signed-in admin once Teams resends the click with an SSO token', async () => {
    const confirm = await proposePause();
    const click = cardAction(bot.connector.url, confirm.verb, confirm.data, 'msg-sso');
    const signedClick = { ...click, value: { ...click.value, authentication: { id: 'x', connectionName: 'graph-sso', token: 'sso-token-of-ada' } } };
    const answer = await bot.post(signedClick);
    expect(titleOf(invokeCard(answer.body))).toMatch(/^Paused by Ada Lovelace at /);
    expect(exchanged).toContain('sso-token-of-ada');
    expect(await pauses(bot)).toEqual([expect.objectContaining({ tokenKind: 'delegated', user: ADA.aadObjectId, status: 200 })]);
    const audit = textsOf(onlyCard(await bot.say('audit 3'))).join('\n');
    expect(audit).toMatch(new RegExp(`succeeded · pauseProfile[\\s\\S]*by Ada Lovelace \\(${ADA.aadObjectId}\\)`));
  });

  it('answers signin/tokenExchange with 200 when on-behalf-of works, and 412 when it does not', async () => {
    const base = cardAction(bot.connector.url, 'x', {}, 'm');
    const exchange = (token: string) => bot.post({ ...base, name: 'signin/tokenExchange', value: { id: 'exchange-1', connectionName: 'graph-sso', token } });
    expect((await exchange('fresh-sso-token')).status).toBe(200);
    const refused = await exchange('revoked-sso-token');
    expect(refused.status).toBe(412);
    expect(refused.body).toEqual({ id: 'exchange-1', connectionName: 'graph-sso', failureDetail: expect.any(String) });
  });

  it('offers the token service\'s sign-in link as the fallback button of the sign-in request', async () => {
    const confirm = await proposePause();
    const answer = await bot.post(cardAction(bot.connector.url, confirm.verb, confirm.data, 'msg-link', { from: GRACE }));
    expect(answer.body).toMatchObject({ value: { buttons: [{ type: 'signin', value: SIGN_IN_LINK }] } });
  });

  it('completes the fallback sign-in: signin/verifyState trades the magic code, then Confirm runs as that admin', async () => {
    issuer.acceptMagicCode('magic-grace', 'sso-token-of-grace');
    const base = cardAction(bot.connector.url, 'x', {}, 'm', { from: GRACE });
    expect((await bot.post({ ...base, name: 'signin/verifyState', value: { state: 'wrong-code' } })).status).toBe(412);
    expect((await bot.post({ ...base, name: 'signin/verifyState', value: { state: 'magic-grace' } })).status).toBe(200);
    expect(exchanged).toContain('sso-token-of-grace');
    const confirm = await proposePause();
    const card = invokeCard((await bot.post(cardAction(bot.connector.url, confirm.verb, confirm.data, 'msg-grace', { from: GRACE }))).body);
    expect(titleOf(card)).toMatch(/^Paused by Grace Hopper at /);
    expect(await pauses(bot)).toEqual([expect.objectContaining({ tokenKind: 'delegated', user: GRACE.aadObjectId })]);
  });

  it('never logs the SSO token or the delegated Graph token', async () => {
    const text = bot.logs.lines.join('\n');
    expect(text).not.toContain('sso-token-of-ada');
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\.eyJ/);
  });
});
