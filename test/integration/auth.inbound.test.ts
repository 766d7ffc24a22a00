import { message } from '../support/activities';
import { onlyCard, titleOf } from '../support/cards';
import { fakeCredentialsFactory, OUTBOUND_TOKEN, TokenIssuer } from '../support/tokenIssuer';
import { TestBot } from '../support/testBot';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const issuer = new TokenIssuer();
let bot: TestBot;

beforeAll(async () => {
  await issuer.start();
  bot = new TestBot(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline', MicrosoftAppType: 'MultiTenant' },
    { authEndpoints: issuer.authEndpoints(), credentialsFactory: fakeCredentialsFactory(APP_ID) },
  );
  await bot.start();
});
afterAll(async () => {
  await bot.stop();
  await issuer.close();
});

function helpActivity(overrides: Record<string, unknown> = {}) {
  return { ...message(bot.connector.url, 'help'), ...overrides };
}

function goodToken(activity: { serviceUrl: string }): string {
  return issuer.sign({ aud: APP_ID, serviceurl: activity.serviceUrl });
}

describe('with MicrosoftAppId set, inbound requests', () => {
  it('are served with a valid channel token, and the reply carries the outbound credential', async () => {
    const activity = helpActivity();
    const answer = await bot.post(activity, { authorization: `Bearer ${goodToken(activity)}` });
    expect(answer.status).toBe(200);
    const replies = bot.connector.calls.filter((c) => c.activityId === activity.id);
    expect(titleOf(onlyCard(replies))).toBe('What SyncOps can do');
    expect(replies[0]!.authorization).toBe(OUTBOUND_TOKEN);
  });

  it.each([
    ['no token', () => undefined],
    ['a forged signature', (a: { serviceUrl: string }) => issuer.sign({ aud: APP_ID, serviceurl: a.serviceUrl }, { forged: true })],
    ['an expired token', (a: { serviceUrl: string }) => issuer.sign({ aud: APP_ID, serviceurl: a.serviceUrl }, { expiresIn: -600 })],
    ['a wrong audience', (a: { serviceUrl: string }) => issuer.sign({ aud: '99999999-2222-4333-8444-555555555555', serviceurl: a.serviceUrl })],
    ['a wrong issuer', (a: { serviceUrl: string }) => issuer.sign({ aud: APP_ID, serviceurl: a.serviceUrl, iss: 'https://evil.example' })],
    ['a serviceurl claim that does not match the activity', () => issuer.sign({ aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/emea/' })],
    ['garbage instead of a JWT', () => 'not.a.jwt'],
  ])('are refused with 401 for %s, and nothing is sent or run', async (_case, tokenFor) => {
    const activity = helpActivity();
    const token = tokenFor(activity);
    const answer = await bot.post(activity, token ? { authorization: `Bearer ${token}` } : {});
    expect(answer.status).toBe(401);
    expect(JSON.stringify(answer.body)).not.toMatch(/signature|jwt|stack/i);
    expect(bot.connector.calls.filter((c) => c.activityId === activity.id)).toEqual([]);
  });

  it('are refused with 401 from a channel the signing key is not endorsed for', async () => {
    const activity = helpActivity({ channelId: 'webchat' });
    const answer = await bot.post(activity, { authorization: `Bearer ${goodToken(activity)}` });
    expect(answer.status).toBe(401);
  });

  it('refuse card clicks without a valid token too', async () => {
    const click = { ...helpActivity(), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'run', data: { v: 1, cmd: 'profiles' } } } };
    expect((await bot.post(click)).status).toBe(401);
    const answer = await bot.post(click, { authorization: `Bearer ${goodToken(click)}` });
    expect(answer.status).toBe(200);
  });

  it('log each refusal as one JSON line without the token', async () => {
    const activity = helpActivity();
    const forged = issuer.sign({ aud: APP_ID, serviceurl: activity.serviceUrl }, { forged: true });
    await bot.post(activity, { authorization: `Bearer ${forged}` });
    expect(bot.logs.entries().filter((e) => e.event === 'auth.rejected' && e.activityId === activity.id)).toHaveLength(1);
    expect(bot.logs.lines.join('\n')).not.toContain(forged.split('.')[2]);
  });
});
