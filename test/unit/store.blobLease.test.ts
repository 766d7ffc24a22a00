/**
 * BlobLease's own timing, with a fake lease client in place of Azure (the lease's rules themselves are
 * checked against Azurite in store.conformance.test.ts): Azure's 15–60 s bounds, and the renewal every third
 * of the duration that keeps a live leader's lease between poll cycles and lets a dead one's lapse.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { BlobContainer, BlobLease } from '../../bot/store/blob';

class FakeLeaseClient {
  acquired: number[] = [];
  renewals = 0;
  released = 0;
  renewFailure?: { statusCode: number; code: string };

  async acquireLease(duration: number) {
    this.acquired.push(duration);
    return {};
  }

  async renewLease() {
    this.renewals += 1;
    if (this.renewFailure) throw this.renewFailure;
    return {};
  }

  async releaseLease() {
    this.released += 1;
    return {};
  }
}

let leaseClient: FakeLeaseClient;
let container: BlobContainer;
beforeEach(() => {
  jest.useFakeTimers();
  leaseClient = new FakeLeaseClient();
  const client = { getBlobClient: () => ({ getBlobLeaseClient: () => leaseClient }) } as unknown as ContainerClient;
  container = new BlobContainer(client);
});
afterEach(() => jest.useRealTimers());

it.each([
  [5_000, 15],
  [30_000, 30],
  [180_000, 60],
])('asks Azure for a lease within its 15-60 s bounds (ttl %i ms → %i s)', async (ttlMs, seconds) => {
  const lease = new BlobLease(container, 'poller', { ttlMs });
  expect(await lease.acquire()).toBe(true);
  expect(leaseClient.acquired).toEqual([seconds]);
  await lease.release();
});

it('renews every third of the lease while held, and stops once released', async () => {
  const lease = new BlobLease(container, 'poller', { ttlMs: 15_000 });
  await lease.acquire();
  await jest.advanceTimersByTimeAsync(4_999);
  expect(leaseClient.renewals).toBe(0);
  await jest.advanceTimersByTimeAsync(10_001);
  expect(leaseClient.renewals).toBe(3);
  await lease.release();
  expect(leaseClient.released).toBe(1);
  await jest.advanceTimersByTimeAsync(60_000);
  expect(leaseClient.renewals).toBe(3);
});

it('stops renewing once a renewal finds the lease taken, and answers renew() with false from then on', async () => {
  const lease = new BlobLease(container, 'poller', { ttlMs: 15_000 });
  await lease.acquire();
  leaseClient.renewFailure = { statusCode: 409, code: 'LeaseIdMismatchWithLeaseOperation' };
  await jest.advanceTimersByTimeAsync(5_000);
  expect(leaseClient.renewals).toBe(1);
  await jest.advanceTimersByTimeAsync(30_000);
  expect(leaseClient.renewals).toBe(1);
  expect(await lease.renew()).toBe(false);
});

it('reports a renewal storage could not answer, and keeps the lease until Azure says otherwise', async () => {
  const failures: unknown[] = [];
  const lease = new BlobLease(container, 'poller', { ttlMs: 15_000 }, (error) => failures.push(error));
  await lease.acquire();
  leaseClient.renewFailure = { statusCode: 503, code: 'ServerBusy' };
  await jest.advanceTimersByTimeAsync(5_000);
  expect(failures).toEqual([expect.objectContaining({ code: 'storageUnavailable' })]);
  leaseClient.renewFailure = undefined;
  expect(await lease.renew()).toBe(true);
  await lease.release();
});
