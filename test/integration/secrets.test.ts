import type { TokenCredential } from '@azure/identity';
import type { Actor } from '../../bot/actor';
import { startEmulator, type RunningEmulator } from '../../bot/emulator';
import { mintDemoAppToken, mintDemoUserToken } from '../../bot/emulator/tokens';
import { cardAction } from '../support/activities';
import { actionsOf, onlyCard } from '../support/cards';
import { fakeCredentialsFactory, TokenIssuer } from '../support/tokenIssuer';
import { TestBot } from '../support/testBot';

/** A whole conversation with known secret values in play; nothing captured may contain any of them. */
const APP_ID = '11111111-2222-4333-8444-555555555555';
const APP_PASSWORD = 'S3cret-App-Password-7f9a';
const SSO_TOKEN = 'sso-secret-token-0b1c2d3e4f';
const issuer = new TokenIssuer();
let emulator: RunningEmulator;
let bot: TestBot;
const graphAppToken = mintDemoAppToken();
const delegatedTokens: string[] = [];
const inboundTokens: string[] = [];
const captured: string[] = [];

beforeAll(async () => {
  await issuer.start();
  emulator = await startEmulator();
  const obo = (_sso: string, actor: Actor): TokenCredential => ({
    getToken: async () => {
      const token = mintDemoUserToken({ oid: actor.aadObjectId!, name: actor.name });
      delegatedTokens.push(token);
      return { token, expiresOnTimestamp: Date.now() + 3600_000 };
    },
  });
  bot = await new TestBot(
    {
      MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, MicrosoftAppType: 'MultiTenant', OAUTH_CONNECTION_NAME: 'graph-sso',
      GRAPH_BASE_URL: emulator.baseUrl, GRAPH_ACCESS_TOKEN: graphAppToken,
    },
    {
      emulator, graphCaCert: emulator.caCert, authEndpoints: issuer.authEndpoints(), credentialsFactory: fakeCredentialsFactory(APP_ID), oboCredentialFactory: obo,
      inboundToken: (a) => {
        const token = issuer.sign({ aud: APP_ID, serviceurl: a.serviceUrl });
        inboundTokens.push(token);
        return token;
      },
    },
  ).start();
});
afterAll(async () => {
  await bot.stop();
  await emulator.close();
  await issuer.close();
});

it('keeps tokens, secrets and Authorization headers out of every log line, card and answer', async () => {
  for (const text of ['help', 'profiles', 'profile Contoso High School CSV', 'errors profile woodgrove', 'apps work', 'pase', 'audit']) {
    captured.push(JSON.stringify(await bot.say(text)));
  }
  const confirm = actionsOf(onlyCard(await bot.say('pause profile Contoso High School CSV'))).find((a) => a.title === 'Confirm')!;
  captured.push(JSON.stringify((await bot.click(confirm.verb, confirm.data)).body)); // loginRequest
  const click = cardAction(bot.connector.url, confirm.verb, confirm.data, 'msg-1');
  captured.push(JSON.stringify((await bot.post({ ...click, value: { ...click.value, authentication: { id: 'a', connectionName: 'graph-sso', token: SSO_TOKEN } } })).body));
  captured.push(JSON.stringify((await bot.post({ ...click, value: { ...click.value, authentication: { id: 'b', connectionName: 'graph-sso', token: SSO_TOKEN } } })).body));
  captured.push(JSON.stringify(await bot.post({ type: 'message' }, { authorization: `Bearer ${graphAppToken}` })));

  expect(delegatedTokens.length).toBeGreaterThan(0); // the secrets really were in play
  const everything = [...captured, ...bot.logs.lines, ...bot.connector.calls.map((c) => JSON.stringify(c.body))].join('\n');
  expect(everything.length).toBeGreaterThan(10_000);
  for (const secret of [APP_PASSWORD, SSO_TOKEN, graphAppToken, ...delegatedTokens, ...inboundTokens]) {
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.split('.').slice(1).join('.') || secret);
  }
  expect(everything).not.toMatch(/Bearer ey/);
});
