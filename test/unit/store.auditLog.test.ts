import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditEntry, type AuditLog, FileAuditLog, MemoryAuditLog } from '../../bot/store';
import * as atomicFile from '../../bot/store/atomicFile';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncops-audit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function entry(conversationId: string, at: string, event = 'succeeded', detail?: Record<string, unknown>): AuditEntry {
  return {
    at, event, conversationId, detail,
    actionId: `act-${at}`, actor: { aadObjectId: 'oid-ada', name: 'Ada Lovelace' }, tenantId: 't1',
    command: 'pauseProfile', target: 'profile-1', graphRequestId: 'req-1', outcome: 'paused',
  };
}

const at = (day: number, minute = 0) => new Date(Date.UTC(2025, 2, day, 10, minute)).toISOString();

describe.each([
  ['FileAuditLog', () => new FileAuditLog(dir)],
  ['MemoryAuditLog', () => new MemoryAuditLog()],
])('%s', (_name, newLog: () => AuditLog) => {
  it('returns a conversation’s entries newest first, across days, up to the limit', async () => {
    const log = newLog();
    for (const time of [at(1), at(1, 5), at(2), at(3)]) await log.append(entry('c1', time));
    await log.append(entry('c2', at(3, 1)));
    const recent = await log.recent('c1', 3);
    expect(recent.map((e) => e.at)).toEqual([at(3), at(2), at(1, 5)]);
    expect(recent[0]).toEqual(entry('c1', at(3)));
  });

  it('returns nothing for another conversation, or for a limit of 0', async () => {
    const log = newLog();
    await log.append(entry('c1', at(1)));
    expect(await log.recent('c2', 10)).toEqual([]);
    expect(await log.recent('c1', 0)).toEqual([]);
  });

  it.each([
    ['an unparseable time', { at: 'yesterday' }],
    ['no conversation', { conversationId: '' }],
    ['no command', { command: '' }],
  ])('rejects an entry with %s and records nothing', async (_what, change) => {
    const log = newLog();
    await expect(log.append({ ...entry('c1', at(1)), ...change })).rejects.toThrow();
    expect(await log.recent('c1', 10)).toEqual([]);
  });
});

