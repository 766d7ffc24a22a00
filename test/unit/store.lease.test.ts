import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLease } from '../../bot/store';

const TTL = 30_000;
let dir: string;
let path: string;
let clock: number;
const now = () => clock;
const lease = (holderId: string) => new FileLease(path, { holderId, ttlMs: TTL, now });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncops-lease-'));
  path = join(dir, 'leases', 'poller.json');
  clock = 1_000_000;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileLease', () => {
  it('is taken when free, and records holder and expiry in the lease file', async () => {
    expect(await lease('a').acquire()).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ holderId: 'a', expiresAt: clock + TTL, host: hostname(), pid: process.pid });
  });

  it('is refused to a second holder until it expires, then taken over', async () => {
    const [a, b] = [lease('a'), lease('b')];
    await a.acquire();
    clock += TTL - 1;
    expect(await b.acquire()).toBe(false);
    clock += 1;
    expect(await b.acquire()).toBe(true);
    expect(await a.renew()).toBe(false);
    expect(await a.acquire()).toBe(false);
  });

  it('runs another ttl from each renewal', async () => {
    const [a, b] = [lease('a'), lease('b')];
    await a.acquire();
    clock += TTL - 1_000;
    expect(await a.renew()).toBe(true);
    clock += TTL - 1;
    expect(await b.acquire()).toBe(false);
    clock += 1;
    expect(await b.acquire()).toBe(true);
  });

  it('does not renew a lease it never held', async () => {
    expect(await lease('a').renew()).toBe(false);
    expect(existsSync(path)).toBe(false);
  });

  it('renews an expired lease nobody else took, since no one else ran meanwhile', async () => {
    const a = lease('a');
    await a.acquire();
    clock += TTL * 3;
    expect(await a.renew()).toBe(true);
    expect(await lease('b').acquire()).toBe(false);
  });

  it('is acquired again by its own holder', async () => {
    const a = lease('a');
    await a.acquire();
    clock += 10;
    expect(await a.acquire()).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8')).expiresAt).toBe(clock + TTL);
  });

  it('frees at once on release by its holder', async () => {
    const [a, b] = [lease('a'), lease('b')];
    await a.acquire();
    await a.release();
    expect(await b.acquire()).toBe(true);
  });

  it('stays with its holder when someone else releases it', async () => {
    const [a, b] = [lease('a'), lease('b')];
    await a.acquire();
    await b.release();
    expect(await b.acquire()).toBe(false);
    expect(await a.renew()).toBe(true);
  });

  it('goes to exactly one of ten holders racing for it', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => lease(`h${i}`).acquire()));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('gets a distinct holder id when none is given', () => {
    const ids = [new FileLease(path, { ttlMs: TTL }), new FileLease(path, { ttlMs: TTL })].map((l) => l.holderId);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('refuses a ttl that is not positive', () => {
    expect(() => new FileLease(path, { ttlMs: 0 })).toThrow(/ttlMs/);
  });
});
