/**
 * The bot as a real OS process of its own, for tests where instances must not share memory (two instances
 * on one Azure container, a kill -9). bot/ and cards/ are transpiled to CommonJS once per test file
 * (no type-check: `npm run build` does that), and each child runs it with bare `node`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '../..');

/** What the child runs: the real startApp with its config from the environment, logging JSON lines on stdout. */
const CHILD = `
const { readFileSync } = require('node:fs');
const { startApp } = require('./bot/app');
const { loadConfig } = require('./bot/config');
const { createLogger } = require('./bot/log');
(async () => {
  const config = loadConfig(process.env);
  const app = await startApp(config, {
    log: createLogger(config.logLevel), isPolling: true,
    graphCaCert: readFileSync(process.env.TEST_GRAPH_CA_FILE, 'utf8'),
    notify: { leaseTtlMs: Number(process.env.TEST_LEASE_TTL_MS) },
  });
  process.stdout.write(JSON.stringify({ event: 'test.ready', url: app.url }) + '\\n');
})().catch((error) => { process.stderr.write(String(error && error.stack)); process.exit(1); });
`;

/** Transpiles bot/ and cards/ into a temp folder; returns it. The caller removes it with `rmSync`. */
export function transpileBot(): string {
  const out = mkdtempSync(join(tmpdir(), 'syncops-proc-'));
  for (const folder of ['bot', 'cards']) {
    for (const file of filesUnder(join(ROOT, folder))) {
      const target = join(out, relative(ROOT, file));
      mkdirSync(dirname(target), { recursive: true });
      if (file.endsWith('.json')) {
        cpSync(file, target);
      } else if (file.endsWith('.ts')) {
        const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        });
        writeFileSync(target.replace(/\.ts$/, '.js'), outputText);
      }
    }
  }
  writeFileSync(join(out, 'child.js'), CHILD);
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export interface LogLine {
  event?: string;
  [field: string]: unknown;
}

export class BotProcess {
  readonly lines: LogLine[] = [];
  url = '';
  private stderr = '';

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {}

  /** Starts `node child.js` with the given environment and waits until it listens. */
  static async start(name: string, dir: string, env: Record<string, string>): Promise<BotProcess> {
    const child = spawn(process.execPath, [join(dir, 'child.js')], {
      cwd: dir, env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules'), PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const bot = new BotProcess(name, child);
    await bot.ready();
    return bot;
  }

  /** Log lines of one event, in order. */
  events(event: string): LogLine[] {
    return this.lines.filter((line) => line.event === event);
  }

  get isAlive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no shutdown, no lease release, nothing flushed. */
  async kill(): Promise<void> {
    await this.stop('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.isAlive) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    await exited;
  }

  private ready(): Promise<void> {
    let partial = '';
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
      this.child.stdout?.on('data', (chunk: Buffer) => {
        partial += chunk.toString();
        const complete = partial.split('\n');
        partial = complete.pop() ?? '';
        for (const text of complete) {
          const line = parseLine(text);
          this.lines.push(line);
          if (line.event === 'test.ready') {
            this.url = String(line.url);
            resolve();
          }
        }
      });
      this.child.once('exit', (code) => reject(new Error(`${this.name} exited (${code}) before it was ready: ${this.stderr}`)));
    });
  }
}

function parseLine(text: string): LogLine {
  try {
    return JSON.parse(text) as LogLine;
  } catch {
    return { event: 'test.text', text };
  }
}

/** Removes a transpiled bot folder. */
export function removeTranspiled(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
