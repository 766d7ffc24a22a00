/** A bench process of its own: one bot under load, or one run of poll cycles; driven over IPC by main.ts. */
import { Channel, type Port } from './channel';
import { cpuMs } from './isolation';
import { collectGarbage } from './stats';
import { runPollClient, type PollClientSpec } from './pollCycle';
import { startTarget, type RunningTarget, type TargetKind, type TargetOptions } from './targets';

let target: RunningTarget | undefined;

const parent: Channel = new Channel(process as unknown as Port, {
  async start(payload) {
    const { kind, options } = payload as { kind: TargetKind; options: TargetOptions };
    target = await startTarget(kind, options);
    return { url: target.url, ...(target.emulator ? { emulator: target.emulator } : {}) };
  },
  async gc() {
    collectGarbage();
  },
  cpu: async () => cpuMs(),
  async close() {
    await target?.close();
  },
  poll: (spec) => runPollClient(spec as PollClientSpec, (label) => parent.request('mark', label)),
});

// A CPU profile (BENCH_CPU_PROF) is written only when the process exits on its own; the bench stops it with SIGTERM.
process.on('SIGTERM', () => process.exit(0));
