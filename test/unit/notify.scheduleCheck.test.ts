/** The poller's own timer for scheduled changes: every 30 s in the lease holder, whatever the poll interval. */
import { Poller, SCHEDULE_CHECK_MS, type PollerDeps } from '../../bot/notify/poller';
import { captureLogs } from '../support/logCapture';

function pollerWith(intervalMs: number, isLeader = true) {
  const due: number[] = [];
  const deps = {
    intervalMs, log: captureLogs().log, clock: { now: () => new Date(), sleep: async () => undefined },
    lease: { acquire: async () => isLeader, renew: async () => isLeader, release: async () => undefined },
    scheduler: { runDue: async () => due.push(Date.now()) },
  } as unknown as PollerDeps;
  return { poller: new Poller(deps), due };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('checks due schedules every 30 s when polling every 15 minutes', async () => {
  const { poller, due } = pollerWith(15 * 60_000);
  poller.start();
  await jest.advanceTimersByTimeAsync(SCHEDULE_CHECK_MS * 3);
  expect(due).toHaveLength(3);
  await poller.stop();
});

it('checks nothing outside the lease holder', async () => {
  const { poller, due } = pollerWith(15 * 60_000, false);
  poller.start();
  await jest.advanceTimersByTimeAsync(SCHEDULE_CHECK_MS * 3);
  expect(due).toEqual([]);
  await poller.stop();
});

it('stops checking on stop()', async () => {
  const { poller, due } = pollerWith(15 * 60_000);
  poller.start();
  await poller.stop();
  await jest.advanceTimersByTimeAsync(SCHEDULE_CHECK_MS * 3);
  expect(due).toEqual([]);
});
