/**
 * The demo district of the new School Data Sync (Industry Data API, beta): two inbound flows (CSV files and a
 * OneRoster API) for one school year, outbound flow sets, and a history of runs with every documented status.
 * Shapes follow https://learn.microsoft.com/graph/api/resources/industrydata-overview?view=graph-rest-beta.
 */
import { isoSeconds } from './time';
import type { IndustryDataState, RunRecord, RunStatistics } from './industryDataState';

const NS = '#microsoft.graph.industryData';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Stable ids of the demo district, for tests and the control API. */
export const SDS_DEMO = {
  years: { y2526: 'b1d2c3e4-0000-4000-8000-00000000a001' },
  connectors: { csv: 'c0000000-0000-4000-8000-00000000c001', oneRoster: 'c0000000-0000-4000-8000-00000000c002' },
  inboundFlows: { csv: 'f0000000-0000-4000-8000-00000000f001', oneRoster: 'f0000000-0000-4000-8000-00000000f002' },
  flowSets: { main: 'a0000000-0000-4000-8000-0000000a5e01' },
  provisioningFlows: { users: 'e0000000-0000-4000-8000-00000000e001', classGroups: 'e0000000-0000-4000-8000-00000000e002' },
  runs: {
    completed: '90000000-0000-4000-8000-000000000001',
    withWarnings: '90000000-0000-4000-8000-000000000002',
    withErrors: '90000000-0000-4000-8000-000000000003',
    failed: '90000000-0000-4000-8000-000000000004',
  },
} as const;

const I = SDS_DEMO.inboundFlows;

function statistics(runId: string, status: string, errors: number, warnings: number, people: number): RunStatistics {
  const flowShare = (share: number, name: string, id: string) => ({
    '@odata.type': `${NS}.inboundActivityResults`, activityId: id, displayName: name, status,
    errors: Math.round(errors * share), warnings: Math.round(warnings * share),
    groups: Math.round(412 * share), memberships: Math.round(9_870 * share), organizations: share === 1 ? 6 : 3, people: Math.round(people * share),
    matchedPeopleByRole: [{ role: 'student', count: Math.round(people * 0.85 * share) }, { role: 'teacher', count: Math.round(people * 0.1 * share) }],
    unmatchedPeopleByRole: [{ role: 'student', count: Math.round(people * 0.05 * share) }],
  });
  return {
    '@odata.type': `${NS}.industryDataRunStatistics`, runId, status,
    inboundTotals: {
      errors, warnings, groups: 412, memberships: 9_870, organizations: 6, people,
      matchedPeopleByRole: [{ role: 'student', count: Math.round(people * 0.85) }, { role: 'teacher', count: Math.round(people * 0.1) }],
      unmatchedPeopleByRole: [{ role: 'student', count: Math.round(people * 0.05) }],
    },
    activityStatistics: [flowShare(0.5, 'Contoso CSV 2025-26', I.csv), flowShare(0.5, 'Fabrikam OneRoster 2025-26', I.oneRoster)],
  };
}

function run(id: string, name: string, start: Date, minutes: number, status: string, stats: [number, number, number], blockingError: unknown = null): RunRecord {
  const activityStatus = status === 'failed' ? 'failed' : status;
  return {
    run: {
      '@odata.type': `${NS}.industryDataRun`, id, displayName: name,
      startDateTime: isoSeconds(start), endDateTime: isoSeconds(new Date(start.getTime() + minutes * 60_000)), status, blockingError,
    },
    activities: [
      { '@odata.type': `${NS}.inboundFlowActivity`, id: `${id}-in-csv`, displayName: 'Contoso CSV 2025-26', status: activityStatus, blockingError },
      { '@odata.type': `${NS}.inboundFlowActivity`, id: `${id}-in-api`, displayName: 'Fabrikam OneRoster 2025-26', status: status === 'failed' ? 'skipped' : status, blockingError: null },
      { '@odata.type': `${NS}.outboundFlowActivity`, id: `${id}-out-users`, displayName: 'Provision users', status: status === 'failed' ? 'skipped' : 'completed', blockingError: null },
      { '@odata.type': `${NS}.outboundFlowActivity`, id: `${id}-out-classes`, displayName: 'Provision class groups', status: status === 'failed' ? 'skipped' : 'completed', blockingError: null },
    ],
    statistics: statistics(id, status, ...stats),
    endsAt: null,
    finalStatus: status,
    onDemand: false,
  };
}

