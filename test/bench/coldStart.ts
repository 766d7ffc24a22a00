/**
 * Scenario 5: from spawning `node dist/bot/index.js` (what `npm start` runs after its build) to the first
 * 200 from /healthz, against `node -e` of an empty restify server with the same route. Runs alternate, and
 * each side reports its median.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { median, round } from './stats';

export interface ColdStart {
  botMs: number;
  restifyMs: number;
  runs: { botMs: number[]; restifyMs: number[] };
}

const READY_WITHIN_MS = 20_000;
const PROBE_EVERY_MS = 5;

export async function measureColdStart(botEntry: string, runs: number): Promise<ColdStart> {
  const restify = require.resolve('restify');
  const emptyServer = `const restify = require(${JSON.stringify(restify)}); const server = restify.createServer();`
    + ` server.get('/healthz', async (req, res) => { res.send(200, { status: 'ok' }); }); server.listen(Number(process.env.PORT), '127.0.0.1');`;
  const botMs: number[] = [];
  const restifyMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    botMs.push(await timeToHealthy([botEntry]));
    restifyMs.push(await timeToHealthy(['-e', emptyServer]));
  }
  return { botMs: round(median(botMs), 0), restifyMs: round(median(restifyMs), 0), runs: { botMs, restifyMs } };
}

/** Spawns node with `args` on a free port and probes /healthz until it answers 200. */
async function timeToHealthy(args: string[]): Promise<number> {
  const port = await freePort();
  // A directory of its own: no .env of a developer is read, and nothing is left behind.
  const cwd = mkdtempSync(join(tmpdir(), 'syncops-cold-'));
  const env = { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: join(cwd, 'data') };
  const started = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...args], { cwd, env, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    while (performance.now() - started < READY_WITHIN_MS) {
      if (child.exitCode !== null) throw new Error(`node ${args[0]} exited with ${child.exitCode} before it was ready`);
      if (await isHealthy(port)) return round(performance.now() - started, 0);
      await sleep(PROBE_EVERY_MS);
    }
    throw new Error(`node ${args[0]} was not healthy within ${READY_WITHIN_MS} ms`);
  } finally {
    child.kill();
    await exited;
    rmSync(cwd, { recursive: true, force: true });
  }
}

async function isHealthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false; // not listening yet: probe again
  }
}

/** A port the OS just handed out; PORT=0 cannot be probed from outside. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
