/** Provisioning job endpoints, /servicePrincipals/{id}/synchronization/jobs (reference §5, state machine §7). */
import type { SynchronizationJob } from './model';
import { pageOf } from './paging';
import { GraphFailure, type GraphResponse } from './protocol';
import { readResetScope, RESTART_FLAGS } from './restartScope';
import type { GraphCall, Route } from './routing';
import { appKeyOf, requireApp, SERVICE_PRINCIPAL_KEY } from './servicePrincipals';
import { isoSeconds, type AppRecord, type JobRecord } from './state';

const JOBS = `^/servicePrincipals${SERVICE_PRINCIPAL_KEY}/synchronization/jobs`;
const JOB_ID = '([^/]+)';

/** Sync endpoints answer a valid token without the right permission this way (§1 row 16). */
function syncDenied(): GraphFailure {
  return new GraphFailure(401, 'UnknownError', '');
}

function appOf(call: GraphCall): AppRecord {
  const app = requireApp(call.ctx.tenant, appKeyOf(call.params));
  if (call.ownerOnly && !app.ownerAppIds.includes(call.caller.kind === 'none' ? '' : call.caller.appid ?? '')) throw syncDenied();
  return app;
}

function jobOf(call: GraphCall): { app: AppRecord; record: JobRecord } {
  const app = appOf(call);
  const jobId = call.params[2] as string;
  const record = app.jobs.find((candidate) => candidate.job.id.toLowerCase() === jobId.toLowerCase());
  if (!record) {
    throw new GraphFailure(404, 'itemNotFound', `The synchronization job '${jobId}' was not found on service principal '${app.servicePrincipal.id}'.`);
  }
  return { app, record };
}

function jobsContext(call: GraphCall, app: AppRecord): string {
  return `${call.ctx.origin}/beta/$metadata#servicePrincipals('${app.servicePrincipal.id}')/synchronization/jobs`;
}

function list(call: GraphCall): GraphResponse {
  const app = appOf(call);
  const page = pageOf(app.jobs.map((record) => record.job), call.ctx.origin, call.request,
    { allowCount: false, badRequestCode: 'invalidRequest' });
  return { status: 200, body: { '@odata.context': jobsContext(call, app), ...page } };
}

function get(call: GraphCall): GraphResponse {
  const { app, record } = jobOf(call);
  return { status: 200, body: { '@odata.context': `${jobsContext(call, app)}/$entity`, ...record.job } };
}

function run(job: SynchronizationJob): void {
  job.status.quarantine = null;
  job.status.countSuccessiveCompleteFailures = 0;
  job.status.code = 'Active';
  job.schedule.state = 'Active';
}

/** A paused job continues; a quarantined job has its quarantine cleared (§5.3). */
function start(call: GraphCall): GraphResponse {
  run(jobOf(call).record.job);
  return { status: 204 };
}

function pause(call: GraphCall): GraphResponse {
  const { job } = jobOf(call).record;
  job.status.code = 'Paused';
  job.schedule.state = 'Paused';
  return { status: 204 };
}

/**
 * Applies the reset flags as §7 describes. Accepted in any status (§1 row 24). A quarantine the
 * scope does not lift (no QuarantineState, or ForceDeletes on another reason) stays in place.
 */
function restart(call: GraphCall): GraphResponse {
  const { record } = jobOf(call);
  const scope = readResetScope(call.request.body);
  const { status } = record.job;
  const has = (flag: number) => (scope.flags & flag) === flag;
  const liftsQuarantine = scope.flags === RESTART_FLAGS.None || has(RESTART_FLAGS.QuarantineState) ||
    (has(RESTART_FLAGS.ForceDeletes) && status.quarantine?.reason === 'TooManyDeletes');
  if (has(RESTART_FLAGS.Escrows)) {
    for (const execution of [status.lastExecution, status.lastSuccessfulExecution, status.lastSuccessfulExecutionWithExports]) {
      if (execution) Object.assign(execution, { countEscrowed: 0, countEscrowedRaw: 0 });
    }
  }
  if (liftsQuarantine || status.quarantine === null) {
    run(record.job);
  } else {
    status.code = 'Quarantine';
  }
  record.lastRestart = { resetScope: scope.names.join(', '), flags: scope.flags, at: isoSeconds(call.now) };
  return { status: 204 };
}

const jobAction = (name: string) => new RegExp(`${JOBS}/${JOB_ID}/${name}$`);

export const jobRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`${JOBS}/?$`), operation: 'jobs.read', area: 'sync', handle: list },
  { method: 'GET', pattern: new RegExp(`${JOBS}/${JOB_ID}$`), operation: 'jobs.read', area: 'sync', handle: get },
  { method: 'POST', pattern: jobAction('start'), operation: 'jobs.control', area: 'sync', handle: start },
  { method: 'POST', pattern: jobAction('pause'), operation: 'jobs.control', area: 'sync', handle: pause },
  { method: 'POST', pattern: jobAction('restart'), operation: 'jobs.restart', area: 'sync', handle: restart },
];
