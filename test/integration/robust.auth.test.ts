import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { message } from '../support/activities';
import { CHANNEL_ISSUER, fakeCredentialsFactory, TokenIssuer } from '../support/tokenIssuer';
import { TestBot } from '../support/testBot';

const APP_ID = '11111111-2222-4333-8444-555555555555';

/** Where the bot looks for the Bot Framework signing keys: an outage that counts what it was asked. */
class KeyOutage {
  hits = 0;
  private server?: Server;
  async start(): Promise<this> {
    this.server = createServer((_req, res) => {
      this.hits += 1;
      res.statusCode = 500;
      res.end('{}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }
  get metadataUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/openid?suite=${Math.random()}`;
  }
  close(): Promise<void> {
    this.server!.closeAllConnections();
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

const outage = new KeyOutage();
const issuer = new TokenIssuer();
let bot: TestBot;

beforeAll(async () => {
  await outage.start();
  await issuer.start();
  const endpoints = { ...issuer.authEndpoints(), ToBotFromChannelOpenIdMetadataUrl: outage.metadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: outage.metadataUrl };
  bot = new TestBot(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline', MicrosoftAppType: 'MultiTenant' },
    { authEndpoints: endpoints, credentialsFactory: fakeCredentialsFactory(APP_ID) },
  );
  await bot.start();
});
afterAll(async () => {
  await bot.stop();
  await issuer.close();
  await outage.close();
});

function unsigned(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

describe('with the Bot Framework signing keys unreachable', () => {
  it.each([
    ['an unsigned (alg none) token', (serviceUrl: string) => unsigned({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: serviceUrl })],
    ['an HS256 token (key confusion)', (serviceUrl: string) => jwt.sign({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: serviceUrl }, 'guess', { algorithm: 'HS256' })],
    ['a token whose header is not JSON', () => 'bm90IGpzb24.e30.'],
  ])('refuses %s with 401 before fetching any key', async (_case, tokenFor) => {
    const activity = message(bot.connector.url, 'help');
    const before = outage.hits;
    const answer = await bot.post(activity, { authorization: `Bearer ${tokenFor(activity.serviceUrl)}` });
    expect(answer.status).toBe(401);
    expect(outage.hits).toBe(before);
    expect(bot.connector.calls.filter((c) => c.activityId === activity.id)).toEqual([]);
  });

  it('answers a well-formed RS256 token with 503, since it cannot be checked now, and runs nothing', async () => {
    const activity = message(bot.connector.url, 'help');
    const answer = await bot.post(activity, { authorization: `Bearer ${issuer.sign({ aud: APP_ID, serviceurl: activity.serviceUrl })}` });
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ code: 'ServiceUnavailable', message: expect.any(String) });
    expect(outage.hits).toBeGreaterThan(0);
    expect(bot.connector.calls.filter((c) => c.activityId === activity.id)).toEqual([]);
    expect(bot.logs.entries().some((e) => e.event === 'auth.keys.unavailable')).toBe(true);
  });
});
