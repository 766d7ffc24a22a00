/**
 * Scenario 4: poll cycles over thousands of watched objects, in a process of their own, so its CPU time
 * and peak RSS are the cycle's (the emulator answering it lives in the bench's main process). Two ways:
 * - `poller`: the bot's own Poller.runCycle(), in a bot started as `npm start` does, with its watches in
 *   the file store: what production runs;
 * - `reads`: only the batched Graph reads a cycle makes (GraphGateway.getProfileStatuses + listJobsOfMany),
 *   to tell the cost of Graph from the cost of everything else.
 */
import { mintDemoAppToken } from '../../bot/emulator';
import { GraphRequester } from '../../bot/graph/requester';
import { GraphGateway } from '../../bot/graph/gateway';
import { READ_SLICE } from '../../bot/notify/reader';
import { benchAppId, benchProfileId, startGrownEmulator, type TenantSize } from './grownTenant';
import { wireRequests } from './emulatorControl';
import type { KeyCounts } from './countingStore';
import { runPollerCycles } from './pollerCycle';
import { collectGarbage, round } from './stats';

export type PollMode = 'poller' | 'reads';

/** What the polling process needs: where the emulator is, and what is watched. */
export interface PollClientSpec extends TenantSize {
  mode: PollMode;
  baseUrl: string;
  caCert: string;
  cycles: number;
  /** Channels the watches are spread over (poller mode). */
  conversations: number;
  /** Poller mode: keep the bot's state in this Azure Blob container (Azurite) instead of the file store. */
  storage?: BlobStorageSpec;
}

export interface BlobStorageSpec {
  connectionString: string;
  container: string;
}

export interface CycleUsage {
  cpuMs: number;
  wallMs: number;
  /** Objects whose read came back: a cycle that lost some would look cheaper than it is. */
  objectsRead: number;
}

export interface PollClientResult {
  cycles: CycleUsage[];
  /** RSS once set up, before the first cycle, and the process's peak. */
  rssBeforeMb: number;
  peakRssMb: number;
  /** Poller mode, per cycle: the most store reads and writes any one conversation's subscription record had. */
  subscriptionTouches?: KeyCounts[];
}

/** `setup` ends the set-up (its requests are not counted); `cycle` ends a cycle. */
export type Mark = (label: 'setup' | 'cycle') => Promise<void>;

export interface PollMeasurement extends PollClientResult {
  mode: PollMode;
  /** Per cycle, counted at the emulator: HTTP requests ($batch = 1) and the reads inside them. */
  requests: number[];
  batchedReads: number[];
  /** The fewest requests that read every object: the poller shares batches between profiles and apps. */
  expectedRequests: number;
}

export interface PollReport {
  size: TenantSize & { conversations: number };
  poller: PollMeasurement;
  reads: PollMeasurement;
}

export type PollClient = (spec: PollClientSpec, mark: Mark) => Promise<PollClientResult>;

/** Runs in the polling process. */
export function runPollClient(spec: PollClientSpec, mark: Mark): Promise<PollClientResult> {
  return spec.mode === 'poller' ? runPollerCycles(spec, mark) : runReadCycles(spec, mark);
}

/** Serves the grown tenant, then has `client` poll it both ways, counting each cycle's requests at the emulator. */
export async function measurePolling(size: TenantSize & { conversations: number }, cycles: number, client: PollClient): Promise<PollReport> {
  const emulator = await startGrownEmulator(size);
  try {
    const measure = (mode: PollMode) => measurePollMode(emulator, { ...size, mode, cycles }, client);
    return { size, poller: await measure('poller'), reads: await measure('reads') };
  } finally {
    await emulator.close();
  }
}

/** The bot's poll cycle with its state in an Azure Blob container, on a grown tenant of its own. */
export async function measureBlobPolling(size: TenantSize & { conversations: number }, cycles: number, client: PollClient, storage: BlobStorageSpec): Promise<PollMeasurement> {
  const emulator = await startGrownEmulator(size);
  try {
    return await measurePollMode(emulator, { ...size, mode: 'poller', cycles, storage }, client);
  } finally {
    await emulator.close();
  }
}

type GrownEmulator = Awaited<ReturnType<typeof startGrownEmulator>>;

/** Has `client` poll the emulator, counting each cycle's requests there. */
async function measurePollMode(emulator: GrownEmulator, spec: Omit<PollClientSpec, 'baseUrl' | 'caCert'>, client: PollClient): Promise<PollMeasurement> {
  const requests: number[] = [];
  const batchedReads: number[] = [];
  const mark: Mark = async (label) => {
    const log = emulator.log.list();
    emulator.log.clear();
    if (label === 'setup') return;
    const wire = wireRequests(log).length;
    requests.push(wire);
    batchedReads.push(log.length - wire);
  };
  emulator.log.clear();
  const result = await client({ ...spec, baseUrl: emulator.baseUrl, caCert: emulator.caCert }, mark);
  return { ...result, mode: spec.mode, requests, batchedReads, expectedRequests: expectedRequests(spec.mode, spec) };
}

function expectedRequests(mode: PollMode, size: TenantSize): number {
  return mode === 'poller' ? Math.ceil((size.profiles + size.apps) / 20) : Math.ceil(size.profiles / 20) + Math.ceil(size.apps / 20);
}

async function runReadCycles(spec: PollClientSpec, mark: Mark): Promise<PollClientResult> {
  const token = mintDemoAppToken(); // an app token, kept as @azure/identity keeps one
  const graph = new GraphRequester({ baseUrl: spec.baseUrl, tokens: { getAccessToken: async () => token }, timeoutMs: 30_000, retryDeadlineMs: 0, caCert: spec.caCert });
  const gateway = new GraphGateway(graph);
  const profileIds = Array.from({ length: spec.profiles }, (_, i) => benchProfileId(i));
  const appIds = Array.from({ length: spec.apps }, (_, i) => benchAppId(i));
  try {
    await mark('setup');
    // A slice at a time, as the poller reads (bot/notify/reader.ts): holding all 12,000 raw answers at once
    // measured this client's memory, not what the cycle's Graph reads cost.
    return await measureCycles(spec.cycles, mark, async () => {
      let read = 0;
      for (let start = 0; start < profileIds.length; start += READ_SLICE) read += (await gateway.getProfileStatuses(profileIds.slice(start, start + READ_SLICE))).size;
      for (let start = 0; start < appIds.length; start += READ_SLICE) read += (await gateway.listJobsOfMany(appIds.slice(start, start + READ_SLICE))).size;
      return read;
    });
  } finally {
    await graph.close();
  }
}

/** CPU and wall time of each `cycle()`, which returns how many objects it read. */
export async function measureCycles(count: number, mark: Mark, cycle: () => Promise<number>): Promise<PollClientResult> {
  // The set-up (12,000 watches written and their baselines read at once) leaves garbage no running bot has: between
  // cycles, minutes apart, V8's memory reducer collects it while the bot is idle. Counted, it added about 30 MB to the peak.
  collectGarbage();
  const rssBeforeMb = round(process.memoryUsage().rss / 2 ** 20, 1);
  const cycles: CycleUsage[] = [];
  for (let n = 0; n < count; n++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const objectsRead = await cycle();
    const used = process.cpuUsage(cpu);
    cycles.push({ cpuMs: round((used.user + used.system) / 1000, 0), wallMs: round(performance.now() - started, 0), objectsRead });
    await mark('cycle');
  }
  return { cycles, rssBeforeMb, peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1) };
}
