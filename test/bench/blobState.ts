/**
 * Scenario 5: the bot's state in Azure Blob Storage (Azurite, started here in a process of its own, as Azure's
 * side would be) beside the file store, in the same run so the ratio shares the machine's noise: Confirm
 * clicks on two bots, one per store, in interleaved slices; then the poll cycle over the grown tenant with
 * its watches in a Blob container, counting how often each subscription record is read and written; then the
 * store alone, as scenario 6 measures the file store.
 */
import { startAzurite } from '../support/azurite';
import type { FakeConnector } from '../support/fakeConnector';
import { slice, targetOptions, type BenchSettings } from './bench';
import { confirmScenario } from './confirmLoad';
import type { IsolatedTarget, Isolation } from './isolation';
import { summarize, type LoadResult, type Slice } from './load';
import { measureBlobPolling, type BlobStorageSpec, type PollMeasurement } from './pollCycle';
import { blobStoreKind, measureStores, type StoreMeasurement } from './storeOps';

export interface BlobStateReport {
  confirmFile: LoadResult;
  confirmBlob: LoadResult;
  poll: PollMeasurement;
  /** The Blob store alone, with the file store's callers and rounds; absent when the bench measures no store alone. */
  stores?: StoreMeasurement[];
}

/** Blob adds network round trips to a click; half the main load's measured time is enough to see by how much. */
const SHARE_OF_LOAD_TIME = 0.5;
/** A slice shorter than this can end before a propose + Confirm pair on Blob state completes. */
const MIN_SLICE_MS = 1_000;

export async function measureBlobState(settings: Omit<BenchSettings, 'botEntry'>, isolation: Isolation, connector: FakeConnector): Promise<BlobStateReport> {
  const azurite = await startAzurite();
  const storage = (container: string): BlobStorageSpec => ({ connectionString: azurite.connectionString, container });
  const targets: IsolatedTarget[] = [];
  try {
    const start = async (blob?: BlobStorageSpec) => {
      targets.push(await isolation.startTarget('syncops', { ...targetOptions(isolation), ...(blob ? { storage: blob } : {}) }));
      return targets[targets.length - 1]!;
    };
    const { connections, warmupMs, durationMs, rounds } = settings.load;
    const scenarios = [await confirmScenario(await start(), connector, connections), await confirmScenario(await start(storage('bench-confirm')), connector, connections)];
    for (const scenario of scenarios) await slice(scenario, Math.max(MIN_SLICE_MS, warmupMs));
    const slices: [Slice[], Slice[]] = [[], []];
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < 2; i++) {
        const which = (i + round) % 2;
        slices[which]!.push(await slice(scenarios[which]!, Math.max(MIN_SLICE_MS, (durationMs * SHARE_OF_LOAD_TIME) / rounds)));
      }
    }
    const { cycles, ...size } = settings.poll;
    const poll = await measureBlobPolling(size, cycles, isolation.runPollClient, storage('bench-poll'));
    const stores = settings.stores
      ? await measureStores(settings.stores.callers, settings.stores.rounds, [blobStoreKind(azurite.connectionString, 'bench-stores')])
      : undefined;
    return { confirmFile: summarize(slices[0]), confirmBlob: summarize(slices[1]), poll, ...(stores ? { stores } : {}) };
  } finally {
    for (const target of targets) await target.close();
    await azurite.stop();
  }
}