export function buildDemoIndustryData(now: Date): IndustryDataState {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const day = (days: number) => isoSeconds(new Date(now.getTime() + days * DAY));
  const R = SDS_DEMO.runs;
  return {
    years: [{ '@odata.type': `${NS}.yearTimePeriodDefinition`, id: SDS_DEMO.years.y2526, displayName: '2025-2026', startDate: '2025-08-01', endDate: '2026-07-31', year: { code: '2026', displayName: '2026' } }],
    connectors: [
      { '@odata.type': `${NS}.azureDataLakeConnector`, id: SDS_DEMO.connectors.csv, displayName: 'Contoso CSV upload', fileFormat: { id: 'sds-csv' } },
      { '@odata.type': `${NS}.oneRosterApiDataConnector`, id: SDS_DEMO.connectors.oneRoster, displayName: 'Fabrikam OneRoster', apiVersion: '1.1', isDemographicsEnabled: false },
    ],
    inboundFlows: [
      {
        '@odata.type': `${NS}.inboundFileFlow`, id: I.csv, displayName: 'Contoso CSV 2025-26', dataDomain: 'educationRostering',
        effectiveDateTime: day(-120), expirationDateTime: day(230), readinessStatus: 'ready',
        dataConnectorId: SDS_DEMO.connectors.csv, yearId: SDS_DEMO.years.y2526,
      },
      {
        '@odata.type': `${NS}.inboundApiFlow`, id: I.oneRoster, displayName: 'Fabrikam OneRoster 2025-26', dataDomain: 'educationRostering',
        effectiveDateTime: day(-120), expirationDateTime: day(10), readinessStatus: 'ready',
        dataConnectorId: SDS_DEMO.connectors.oneRoster, yearId: SDS_DEMO.years.y2526,
      },
    ],
    flowSets: [{
      set: { '@odata.type': `${NS}.outboundProvisioningFlowSet`, id: SDS_DEMO.flowSets.main, displayName: 'Contoso district provisioning', filter: null, createdDateTime: day(-200), lastModifiedDateTime: day(-30) },
      flows: [
        { '@odata.type': `${NS}.userProvisioningFlow`, id: SDS_DEMO.provisioningFlows.users, displayName: 'Provision users', readinessStatus: 'ready', createdDateTime: day(-200), lastModifiedDateTime: day(-30) },
        { '@odata.type': `${NS}.classGroupProvisioningFlow`, id: SDS_DEMO.provisioningFlows.classGroups, displayName: 'Provision class groups', readinessStatus: 'ready', createdDateTime: day(-200), lastModifiedDateTime: day(-30) },
      ],
    }],
    // Newest first: every 12 hours, as the service schedules them.
    runs: [
      run(R.completed, 'Scheduled run', at(2), 42, 'completed', [0, 0, 5_120]),
      run(R.withWarnings, 'Scheduled run', at(14), 45, 'completedWithWarnings', [0, 37, 5_118]),
      run(R.withErrors, 'Scheduled run', at(26), 51, 'completedWithErrors', [12, 9, 5_090]),
      run(R.failed, 'Scheduled run', at(38), 7, 'failed', [0, 0, 0], {
        code: 'RequiredFileNotFound', message: 'The required file orgs.csv was not found in the upload.', target: 'orgs.csv', details: [],
      }),
    ],
    operations: new Map(),
    nextValidation: {
      [SDS_DEMO.connectors.csv]: {
        afterMs: 10_000,
        errors: [{ code: 'RequiredFileNotFound', message: 'The required file orgs.csv was not found.', target: 'orgs.csv', details: [] }],
        warnings: [{ code: 'OptionalFileNotFound', message: 'The optional file classes.csv was not found.', target: 'classes.csv', details: [] }],
        validatedFiles: ['users.csv', 'enrollments.csv'],
      },
    },
    nextRun: { status: 'completed', afterMs: 20 * 60_000 },
    resets: [],
  };
}
