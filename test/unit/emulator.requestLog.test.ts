import { REQUEST_LOG_ENTRIES, RequestLog, type LoggedRequest } from '../../bot/emulator/requestLog';

const call = (n: number): LoggedRequest => ({ method: 'GET', path: `/beta/call/${n}`, query: {}, body: undefined, tokenKind: 'app', user: null, status: 200, at: '2026-11-28T10:00:00.000Z' });

describe('the emulator request log', () => {
  it('keeps every call while under its cap, oldest first', () => {
    const log = new RequestLog(5);
    for (let n = 1; n <= 5; n++) log.record(call(n));
    expect(log.list().map((entry) => entry.path)).toEqual([1, 2, 3, 4, 5].map((n) => `/beta/call/${n}`));
  });

  it('keeps only the newest calls past its cap, however many came', () => {
    const log = new RequestLog(5);
    for (let n = 1; n <= 23; n++) log.record(call(n));
    expect(log.list().map((entry) => entry.path)).toEqual([19, 20, 21, 22, 23].map((n) => `/beta/call/${n}`));
  });

  it('lets a caller fill in the status of an entry it recorded, and hands out copies', () => {
    const log = new RequestLog();
    const entry = log.record({ ...call(1), status: 0 });
    entry.status = 204;
    const [listed] = log.list();
    expect(listed!.status).toBe(204);
    listed!.status = 500;
    expect(log.list()[0]!.status).toBe(204);
  });

  it('bounds the demo bot: the default cap is 10,000 calls', () => {
    const log = new RequestLog();
    for (let n = 1; n <= 2 * REQUEST_LOG_ENTRIES + 7; n++) log.record(call(n));
    const listed = log.list();
    expect(REQUEST_LOG_ENTRIES).toBe(10_000);
    expect(listed).toHaveLength(REQUEST_LOG_ENTRIES);
    expect(listed.at(-1)!.path).toBe(`/beta/call/${2 * REQUEST_LOG_ENTRIES + 7}`);
  });
});
