/**
 * The control API beside /beta, no token needed. Calls to it are not logged.
 *
 *   GET    /_emulator/requests   → { value: [{ method, path, query, body, tokenKind, user, status, at }] }
 *                                  (status 0 = not answered yet: a hanging or delayed call)
 *   DELETE /_emulator/requests   → 204, log cleared
 *   GET    /_emulator/faults     → { value: [fault with id and remaining] }
 *   POST   /_emulator/faults     → 201 with the stored fault (body shape in faults.ts)
 *   DELETE /_emulator/faults     → 204
 *   POST   /_emulator/reset      → 204: demo tenant rebuilt at the current clock, log and faults cleared
 *   GET    /_emulator/state      → { sdsRetired, permissions, profiles: { <id>: {...} }, servicePrincipals: { <id>: {...} },
 *                                    jobs: { "<spId>/<jobId>": {...job, servicePrincipalId, lastRestart} } }
 *   PATCH  /_emulator/state      → 200 with the new state; merges, validated as a whole (nothing changes on 400/404):
 *     { sdsRetired?: boolean,
 *       profiles?: { "<profileId>": {
 *           displayName?, state?: educationSynchronizationProfileState,
 *           status?: { status?, statusMessage?, lastActivityDateTime?, lastSynchronizationDateTime? },
 *           errors?: educationSynchronizationError[]        (replaces; missing fields get defaults; errorCount follows),
 *           pendingVerification?: verificationMessage[]     (what the next start finds: { type, fileName, description }),
 *           uploadBlocked?: boolean }},                    (uploadUrl answers 409 while true)
 *       jobs?: { "<servicePrincipalId>/<jobId>": {
 *           status?: Partial<synchronizationStatus>  (shallow merge; quarantine {…} quarantines, null lifts),
 *           schedule?: Partial<synchronizationSchedule>,
 *           synchronizationJobSettings?: keyValuePair[] }},
 *       industryData?: { nextRun?, nextValidation?, runs?, inboundFlows? } }   (the new SDS: industryDataControl.ts)
 */
import type { EmulatorContext } from './context';
import { FaultInputError } from './faults';
import { patchState, StatePatchError, viewState } from './stateControl';

export const CONTROL_PREFIX = '/_emulator';

export interface ControlResponse {
  status: number;
  body?: unknown;
}

function failure(status: number, code: string, message: string): ControlResponse {
  return { status, body: { error: { code, message } } };
}

type ControlHandler = (ctx: EmulatorContext, body: unknown) => ControlResponse;

const HANDLERS: Record<string, Partial<Record<string, ControlHandler>>> = {
  '/requests': {
    GET: (ctx) => ({ status: 200, body: { value: ctx.log.list() } }),
    DELETE: (ctx) => {
      ctx.log.clear();
      return { status: 204 };
    },
  },
  '/faults': {
    GET: (ctx) => ({ status: 200, body: { value: ctx.faults.list() } }),
    POST: (ctx, body) => ({ status: 201, body: ctx.faults.add(body) }),
    DELETE: (ctx) => {
      ctx.faults.clear();
      return { status: 204 };
    },
  },
  '/reset': {
    POST: (ctx) => {
      ctx.tenant = ctx.buildTenant(ctx.now());
      ctx.log.clear();
      ctx.faults.clear();
      return { status: 204 };
    },
  },
  '/state': {
    GET: (ctx) => ({ status: 200, body: viewState(ctx.tenant, ctx.now(), ctx.permissions) }),
    PATCH: (ctx, body) => {
      patchState(ctx.tenant, body, ctx.now());
      return { status: 200, body: viewState(ctx.tenant, ctx.now(), ctx.permissions) };
    },
  },
};

/** Answers one control call; `path` is the part after /_emulator. */
export function handleControl(ctx: EmulatorContext, method: string, path: string, body: unknown, hasInvalidBody: boolean): ControlResponse {
  const methods = HANDLERS[path.replace(/\/$/, '')];
  if (!methods) return failure(404, 'notFound', `There is no control endpoint ${CONTROL_PREFIX}${path}.`);
  const handler = methods[method];
  if (!handler) return failure(405, 'methodNotAllowed', `${CONTROL_PREFIX}${path} accepts ${Object.keys(methods).join(', ')}.`);
  if (hasInvalidBody) return failure(400, 'invalidJson', 'The body is not valid JSON.');
  try {
    return handler(ctx, body);
  } catch (error) {
    if (error instanceof FaultInputError) return failure(400, 'invalidFault', error.message);
    if (error instanceof StatePatchError) return failure(error.status, 'invalidPatch', error.message);
    throw error;
  }
}
