/**
 * The `industryData` part of GET/PATCH /_emulator/state:
 *   GET   → { runs: [run + activities, statistics], operations: [...], resets: [...], inboundFlows: [...], flowSets: [...], nextRun, nextValidation }
 *   PATCH → { industryData: {
 *       nextRun?: { status, afterMs: number|null, blockingError?, errors?, warnings? }   how the next on-demand run ends (null: never)
 *       nextValidation?: { "<connectorId>": { afterMs: number|null, errors, warnings, validatedFiles } }
 *       runs?: { "<runId>": { status } | null }                           ends a run now with that status, or removes it
 *       inboundFlows?: { "<flowId>": { readinessStatus?, expirationDateTime?, displayName? } } } }
 */
import type { JsonObject } from './model';
import { settleIndustryData, type IndustryDataState, type PublicError, type ValidationPlan } from './industryDataState';
import { isoSeconds } from './time';
import { StatePatchError } from './statePatchError';

const RUN_STATUSES = ['running', 'failed', 'completed', 'completedWithErrors', 'completedWithWarnings'];
const READINESS = ['notReady', 'ready', 'failed', 'disabled', 'expired'];

export function viewIndustryData(state: IndustryDataState, now: Date): JsonObject {
  settleIndustryData(state, now);
  return {
    runs: state.runs.map((r) => ({ ...r.run, activities: r.activities, statistics: r.statistics, onDemand: r.onDemand })),
    operations: [...state.operations.values()].map((o) => o.operation),
    resets: state.resets,
    inboundFlows: state.inboundFlows,
    flowSets: state.flowSets.map(({ set, flows }) => ({ ...set, provisioningFlows: flows })),
    nextRun: state.nextRun,
    nextValidation: state.nextValidation,
  };
}

function object(value: unknown, where: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new StatePatchError(400, `${where} must be a JSON object.`);
  return value as JsonObject;
}

function afterMs(value: unknown, where: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new StatePatchError(400, `${where} must be a whole number of ms, or null for never.`);
  return value;
}

function status(value: unknown, allowed: string[], where: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) throw new StatePatchError(400, `${where} must be one of ${allowed.join(', ')}.`);
  return value;
}

/** Checks the whole patch and returns the change to apply, so a bad patch changes nothing. */
export function industryDataChange(state: IndustryDataState, raw: unknown, now: Date): () => void {
  const patch = object(raw, 'industryData');
  const changes: (() => void)[] = [];
  if (patch.nextRun !== undefined) {
    const next = object(patch.nextRun, 'industryData.nextRun');
    const plan = {
      status: status(next.status, RUN_STATUSES.slice(1), 'industryData.nextRun.status'), afterMs: afterMs(next.afterMs, 'industryData.nextRun.afterMs'),
      ...(next.blockingError ? { blockingError: next.blockingError as PublicError } : {}),
      ...(typeof next.errors === 'number' ? { errors: next.errors } : {}), ...(typeof next.warnings === 'number' ? { warnings: next.warnings } : {}),
    };
    changes.push(() => { state.nextRun = plan; });
  }
  for (const [id, value] of Object.entries(patch.nextValidation === undefined ? {} : object(patch.nextValidation, 'industryData.nextValidation'))) {
    const plan = object(value, `industryData.nextValidation.${id}`);
    const validation: ValidationPlan = {
      afterMs: afterMs(plan.afterMs, `industryData.nextValidation.${id}.afterMs`),
      errors: (plan.errors ?? []) as PublicError[], warnings: (plan.warnings ?? []) as PublicError[], validatedFiles: (plan.validatedFiles ?? []) as string[],
    };
    changes.push(() => { state.nextValidation[id] = validation; });
  }
  for (const [id, value] of Object.entries(patch.runs === undefined ? {} : object(patch.runs, 'industryData.runs'))) {
    const record = state.runs.find((r) => r.run.id === id);
    if (!record) throw new StatePatchError(404, `No run has the id '${id}'.`);
    if (value === null) {
      changes.push(() => { state.runs = state.runs.filter((r) => r !== record); });
      continue;
    }
    const ended = status(object(value, `industryData.runs.${id}`).status, RUN_STATUSES.slice(1), `industryData.runs.${id}.status`);
    changes.push(() => {
      record.finalStatus = ended;
      record.endsAt = now.getTime();
      settleIndustryData(state, now);
      record.run.endDateTime = isoSeconds(now);
    });
  }
  for (const [id, value] of Object.entries(patch.inboundFlows === undefined ? {} : object(patch.inboundFlows, 'industryData.inboundFlows'))) {
    const flow = state.inboundFlows.find((f) => f.id === id);
    if (!flow) throw new StatePatchError(404, `No inbound flow has the id '${id}'.`);
    const change = object(value, `industryData.inboundFlows.${id}`);
    if (change.readinessStatus !== undefined) status(change.readinessStatus, READINESS, `industryData.inboundFlows.${id}.readinessStatus`);
    changes.push(() => Object.assign(flow, change));
  }
  return () => changes.forEach((change) => change());
}
