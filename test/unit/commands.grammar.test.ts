import { GRAMMAR, parseCommand, usageOf, type CommandKind } from '../../bot/commands';
import { isMutation } from '../../bot/operations/dispatch';

// A Record over every kind makes the compiler list a kind added to `Command` but not here.
const MUTATES: Record<CommandKind, boolean> = {
  help: false, listProfiles: false, showProfile: false,
  pauseProfile: true, resumeProfile: true, resetProfile: true, startProfile: true,
  listProfileErrors: false, findApps: false, listJobs: false, showJob: false,
  pauseJob: true, startJob: true, restartJob: true,
  watchProfile: false, watchApp: false, unwatchProfile: false, unwatchApp: false, listWatches: false, audit: false,
  showJobLogs: false, explainIdentity: false, provisionUser: true,
  listScheduled: false,
  listSdsRuns: false, showSdsRun: false, listSdsFlows: false, startSdsRun: true, validateSdsFlow: true, resetSdsFlow: true, watchSds: false, unwatchSds: false,
};
const KINDS = Object.keys(MUTATES) as CommandKind[];
const examples = GRAMMAR.flatMap((row) => row.examples.map((example) => [example, row.kind] as const));

describe('GRAMMAR', () => {
  it.each(examples)('parses the example "%s" to %s', (example, kind) => {
    const result = parseCommand(example);
    expect(result.ok && result.command.kind).toBe(kind);
  });

  it('has exactly one row for every command kind', () => {
    expect(GRAMMAR.map((row) => row.kind).sort()).toEqual([...KINDS].sort());
  });

  it.each(KINDS)('asks to confirm %s exactly when it changes something', (kind) => {
    expect(isMutation(kind)).toBe(MUTATES[kind]);
  });

  it.each(GRAMMAR.map((row) => [row.kind, row] as const))('gives %s a usage that starts with its words, a short summary and examples', (_kind, row) => {
    expect(row.usage.startsWith(row.noun ? `${row.verb} ${row.noun}` : row.verb)).toBe(true);
    expect(row.summary.length).toBeGreaterThan(0);
    expect(row.summary.length).toBeLessThanOrEqual(100);
    expect(row.examples.length).toBeGreaterThan(0);
  });

  it('gives every verb either one row without a noun or rows that each have a distinct noun', () => {
    for (const verb of new Set(GRAMMAR.map((row) => row.verb))) {
      const rows = GRAMMAR.filter((row) => row.verb === verb);
      const nouns = rows.map((row) => row.noun);
      if (rows.length === 1) continue;
      expect(nouns).not.toContain(undefined);
      expect(new Set(nouns).size).toBe(rows.length);
    }
  });

  it('gives the usage line of a kind', () => {
    expect(usageOf('restartJob')).toBe('restart job <jobId> [for <app>] [scope <flag, …>|full]');
    expect(usageOf('audit')).toBe('audit [n]');
  });
});
