import { demoTokenSource } from '../../bot/demoTenant';
import type { Actor } from '../../bot/actor';

/** A minter that counts signatures and puts who and which signature into the token. */
function countingMinter() {
  let signed = 0;
  return {
    get signed() {
      return signed;
    },
    mintDemoAppToken: () => `app#${++signed}`,
    mintDemoUserToken: (claims: { oid?: string; name?: string } = {}) => `user:${claims.oid}:${claims.name}#${++signed}`,
  };
}

const ada: Actor = { aadObjectId: 'oid-ada', teamsId: '29:ada', name: 'Ada Lovelace', tenantId: 't1' };
const grace: Actor = { aadObjectId: 'oid-grace', teamsId: '29:grace', name: 'Grace Hopper', tenantId: 't1' };

describe('demo tenant tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('signs one delegated token per person and reuses it, as a real token cache does', async () => {
    const mint = countingMinter();
    const tokens = demoTokenSource(mint);
    const first = await tokens.getAccessToken({ kind: 'user', actor: ada });
    expect(await tokens.getAccessToken({ kind: 'user', actor: ada })).toBe(first);
    expect(first).toBe('user:oid-ada:Ada Lovelace#1');
    expect(mint.signed).toBe(1);
  });

  it('never hands one person the token of another', async () => {
    const tokens = demoTokenSource(countingMinter());
    const forAda = await tokens.getAccessToken({ kind: 'user', actor: ada });
    const forGrace = await tokens.getAccessToken({ kind: 'user', actor: grace });
    expect(forGrace).toBe('user:oid-grace:Grace Hopper#2');
    expect(await tokens.getAccessToken({ kind: 'user', actor: ada })).toBe(forAda);
    expect(await tokens.getAccessToken({ kind: 'app' })).toBe('app#3');
  });

  it('signs a new token once the reuse window (50 minutes of the hour) has passed', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-28T10:00:00Z') });
    const mint = countingMinter();
    const tokens = demoTokenSource(mint);
    await tokens.getAccessToken({ kind: 'user', actor: ada });
    await tokens.getAccessToken({ kind: 'app' });
    jest.setSystemTime(new Date('2026-11-28T10:49:59Z'));
    await tokens.getAccessToken({ kind: 'user', actor: ada });
    expect(mint.signed).toBe(2);
    jest.setSystemTime(new Date('2026-11-28T10:50:00Z'));
    expect(await tokens.getAccessToken({ kind: 'user', actor: ada })).toBe('user:oid-ada:Ada Lovelace#3');
    expect(await tokens.getAccessToken({ kind: 'app' })).toBe('app#4');
  });
});
