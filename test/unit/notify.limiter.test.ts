import { RateLimiter } from '../../bot/notify/limiter';

/** Sends as soon as the limiter allows, and returns the times of the sends (ms after the start). */
function sendTimes(limiter: RateLimiter, conversation: string, count: number, start = 0): number[] {
  const times: number[] = [];
  let now = start;
  for (let i = 0; i < count; i++) {
    now += limiter.delay(conversation, 'send', now);
    limiter.take(conversation, 'send', now);
    times.push(now - start);
  }
  return times;
}

describe('RateLimiter (Teams limits per conversation and per app)', () => {
  it('lets 7 through at once, the 8th after 1 s and the 9th after 2 s (7 per second, 8 per 2 seconds)', () => {
    expect(sendTimes(new RateLimiter(), 'c', 10)).toEqual([0, 0, 0, 0, 0, 0, 0, 1000, 2000, 2000]);
  });

  it('holds at 60 per 30 seconds', () => {
    const times = sendTimes(new RateLimiter(), 'c', 61);
    expect(times[59]).toBeLessThan(30_000);
    expect(times[60]).toBeGreaterThanOrEqual(30_000);
  });

  it('keeps conversations apart', () => {
    const limiter = new RateLimiter();
    sendTimes(limiter, 'a', 8);
    expect(limiter.delay('b', 'send', 0)).toBe(0);
    expect(limiter.delay('a', 'send', 0)).toBeGreaterThan(0);
  });

  it('counts thread creation apart from sends in the same conversation', () => {
    const limiter = new RateLimiter();
    sendTimes(limiter, 'a', 8);
    expect(limiter.delay('a', 'create', 0)).toBe(0);
  });

  it('holds every conversation together to 40 a second for the app', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 40; i++) limiter.take(`c${i}`, 'send', 0);
    expect(limiter.delay('another', 'send', 0)).toBe(1000);
    expect(limiter.delay('another', 'send', 1000)).toBe(0);
  });

  it('counts a slot reserved for later (a send waiting for its turn) against everyone else now', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 40; i++) limiter.take(`c${i}`, 'send', 1000);
    expect(limiter.delay('another', 'send', 0)).toBe(2000);
  });

  it('blocks a conversation Teams throttled until its Retry-After, and no other', () => {
    const limiter = new RateLimiter();
    limiter.block('a', 150_000);
    expect(limiter.delay('a', 'send', 60_000)).toBe(90_000);
    expect(limiter.delay('a', 'send', 150_000)).toBe(0);
    expect(limiter.delay('b', 'send', 60_000)).toBe(0);
  });
});
