/** `npm run bench`: runs every scenario, prints the table, keeps the numbers in .bench/ for tools. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL_SETTINGS, runBench } from './bench';
import { checkGoals } from './goals';
import { childProcesses } from './isolation';
import { renderTable } from './report';

/** dist/test/bench → the project root. */
const ROOT = join(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const started = performance.now();
  const report = await runBench({ ...FULL_SETTINGS, botEntry: join(ROOT, 'dist', 'bot', 'index.js') }, childProcesses(), (line) => console.error(line));
  const checks = checkGoals(report);
  const outDir = join(ROOT, '.bench');
  mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify({ ...report, checks }, null, 2);
  const file = join(outDir, `bench-${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(join(outDir, 'latest.json'), json);
  console.log(renderTable(report, checks));
  const failed = checks.filter((c) => c.isGating && !c.isMet);
  console.log(`\n${file} · ${Math.round((performance.now() - started) / 1000)} s`);
  if (failed.length) {
    console.log(`FAILED: ${failed.map((c) => `${c.what} (${c.miss})`).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
