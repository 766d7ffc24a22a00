/**
 * `validate sds flow <name|id>`: POST …/dataConnector/validate (202 + Location), then the card follows the
 * fileValidateOperation in place until it succeeds or fails. Validation reads the uploaded files and changes
 * no data, so it needs no confirmation; it is audited when asked and when it ends, like every call that writes.
 */
import { byId, type Command } from '../commands/types';
import { GraphError } from '../graph/errors';
import type { FileValidation } from '../graph/industryDataTypes';
import { auditEntry } from './auditEntry';
import type { OperationContext } from './context';
import { followingOf, followUntil } from './follow';
import type { Outcome } from './outcome';
import { findInboundFlow } from './sdsFlows';
import type { SdsView } from './sdsViews';

type ValidationView = Extract<SdsView, { kind: 'sdsValidation' }>;

export async function validateSdsFlow(command: Extract<Command, { kind: 'validateSdsFlow' }>, ctx: OperationContext): Promise<Outcome> {
  const found = await findInboundFlow(command.flow, ctx, (id) => ({ kind: 'validateSdsFlow', flow: byId(id) }));
  if (found.kind !== 'flow') return found;
  const { flow } = found;
  if (flow.source !== 'file')
    return { kind: 'refused', title: `${flow.displayName} has no files to validate`, reason: 'Validation checks CSV files uploaded for a file flow; this flow reads from an API (OneRoster), which each run validates itself.' };
  const record = (event: string, outcome: string, graphRequestId?: string) =>
    ctx.audit.append(auditEntry(ctx, ctx.now(), { event, command: 'validateSdsFlow', target: `${flow.displayName} (${flow.id})`, outcome, ...(graphRequestId ? { graphRequestId } : {}) }));
  await record('requested', 'Validate the uploaded files');
  let started;
  try {
    started = await ctx.gateway.industryData.validateInboundFlow(flow.id, { kind: 'user', actor: ctx.actor });
  } catch (error) {
    await record('failed', error instanceof GraphError ? `${error.status} ${error.graphCode}` : 'not started');
    throw error;
  }
  const base: ValidationView = { kind: 'sdsValidation', flow, phase: 'started', by: ctx.actor.name, startedAt: ctx.now().toISOString(), at: ctx.now().toISOString() };
  return { kind: 'info', view: base, follow: followValidation(base, started.operationId, started.requestId, record, ctx) };
}

async function* followValidation(base: ValidationView, operationId: string, requestId: string, record: (event: string, outcome: string, graphRequestId?: string) => Promise<void>, ctx: OperationContext): AsyncGenerator<Outcome> {
  const following = followingOf(ctx);
  const view = (phase: ValidationView['phase'], validation?: FileValidation, problem?: string): Outcome => ({
    kind: 'info', view: { ...base, phase, at: ctx.now().toISOString(), ...(validation ? { validation } : {}), ...(problem ? { problem } : {}) },
  });
  const hasEnded = (v: FileValidation) => v.status === 'succeeded' || v.status === 'failed';
  for await (const step of followUntil(() => ctx.gateway.industryData.getValidation(operationId), hasEnded, following.validation, following, ctx.now)) {
    if (step.kind === 'progress') {
      yield view('running', step.value);
    } else if (step.kind === 'ended') {
      const v = step.value;
      await record(v.status === 'succeeded' ? 'succeeded' : 'failed', `Validation ${v.status}: ${v.errors.length} errors, ${v.warnings.length} warnings`, requestId).catch((error: unknown) => ctx.log.error({ event: 'audit.failed', err: error }));
      yield view('ended', v);
    } else if (step.kind === 'gaveUp') {
      await record('gaveUp', `Still running after ${Math.round(step.afterMs / 60_000)} min; no longer followed`, requestId).catch((error: unknown) => ctx.log.error({ event: 'audit.failed', err: error }));
      yield view('gaveUp', step.last, `Still running after ${Math.round(step.afterMs / 60_000)} min: SyncOps stopped following it. Validation goes on at Microsoft; run the command again later to see a fresh result.`);
    } else {
      const reason = step.error instanceof GraphError ? `${step.error.status || 'no answer'} ${step.error.graphCode}: ${step.error.message}` : 'an unexpected error';
      yield view('failed', step.last, `SyncOps could not read the validation any more (${reason}).`);
    }
  }
}

