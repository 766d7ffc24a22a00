import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const REPO = join(__dirname, '../..');

/**
 * The bot in a real OS process of its own, so a test can kill -9 it mid-call. The sources are
 * transpiled to CommonJS once per test file (no build step), and the child runs them with bare node.
 */
export class ChildBot {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly pid: number,
  ) {}

  /** Starts the bot on `env` (PORT 0), takes the poller lease with one cycle, and resolves once it serves. */
  static async start(build: string, env: Record<string, string>, graphCaCert: string): Promise<ChildBot> {
    const caFile = join(build, `ca-${Date.now()}.pem`);
    writeFileSync(caFile, graphCaCert);
    const child = spawn(process.execPath, [join(build, 'child.js'), JSON.stringify(env), caFile], {
      env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const ready = /^ready (\S+)$/m.exec(stdout);
        if (ready) resolve(ready[1]!);
      });
      child.once('exit', (code) => reject(new Error(`child bot exited ${code}: ${stderr}`)));
    });
    return new ChildBot(child, url, child.pid!);
  }

  /** Posts an activity to the child's /api/messages. */
  async post(activity: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** SIGKILL: no shutdown, no release of anything; resolves once the process is gone. */
  async kill9(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

/** Transpiles bot/ and cards/ into a temp folder with the child's entry point; returns the folder. */
export function buildChildBot(): string {
  const out = mkdtempSync(join(tmpdir(), 'syncops-child-'));
  for (const folder of ['bot', 'cards']) copyTree(join(REPO, folder), join(out, folder));
  writeFileSync(join(out, 'child.js'), CHILD);
  return out;
}

export function removeChildBuild(build: string): void {
  rmSync(build, { recursive: true, force: true });
}

function copyTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) {
      copyTree(source, join(to, entry.name));
      continue;
    }
    const target = join(to, relative(from, source));
    mkdirSync(dirname(target), { recursive: true });
    if (entry.name.endsWith('.json')) copyFileSync(source, target);
    else if (entry.name.endsWith('.ts')) {
      const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
      });
      writeFileSync(target.replace(/\.ts$/, '.js'), outputText);
    }
  }
}

const CHILD = `
const { readFileSync } = require('node:fs');
const { startApp } = require('./bot/app');
const { loadConfig } = require('./bot/config');
const { createLogger } = require('./bot/log');
(async () => {
  const config = loadConfig(JSON.parse(process.argv[2]));
  const app = await startApp(config, { log: createLogger('fatal'), graphCaCert: readFileSync(process.argv[3], 'utf8'), runningAfterMs: 300 });
  await app.poller.runCycle();
  process.stdout.write('ready ' + app.url + '\\n');
})().catch((error) => { process.stderr.write(String(error && error.stack)); process.exit(1); });
`;
