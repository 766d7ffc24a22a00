import { runBench, type BenchReport } from '../bench/bench';
import { checkGoals } from '../bench/goals';
import { inProcess } from '../bench/isolation';
import { renderTable } from '../bench/report';

/** One tiny round of `npm run bench`, all in jest's process: proves the bench code works, measures nothing. */
const TINY = {
  load: { connections: 2, warmupMs: 100, durationMs: 300, rounds: 1 },
  poll: { profiles: 30, apps: 50, conversations: 3, cycles: 1 },
  coldStartRuns: 0,
  stores: { callers: 2, rounds: 3 },
  botEntry: '',
  blob: true,
};

describe('npm run bench, one tiny round', () => {
  let report: BenchReport;
  beforeAll(async () => {
    report = await runBench(TINY, inProcess);
  }, 60_000);

  it('answers every load scenario without a failed request', () => {
    for (const load of Object.values(report.load)) {
      expect(load.samples).toBeGreaterThan(0);
      expect(load.failures).toBe(0);
    }
    expect(report.load.confirm.propose.samples).toBeGreaterThan(0);
  });

  it('counts Graph calls per command at the emulator', () => {
    const byCommand = Object.fromEntries(report.graphCalls.map((c) => [c.command, c.calls]));
    expect(byCommand).toMatchObject({ help: 0, profiles: 2, 'pause job → Confirm': 2 });
    expect(byCommand).toMatchObject({ 'logs job <jobId> for <app id>': 3, 'why <upn>': 3, 'provision <upn> for <app id>': 4, 'provision → Confirm': 2 });
    const sds = report.graphCalls.filter((c) => /sds/.test(c.command));
    expect(sds.map((c) => [c.command, c.calls])).toEqual(sds.map((c) => [c.command, c.minimum]));
    // Every command of the table at its minimum, so npm test catches what `npm run bench` would fail on.
    expect(report.graphCalls.map((c) => [c.command, c.calls])).toEqual(report.graphCalls.map((c) => [c.command, c.minimum]));
  });

  it('polls in ⌈(profiles + apps)/20⌉ requests, or ⌈profiles/20⌉ + ⌈apps/20⌉ reading each kind alone', () => {
    expect(report.poll.poller.requests).toEqual([4]);
    expect(report.poll.reads.requests).toEqual([2 + 3]);
    expect(report.poll.poller.cycles[0]!.objectsRead).toBe(80);
  });

  it('runs Confirm clicks and a poll cycle on Azure Blob state, touching each subscription record at most once', () => {
    const { blob } = report;
    expect(blob?.confirmBlob.samples).toBeGreaterThan(0);
    expect(blob?.confirmBlob.failures).toBe(0);
    expect(blob?.confirmFile.samples).toBeGreaterThan(0);
    expect(blob?.poll.requests).toEqual([4]);
    expect(blob?.poll.cycles[0]!.objectsRead).toBe(80);
    expect(blob?.poll.subscriptionTouches).toEqual([{ maxReads: 1, maxWrites: 0 }]);
  });

  it('prints one table row per scenario, command and poll measurement', () => {
    const rows = renderTable(report, checkGoals(report)).split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| scenario'));
    expect(rows).toHaveLength(5 + report.graphCalls.length + 2 + 3 + 2 * 3);
  });

  it('measures every store alone, the file store and Azure Blob, each operation with every caller', () => {
    const stores = [...(report.stores ?? []), ...(report.blob?.stores ?? [])];
    expect(stores.map((s) => [s.store, s.op, s.samples])).toEqual(['file store (DATA_DIR)', 'Azure Blob (Azurite)'].flatMap((store) =>
      (['read', 'compare-and-set', 'audit append'] as const).map((op) => [store, op, 2 * 3])));
  });

  it('fails the bench when a command makes more Graph calls than its minimum, not when a timing goal is missed', () => {
    const slower = { ...report.load.help, p99: report.load.echo.p99 * 10 };
    const worse: BenchReport = { ...report, load: { ...report.load, help: slower }, graphCalls: [{ command: 'help', calls: 1, minimum: 0, why: 'no Graph', requests: ['GET /x'] }] };
    const failing = checkGoals(worse).filter((c) => !c.isMet);
    expect(failing.filter((c) => c.isGating).map((c) => [c.what, c.miss])).toEqual([['Graph calls: help', '1 above']]);
    expect(failing.some((c) => !c.isGating && c.what === 'help')).toBe(true);
  });
});