describe('FileAuditLog', () => {
  it('writes one JSON line per entry in a file named for the entry’s UTC day', async () => {
    await new FileAuditLog(dir).append(entry('c1', '2025-03-14T23:30:00-02:00'));
    expect(readdirSync(dir)).toEqual(['2025-03-15.jsonl']);
    expect(readFileSync(join(dir, '2025-03-15.jsonl'), 'utf8')).toBe(`${JSON.stringify(entry('c1', '2025-03-14T23:30:00-02:00'))}\n`);
  });

  it('keeps entries across a restart (a new instance on the same directory)', async () => {
    await new FileAuditLog(dir).append(entry('c1', at(1)));
    await new FileAuditLog(dir).append(entry('c1', at(2)));
    expect((await new FileAuditLog(dir).recent('c1', 5)).map((e) => e.at)).toEqual([at(2), at(1)]);
  });

  it('keeps 200 concurrent appends from two instances as 200 whole lines', async () => {
    const logs = [new FileAuditLog(dir), new FileAuditLog(dir)];
    const big = 'x'.repeat(8_000);
    await Promise.all(Array.from({ length: 200 }, (_, i) => logs[i % 2].append(entry('c1', at(1), 'succeeded', { i, big }))));
    const lines = readFileSync(join(dir, `${at(1).slice(0, 10)}.jsonl`), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const seen = lines.map((line) => (JSON.parse(line) as AuditEntry).detail?.i);
    expect(new Set(seen).size).toBe(200);
  });

  it('keeps one instance’s concurrent appends in call order, each on disk when its promise resolves', async () => {
    const log = new FileAuditLog(dir);
    const file = join(dir, `${at(1).slice(0, 10)}.jsonl`);
    const seenOnResolve: number[] = [];
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(entry('c1', at(1), 'succeeded', { i })).then(() => {
      const onDisk = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as AuditEntry).detail?.i);
      if (onDisk.includes(i)) seenOnResolve.push(i);
    })));
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines.map((line) => (JSON.parse(line) as AuditEntry).detail?.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(seenOnResolve).toHaveLength(50);
  });

  it('lets 200 concurrent appends share a few fsyncs instead of one each', async () => {
    const datasync = jest.spyOn(atomicFile, 'fdatasyncFile');
    try {
      const log = new FileAuditLog(dir);
      await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(entry('c1', at(1), 'succeeded', { i }))));
      expect(datasync.mock.calls.length).toBeGreaterThan(0);
      expect(datasync.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      datasync.mockRestore();
    }
    expect(await new FileAuditLog(dir).recent('c1', 500)).toHaveLength(200);
  });

  it('rejects every entry of a write that fails, and writes the next ones', async () => {
    const day = `${at(1).slice(0, 10)}.jsonl`;
    mkdirSync(join(dir, day));
    const log = new FileAuditLog(dir);
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => log.append(entry('c1', at(1), 'succeeded', { i }))));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
    rmSync(join(dir, day), { recursive: true });
    await log.append(entry('c1', at(1, 1)));
    expect((await log.recent('c1', 10)).map((e) => e.at)).toEqual([at(1, 1)]);
  });

  it('starts a fresh line after a torn tail, and skips the torn line when reading', async () => {
    const file = join(dir, `${at(1).slice(0, 10)}.jsonl`);
    writeFileSync(file, `${JSON.stringify(entry('c1', at(1)))}\n{"at":"2025-03-01T10:0`);
    const skipped: Array<[string, number]> = [];
    const log = new FileAuditLog(dir, { onSkippedLine: (name, line) => skipped.push([name, line]) });
    await log.append(entry('c1', at(1, 9)));
    expect((await log.recent('c1', 5)).map((e) => e.at)).toEqual([at(1, 9), at(1)]);
    expect(skipped).toEqual([[`${at(1).slice(0, 10)}.jsonl`, 2]]);
  });

  it('rejects when the entry cannot be written, so the caller can fail the action', async () => {
    mkdirSync(join(dir, `${at(1).slice(0, 10)}.jsonl`));
    await expect(new FileAuditLog(dir).append(entry('c1', at(1)))).rejects.toThrow(/EISDIR/);
  });

  it('ignores files that are not day logs', async () => {
    writeFileSync(join(dir, 'notes.jsonl'), `${JSON.stringify(entry('c1', at(9)))}\n`);
    const log = new FileAuditLog(dir);
    await log.append(entry('c1', at(1)));
    expect((await log.recent('c1', 5)).map((e) => e.at)).toEqual([at(1)]);
  });

  it('finds a quiet conversation’s only entry under a year of a team’s activity, quickly', async () => {
    const line = (day: number, conversation: string) => `${JSON.stringify(entry(conversation, new Date(Date.UTC(2024, 0, day)).toISOString()))}\n`;
    for (let day = 1; day <= 365; day++) {
      const name = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
      appendFileSync(join(dir, `${name}.jsonl`), (day === 1 ? line(day, 'quiet') : '') + line(day, 'busy').repeat(30));
    }
    const started = performance.now();
    const found = await new FileAuditLog(dir).recent('quiet', 10);
    expect(found.map((e) => e.conversationId)).toEqual(['quiet']);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});

describe('MemoryAuditLog', () => {
  it('shows every entry in append order, as copies', async () => {
    const log = new MemoryAuditLog();
    await log.append(entry('c1', at(1)));
    await log.append(entry('c2', at(2)));
    log.entries()[0].event = 'tampered';
    expect(log.entries().map((e) => [e.conversationId, e.event])).toEqual([['c1', 'succeeded'], ['c2', 'succeeded']]);
  });
});
