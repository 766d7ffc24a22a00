/**
 * Scenario 6: the storage a Confirm waits on, alone, as busy conversations use it: callers at once, each
 * reading its action record, moving it on by compare-and-set, and appending an audit entry, in turn. One
 * row per store and operation, each store measured on a fresh, empty instance in the bench's process: the file
 * store (STORE_KINDS), and Azure Blob (blobStoreKind, measured by blobState.ts beside the Azurite it starts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AzureStorage } from '../../bot/config';
import { compareAndSet, createStores, type AuditEntry, type Stores } from '../../bot/store';
import { openBlobStores } from '../../bot/store/blob';
import { latencyOf, round, type Latency } from './stats';

export interface StoreKind {
  name: string;
  /** A fresh, empty store; `close` removes what the run left. */
  open(): Promise<{ stores: Stores; close(): Promise<void> }>;
}

export const STORE_KINDS: StoreKind[] = [
  {
    name: 'file store (DATA_DIR)',
    async open() {
      const dataDir = mkdtempSync(join(tmpdir(), 'syncops-bench-store-'));
      return { stores: createStores({ dataDir }), close: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
];

/** Azure Blob state in a fresh container of `connectionString`'s account (Azurite in the bench). */
export function blobStoreKind(connectionString: string, container: string): StoreKind {
  const storage: AzureStorage = { kind: 'connectionString', connectionString, container };
  return {
    name: 'Azure Blob (Azurite)',
    async open() {
      // The container goes with Azurite, which the bench stops after its Blob rows.
      return { stores: await openBlobStores(storage), close: async () => undefined };
    },
  };
}

export type StoreOp = 'read' | 'compare-and-set' | 'audit append';

export interface StoreMeasurement extends Latency {
  store: string;
  op: StoreOp;
  callers: number;
  opsPerSecond: number;
}

/** An action record about the size the Confirm path reads and writes (3 KB). */
const RECORD = { state: 'pending', plan: { effects: ['x'.repeat(1_000)], facts: [{ title: 'Graph call', value: 'y'.repeat(1_500) }] } };

export async function measureStores(callers: number, rounds: number, kinds: readonly StoreKind[] = STORE_KINDS): Promise<StoreMeasurement[]> {
  const measured: StoreMeasurement[] = [];
  for (const kind of kinds) {
    const { stores, close } = await kind.open();
    try {
      const keys = Array.from({ length: callers }, (_, i) => `actions/bench-${i}`);
      await Promise.all(keys.map((key) => stores.kv.write(key, { ...RECORD, round: 0 })));
      const ops: Record<StoreOp, (caller: number, round: number) => Promise<unknown>> = {
        read: (caller) => stores.kv.read(keys[caller]!),
        'compare-and-set': (caller, round) => compareAndSet(stores.kv, keys[caller]!, (current) => ({ ...(current as object), round })),
        'audit append': (caller, round) => stores.audit.append(auditEntry(caller, round)),
      };
      for (const [op, run] of Object.entries(ops) as [StoreOp, (caller: number, round: number) => Promise<unknown>][]) {
        measured.push({ store: kind.name, op, callers, ...(await timeCallers(callers, rounds, run)) });
      }
    } finally {
      await close();
    }
  }
  return measured;
}

/** `callers` loops at once, each running `rounds` operations one after another; latency of each operation. */
async function timeCallers(callers: number, rounds: number, run: (caller: number, round: number) => Promise<unknown>): Promise<Latency & { opsPerSecond: number }> {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: callers }, async (_, caller) => {
    for (let round = 1; round <= rounds; round++) {
      const at = performance.now();
      await run(caller, round);
      samples.push(performance.now() - at);
    }
  }));
  return { ...latencyOf(samples), opsPerSecond: round(samples.length / ((performance.now() - started) / 1000), 0) };
}

function auditEntry(caller: number, round: number): AuditEntry {
  return {
    at: new Date().toISOString(), event: 'confirmed', actionId: `bench-${caller}-${round}`, actor: { name: 'Ada Lovelace', aadObjectId: 'bench' },
    conversationId: `a:1bench-store-${caller}`, command: 'pauseProfile', target: 'Bench School (bench)', outcome: 'bench',
  };
}
