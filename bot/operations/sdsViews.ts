/** What the new SDS commands show, as data; bot/present/sds.ts maps each to its card. */
import type { FileValidation, FlowSet, InboundFlow, SdsRun, SdsRunStatistics } from '../graph/industryDataTypes';
import type { StartBudget } from '../domain/sdsRuns';

/** A run with its statistics; `statistics` is absent when Graph did not answer for that run. */
export interface RunWithStatistics {
  run: SdsRun;
  statistics?: SdsRunStatistics;
}

export type SdsView =
  /** `at`: when it was read, so "running for 14 min" is measured from the same clock. */
  | { kind: 'sdsRunList'; runs: RunWithStatistics[]; total: number; budget: StartBudget; at: string }
  | { kind: 'sdsRun'; current: RunWithStatistics; previous?: RunWithStatistics; at: string }
  | { kind: 'sdsFlows'; inbound: InboundFlow[]; flowSets: FlowSet[]; at: string }
  /** A validation being followed: started (202), still running, ended, or no longer followed. */
  | { kind: 'sdsValidation'; flow: InboundFlow; phase: 'started' | 'running' | 'ended' | 'gaveUp' | 'failed'; validation?: FileValidation; by: string; startedAt: string; at: string; problem?: string };
