/** The new SDS grammar rows (two-word nouns) and the Industry Data mappers, table-driven. */
import { parseCommand } from '../../bot/commands';
import { toFileValidation, toFlowSet, toInboundFlow, toSdsRun, toSdsRunStatistics } from '../../bot/graph/industryDataMappers';

describe('parseCommand: the new SDS', () => {
  it.each([
    ['sds runs', { kind: 'listSdsRuns' }],
    ['SDS RUN latest', { kind: 'showSdsRun', run: 'latest' }],
    ['sds run 918D4A8F-599B-4F6A-B409-E892855DB534', { kind: 'showSdsRun', run: '918D4A8F-599B-4F6A-B409-E892855DB534' }],
    ['sds flows', { kind: 'listSdsFlows' }],
    ['start sds run', { kind: 'startSdsRun' }],
    ['Start SDS Run', { kind: 'startSdsRun' }],
    ['validate sds flow Contoso CSV 2025-26', { kind: 'validateSdsFlow', flow: { by: 'name', value: 'Contoso CSV 2025-26' } }],
    ['validate sds flow "Contoso CSV"', { kind: 'validateSdsFlow', flow: { by: 'name', value: 'Contoso CSV' } }],
    ['reset sds flow e0000000-0000-4000-8000-00000000E001', { kind: 'resetSdsFlow', flow: { by: 'id', value: 'e0000000-0000-4000-8000-00000000e001' } }],
    ['watch sds', { kind: 'watchSds' }],
    ['unwatch sds', { kind: 'unwatchSds' }],
  ])('reads "%s"', (text, command) => expect(parseCommand(text)).toStrictEqual({ ok: true, command }));

  it.each([
    ['start sds', { reason: 'unknownNoun', verb: 'start', word: 'sds', usages: ['start sds run', 'start profile <name|id>', 'start job <jobId> [for <app>]'] }],
    ['start "sds" run', { reason: 'unknownNoun', verb: 'start', word: 'sds', usages: ['start sds run', 'start profile <name|id>', 'start job <jobId> [for <app>]'] }],
    ['start sds run now', { reason: 'unexpectedWords', words: ['now'], usage: 'start sds run' }],
    ['sds run', { reason: 'missingArgument', usage: 'sds run <runId|latest>', argument: 'runId|latest' }],
    ['sds run latest please', { reason: 'unexpectedWords', words: ['please'], usage: 'sds run <runId|latest>' }],
    ['validate sds flow', { reason: 'missingArgument', usage: 'validate sds flow <name|id>', argument: 'name|id' }],
    ['sds', { reason: 'unknownNoun', verb: 'sds', word: null, usages: ['sds runs', 'sds run <runId|latest>', 'sds flows'] }],
  ])('refuses "%s" with a reason', (text, error) => expect(parseCommand(text)).toStrictEqual({ ok: false, error }));
});

describe('Industry Data mappers', () => {
  it('reads a run, keeping an unknown status as unknownFutureValue and dropping an empty blocking error', () => {
    expect(toSdsRun({ id: 'r', status: 'paused', blockingError: {}, startDateTime: 's' })).toEqual({ id: 'r', displayName: 'Run', status: 'unknownFutureValue', startDateTime: 's' });
    expect(toSdsRun({ id: 'r', status: 'failed', activities: [{ '@odata.type': '#microsoft.graph.industryData.outboundFlowActivity', displayName: 'a', status: 'skipped' }] }).activities)
      .toEqual([{ direction: 'outbound', displayName: 'a', status: 'skipped' }]);
  });

  it('reads statistics as the docs show them, with missing counts as 0', () => {
    const stats = toSdsRunStatistics({ runId: 'r', status: 'completed', inboundTotals: { errors: 2, people: 9, matchedPeopleByRole: [{ role: 'student', count: 5 }] }, activityStatistics: [{ count: 1, role: 'student' }] });
    expect(stats).toEqual({
      runId: 'r', status: 'completed', flows: [],
      totals: { errors: 2, warnings: 0, people: 9, groups: 0, memberships: 0, organizations: 0, matchedPeopleByRole: [{ role: 'student', count: 5 }], unmatchedPeopleByRole: [] },
    });
  });

  it('reads a flow\'s source from its type and its year when expanded', () => {
    expect(toInboundFlow({ '@odata.type': '#microsoft.graph.industryData.inboundApiFlow', id: 'f', displayName: 'F', readinessStatus: 'expired', year: { displayName: '2025-2026' } }))
      .toEqual({ id: 'f', displayName: 'F', source: 'api', readinessStatus: 'expired', year: '2025-2026' });
    expect(toFlowSet({ id: 's', provisioningFlows: [{ '@odata.type': '#microsoft.graph.industryData.classGroupProvisioningFlow', id: 'c' }] }).flows[0])
      .toEqual({ id: 'c', displayName: 'c', provisions: 'classGroups', readinessStatus: 'unknownFutureValue' });
  });

  it('reads a validation operation\'s errors and warnings', () => {
    expect(toFileValidation({ id: 'o', status: 'failed', errors: [{ code: 'E', message: 'm', target: 'orgs.csv' }], warnings: 'nope' }))
      .toEqual({ id: 'o', status: 'failed', validatedFiles: [], errors: [{ code: 'E', message: 'm', target: 'orgs.csv' }], warnings: [] });
  });
});
