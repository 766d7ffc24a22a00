import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditEntry, FileAuditLog } from '../../bot/store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncops-audit-tail-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const AT = '2025-03-14T10:00:00.000Z';
const FILE = () => join(dir, '2025-03-14.jsonl');

function entry(i: number): AuditEntry {
  return { at: AT, event: 'succeeded', actor: { name: 'Ada' }, conversationId: 'c1', command: 'pauseProfile', detail: { i } };
}

describe('FileAuditLog after its own last write', () => {
  it('appends on the same line run when nothing was written since its own write (no torn tail to fix)', async () => {
    const log = new FileAuditLog(dir);
    await log.append(entry(1));
    await log.append(entry(2));
    expect(readFileSync(FILE(), 'utf8')).toBe(`${JSON.stringify(entry(1))}\n${JSON.stringify(entry(2))}\n`);
  });

  it('still starts a fresh line when another writer left a torn tail after its own write', async () => {
    const skipped: number[] = [];
    const log = new FileAuditLog(dir, { onSkippedLine: (_file, line) => skipped.push(line) });
    await log.append(entry(1));
    appendFileSync(FILE(), '{"at":"2025-03-14T10:0'); // a second process, killed mid-write
    await log.append(entry(2));
    expect((await log.recent('c1', 5)).map((e) => e.detail?.i)).toEqual([2, 1]);
    expect(skipped).toEqual([2]);
  });
});
