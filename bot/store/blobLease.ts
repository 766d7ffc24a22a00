import { randomUUID } from 'node:crypto';
import { type BlobContainer, statusOf } from './blobContainer';
import { PreconditionFailedError } from './keyValue';
import type { Lease, LeaseOptions } from './lease';

/** Azure allows blob leases of 15 to 60 seconds (or infinite): https://learn.microsoft.com/rest/api/storageservices/lease-blob */
const MIN_SECONDS = 15;
const MAX_SECONDS = 60;

/** Called when a background renewal could not reach storage; the lease is then still ours until it expires. */
export type RenewalFailed = (error: unknown) => void;

/**
 * A blob lease on `leases/<name>`: Azure, not our clocks, decides who holds it, so instances need no clock
 * agreement. The poller's ttl is clamped to Azure's 15–60 s; while held, the lease renews itself every third
 * of that, so a live leader keeps it between poll cycles and a killed or hung one loses it within one lease
 * period. Renewing an expired lease still works if nobody took the blob meanwhile (Lease Blob, Renew), the
 * same rule FileLease follows.
 */
export class BlobLease implements Lease {
  private readonly leaseId = randomUUID();
  private readonly durationSeconds: number;
  private isHeld = false;
  private keepAlive?: NodeJS.Timeout;

  constructor(
    private readonly blobs: BlobContainer,
    private readonly name: string,
    options: Pick<LeaseOptions, 'ttlMs'>,
    private readonly onRenewalFailed: RenewalFailed = () => undefined,
  ) {
    if (!(options.ttlMs > 0)) throw new Error('Lease ttlMs must be positive');
    this.durationSeconds = Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, Math.round(options.ttlMs / 1000)));
  }

  async acquire(): Promise<boolean> {
    if (this.isHeld && (await this.renew())) return true;
    let answer = await this.tryTake();
    if (answer === 'noBlob') {
      // A lease needs a blob: the first instance creates it; another's create-only write fails harmlessly.
      await this.blobs.upload(this.blobName, '{}', { ifNoneMatch: '*' }).catch((failure: unknown) => {
        if (!(failure instanceof PreconditionFailedError)) throw failure;
      });
      answer = await this.tryTake();
    }
    if (answer !== 'taken') return false;
    this.hold();
    return true;
  }

  async renew(): Promise<boolean> {
    if (!this.isHeld) return false;
    try {
      await this.blobs.call((abortSignal) => this.leaseClient().renewLease({ abortSignal }));
      return true;
    } catch (error) {
      // 409 (LeaseIdMismatch…, LeaseNotPresent…): someone else took the blob after our lease expired.
      if (statusOf(error) !== 409 && statusOf(error) !== 412) throw error;
      this.letGo();
      return false;
    }
  }

  async release(): Promise<void> {
    if (!this.isHeld) return;
    this.letGo();
    try {
      await this.blobs.call((abortSignal) => this.leaseClient().releaseLease({ abortSignal }));
    } catch (error) {
      // 409: it had already expired and passed to someone else, which is what releasing wants anyway.
      if (statusOf(error) !== 409) throw error;
    }
  }

  private get blobName(): string {
    return `leases/${this.name}`;
  }

  private leaseClient() {
    return this.blobs.client.getBlobClient(this.blobName).getBlobLeaseClient(this.leaseId);
  }

  private async tryTake(): Promise<'taken' | 'busy' | 'noBlob'> {
    try {
      await this.blobs.call((abortSignal) => this.leaseClient().acquireLease(this.durationSeconds, { abortSignal }));
      return 'taken';
    } catch (error) {
      if (statusOf(error) === 409) return 'busy'; // LeaseAlreadyPresent: another instance leads
      if (statusOf(error) === 404) return 'noBlob';
      throw error;
    }
  }

  private hold(): void {
    this.isHeld = true;
    this.keepAlive ??= setInterval(() => {
      this.renew().catch((error: unknown) => this.onRenewalFailed(error));
    }, (this.durationSeconds * 1000) / 3);
    this.keepAlive.unref();
  }

  private letGo(): void {
    this.isHeld = false;
    clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }
}
