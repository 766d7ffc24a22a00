/** The new SDS (Industry Data) part of the emulated tenant, and its clock-driven changes (runs end, validations end). */
import { randomUUID } from 'node:crypto';
import { isoSeconds } from './time';

type Json = Record<string, unknown>;
export type PublicError = { code: string; message: string; target: string; details: unknown[] };

export type RunStatistics = Json & { runId: string; status: string };

export interface RunRecord {
  run: Json & { id: string; status: string; startDateTime: string };
  activities: Json[];
  statistics: RunStatistics;
  /** A running run ends at this time (ms) with `finalStatus`; null once ended, or never (a run that hangs). */
  endsAt: number | null;
  finalStatus: string;
  onDemand: boolean;
  /** The inbound totals a started run ends with (its statistics count nothing while it runs). */
  finalCounts?: { errors: number; warnings: number };
}

/** What the next validation of a connector's files finds, and after how long (null: it never ends). */
export interface ValidationPlan {
  afterMs: number | null;
  errors: PublicError[];
  warnings: PublicError[];
  validatedFiles: string[];
}

export interface OperationRecord {
  operation: Json & { id: string; status: string };
  endsAt: number | null;
  plan: ValidationPlan;
}

export interface IndustryDataState {
  years: Json[];
  connectors: (Json & { id: string })[];
  /** `dataConnectorId`/`yearId` are the emulator's own links; they are not sent, only expanded. */
  inboundFlows: (Json & { id: string; dataConnectorId: string; yearId: string })[];
  flowSets: { set: Json & { id: string }; flows: (Json & { id: string })[] }[];
  /** Newest first. */
  runs: RunRecord[];
  operations: Map<string, OperationRecord>;
  /** By connector id; a connector without a plan validates cleanly. */
  nextValidation: Record<string, ValidationPlan>;
  /** How a run started on demand ends: its status, and after how long (null: it never ends). */
  nextRun: { status: string; afterMs: number | null; blockingError?: PublicError; errors?: number; warnings?: number };
  resets: { setId: string; flowId: string; at: string }[];
}

/** "Up to five successful runs every 12 hours" (industrydata-industrydatarun-start, beta). */
export const RUN_START_LIMIT = 5;
export const RUN_START_WINDOW_MS = 12 * 3_600_000;

/** A tenant that has not set up the new SDS: every collection empty. */
export function emptyIndustryData(): IndustryDataState {
  return { years: [], connectors: [], inboundFlows: [], flowSets: [], runs: [], operations: new Map(), nextValidation: {}, nextRun: { status: 'completed', afterMs: 20 * 60_000 }, resets: [] };
}

/** Applies the ends that are due; every reader calls this first. */
export function settleIndustryData(state: IndustryDataState, now: Date): void {
  const nowMs = now.getTime();
  for (const record of state.runs) {
    if (record.endsAt === null || record.endsAt > nowMs) continue;
    const ended = isoSeconds(new Date(record.endsAt));
    record.run.status = record.finalStatus;
    record.run.endDateTime = ended;
    record.statistics.status = record.finalStatus;
    if (record.finalCounts) Object.assign(record.statistics.inboundTotals as object, record.finalCounts);
    for (const activity of record.activities) activity.status = record.finalStatus === 'failed' ? 'failed' : record.finalStatus;
    record.endsAt = null;
  }
  for (const record of state.operations.values()) {
    if (record.endsAt === null || record.endsAt > nowMs) continue;
    const { errors, warnings, validatedFiles } = record.plan;
    Object.assign(record.operation, {
      status: errors.length > 0 ? 'failed' : 'succeeded', lastActionDateTime: isoSeconds(new Date(record.endsAt)),
      statusDetail: errors.length > 0 ? 'Validation found errors.' : 'Validation completed.', errors, warnings, validatedFiles,
    });
    record.endsAt = null;
  }
}

/** Runs that count against the start limit: started in the last 12 hours and not failed (the emulator's reading). */
export function startsInWindow(state: IndustryDataState, now: Date): RunRecord[] {
  return state.runs.filter((r) => Date.parse(r.run.startDateTime) > now.getTime() - RUN_START_WINDOW_MS && r.run.status !== 'failed');
}

/** A new on-demand run, running until the plan says otherwise. */
export function startRun(state: IndustryDataState, now: Date): RunRecord {
  const id = randomUUID();
  const plan = state.nextRun;
  const flows = state.inboundFlows.map((flow) => ({ '@odata.type': '#microsoft.graph.industryData.inboundFlowActivity', id: `${id}-${flow.id}`, displayName: flow.displayName, status: 'inProgress', blockingError: null }));
  const record: RunRecord = {
    run: { '@odata.type': '#microsoft.graph.industryData.industryDataRun', id, displayName: 'On-demand run', startDateTime: isoSeconds(now), endDateTime: null, status: 'running', blockingError: plan.blockingError ?? null },
    activities: flows,
    statistics: {
      '@odata.type': '#microsoft.graph.industryData.industryDataRunStatistics', runId: id, status: 'running',
      inboundTotals: { errors: 0, warnings: 0, groups: 0, memberships: 0, organizations: 0, people: 0, matchedPeopleByRole: [], unmatchedPeopleByRole: [] },
      activityStatistics: [],
    },
    endsAt: plan.afterMs === null ? null : now.getTime() + plan.afterMs,
    finalStatus: plan.status,
    onDemand: true,
    finalCounts: { errors: plan.errors ?? 0, warnings: plan.warnings ?? 0 },
  };
  state.runs.unshift(record);
  return record;
}

/** A new file validation operation for a connector, per its plan. */
export function startValidation(state: IndustryDataState, connectorId: string, now: Date): OperationRecord {
  const plan = state.nextValidation[connectorId] ?? { afterMs: 5_000, errors: [], warnings: [], validatedFiles: ['orgs.csv', 'users.csv', 'classes.csv', 'enrollments.csv'] };
  const id = randomUUID();
  const record: OperationRecord = {
    operation: {
      '@odata.type': '#microsoft.graph.industryData.fileValidateOperation', id, createdDateTime: isoSeconds(now), lastActionDateTime: isoSeconds(now),
      resourceLocation: null, status: 'running', statusDetail: 'Validating the uploaded files.', validatedFiles: [], errors: [], warnings: [],
    },
    endsAt: plan.afterMs === null ? null : now.getTime() + plan.afterMs,
    plan,
  };
  state.operations.set(id, record);
  return record;
}
