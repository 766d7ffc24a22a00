import { readCaller } from '../../bot/emulator/auth';
import { mintDemoAppToken, mintDemoUserToken } from '../../bot/emulator/tokens';

const bearer = (token: string) => `Bearer ${token}`;

describe('the emulator reads callers from bearer tokens', () => {
  it('reads a token once, but checks its expiry against the clock on every call', () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const token = mintDemoAppToken({ exp });
    const before = readCaller(bearer(token), new Date((exp - 1) * 1000));
    expect(before).toMatchObject({ kind: 'app' });
    expect(readCaller(bearer(token), new Date((exp - 1) * 1000))).toBe(before);
    expect(readCaller(bearer(token), new Date(exp * 1000))).toEqual({ kind: 'none', reason: 'Lifetime validation failed, the token is expired.' });
    expect(readCaller(bearer(token), new Date((exp - 1) * 1000))).toBe(before);
  });

  it('tells each token its own caller', () => {
    const now = new Date();
    const app = readCaller(bearer(mintDemoAppToken()), now);
    const user = readCaller(bearer(mintDemoUserToken({ oid: 'oid-grace' })), now);
    expect(app).toMatchObject({ kind: 'app' });
    expect(user).toMatchObject({ kind: 'delegated', oid: 'oid-grace' });
  });

  it('refuses a token without an expiry, an unreadable one and an empty header, every time', () => {
    const now = new Date();
    const noExp = mintDemoAppToken({ exp: undefined });
    for (let i = 0; i < 2; i++) {
      expect(readCaller(bearer(noExp), now)).toEqual({ kind: 'none', reason: 'Lifetime validation failed, the token is expired.' });
      expect(readCaller(bearer('not.a-token.x!'), now)).toEqual({ kind: 'none', reason: 'CompactToken parsing failed with error code: 80049217' });
      expect(readCaller('Bearer ', now)).toEqual({ kind: 'none', reason: 'Access token is empty.' });
    }
  });
});
