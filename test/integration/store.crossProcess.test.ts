import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { FileStore } from '../../bot/store';

/**
 * Two real OS processes share one DATA_DIR. The store has no runtime dependencies, so it is
 * transpiled to plain CommonJS here and each child runs it with bare `node`.
 */
const CHILD = `
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const [storeDir, dataDir, name, increments] = process.argv.slice(2);
const { FileAuditLog, FileStore, FileLease, compareAndSet } = require(storeDir);
(async () => {
  process.stdout.write('ready\\n');
  while (!existsSync(join(dataDir, 'go'))) await new Promise((r) => setTimeout(r, 2));
  const store = new FileStore(join(dataDir, 'kv'));
  const claim = compareAndSet(store, 'actions/a1', (a) => (a && a.state === 'pending' ? { state: 'running', by: name } : undefined), { attempts: 10 });
  const lease = new FileLease(join(dataDir, 'leases', 'poller.json'), { holderId: name, ttlMs: 60000 }).acquire();
  const counted = (async () => {
    for (let i = 0; i < Number(increments); i++) await compareAndSet(store, 'counter', (n) => (n || 0) + 1, { attempts: 50 });
  })();
  const audit = new FileAuditLog(join(dataDir, 'audit'));
  const audited = Promise.all(Array.from({ length: 30 }, (_, i) => audit.append({
    at: '2025-03-14T10:00:00Z', event: 'succeeded', actor: { name }, conversationId: 'c1', command: 'pauseProfile',
    detail: { i, padding: 'x'.repeat(6000) },
  })));
  const [claimed, leased] = await Promise.all([claim, lease, counted, audited]);
  process.stdout.write(JSON.stringify({ name, claimed: claimed.changed, leased }) + '\\n');
})().catch((error) => { process.stderr.write(String(error && error.stack)); process.exit(1); });
`;

interface ChildReport {
  name: string;
  claimed: boolean;
  leased: boolean;
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'syncops-xproc-'));
  const out = join(root, 'store');
  mkdirSync(out);
  const source = join(__dirname, '../../bot/store');
  for (const file of readdirSync(source).filter((name) => name.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(source, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
  writeFileSync(join(root, 'child.js'), CHILD);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function startChild(dataDir: string, name: string, increments: number) {
  const child = spawn(process.execPath, [join(root, 'child.js'), join(root, 'store'), dataDir, name, String(increments)]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith('ready\n')) resolve();
    }),
  );
  const report = new Promise<ChildReport>((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(stdout.split('\n')[1]) as ChildReport) : reject(new Error(`${name} exited ${code}: ${stderr}`)),
    ),
  );
  return { ready, report };
}

it('runs a claim once, hands the lease to one process, and loses no increment or audit line across two processes', async () => {
  const dataDir = join(root, 'data');
  await new FileStore(join(dataDir, 'kv')).write('actions/a1', { state: 'pending' });
  const children = [startChild(dataDir, 'p1', 50), startChild(dataDir, 'p2', 50)];
  await Promise.all(children.map((child) => child.ready));
  writeFileSync(join(dataDir, 'go'), '');
  const reports = await Promise.all(children.map((child) => child.report));

  expect(reports.filter((report) => report.claimed)).toHaveLength(1);
  expect(reports.filter((report) => report.leased)).toHaveLength(1);
  const store = new FileStore(join(dataDir, 'kv'));
  expect((await store.read('counter'))?.value).toBe(100);
  expect((await store.read('actions/a1'))?.value).toEqual({ state: 'running', by: reports.find((r) => r.claimed)?.name });
  const lines = readFileSync(join(dataDir, 'audit', '2025-03-14.jsonl'), 'utf8').split('\n');
  expect(lines.pop()).toBe('');
  const writers = lines.map((line) => (JSON.parse(line) as { actor: { name: string } }).actor.name);
  expect(writers.filter((name) => name === 'p1')).toHaveLength(30);
  expect(writers.filter((name) => name === 'p2')).toHaveLength(30);
});
