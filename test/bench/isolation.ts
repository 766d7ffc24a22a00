/**
 * Where the measured code runs. The bench runs each bot and the poll cycle in a process of its own, so
 * the load generator's and the emulator's CPU are not counted as theirs; the smoke test runs them all in
 * jest's process (no compiled child to fork there).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Channel, type Port } from './channel';
import { runPollClient, type Mark, type PollClient } from './pollCycle';
import { startTarget, type RunningTarget, type TargetKind, type TargetOptions } from './targets';
import { collectGarbage } from './stats';

export interface IsolatedTarget extends RunningTarget {
  /** A full garbage collection in the target's process: between warm-up and measurement. */
  collectGarbage(): Promise<void>;
  /** CPU time (user + system, ms) the target's process has used so far. */
  cpuMs(): Promise<number>;
}

export interface Isolation {
  readonly name: 'child processes' | 'one process';
  startTarget(kind: TargetKind, options: TargetOptions): Promise<IsolatedTarget>;
  runPollClient: PollClient;
}

export const inProcess: Isolation = {
  name: 'one process',
  async startTarget(kind, options) {
    return { ...(await startTarget(kind, options)), collectGarbage: async () => collectGarbage(), cpuMs: async () => cpuMs() };
  },
  runPollClient,
};

/** `node --expose-gc child.js` per target and per poll run; `childEntry` is the compiled child.js. */
export function childProcesses(childEntry = join(__dirname, 'child.js')): Isolation {
  const spawnChild = (handlers: Record<string, (payload: unknown) => Promise<unknown>> = {}): { child: ChildProcess; channel: Channel } => {
    // stdout is dropped: SyncOps logs a JSON line per command there, as deployed, and nobody reads it here.
    const child = fork(childEntry, [], { execArgv: [...CHILD_FLAGS, ...profileFlags()], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    return { child, channel: new Channel(child as unknown as Port, handlers) };
  };
  return {
    name: 'child processes',
    async startTarget(kind, options) {
      const { child, channel } = spawnChild();
      const target = await channel.request<Omit<RunningTarget, 'close'>>('start', { kind, options });
      return {
        ...target,
        collectGarbage: () => channel.request('gc'),
        cpuMs: () => channel.request<number>('cpu'),
        close: async () => {
          await channel.request('close');
          await stop(child);
        },
      };
    },
    async runPollClient(spec, mark) {
      const { child, channel } = spawnChild({ mark: (label) => mark(label as Parameters<Mark>[0]) });
      try {
        return await channel.request('poll', spec);
      } finally {
        await stop(child);
      }
    },
  };
}

const CHILD_FLAGS = ['--expose-gc', '--disable-warning=DEP0111'];

/**
 * `BENCH_CPU_PROF=<dir> npm run bench`: every bench process writes a V8 CPU profile (`.cpuprofile`, open it in
 * Chrome DevTools) into <dir> when it ends; how the findings in README › Performance were made.
 */
function profileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

export function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}


function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill();
  });
}
