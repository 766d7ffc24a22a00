/**
 * One Graph call from arrival to answer, the same for socket and $batch calls:
 * log → injected fault → 401 token → SDS Classic retired → route (404/405) → permission/role → handler.
 * That is the order of reference §7, with faults first so throttling hits even bad tokens.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { authorize, readCaller, type Caller, type Grant } from './auth';
import type { EmulatorContext } from './context';
import type { Fault } from './faults';
import {
  API_VERSION_PREFIX, codeForStatus, errorBody, GRAPH_JSON_CONTENT_TYPE, GraphFailure, messageForStatus,
  type GraphRequest, type GraphResponse, type RequestIds,
} from './protocol';
import type { LoggedRequest } from './requestLog';
import { matchRoute, type Area, type Route } from './routing';

/** Raised when the emulator closes under a delayed or hanging request: there is no one left to answer. */
export class EmulatorClosedError extends Error {}

const DIAGNOSTIC = JSON.stringify({ ServerInfo: { DataCenter: 'Emulator', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'EMU' } });

// The retired API's answer is unconfirmed (industry-data-api reference §0); the emulator answers every Classic path,
// known or not, as Graph answers a segment its metadata no longer has (the DESIGN.md contract): 400 BadRequest.
const SDS_CLASSIC_PREFIX = `${API_VERSION_PREFIX}/education/synchronizationProfiles`;
const SDS_RETIRED_MESSAGE = "Resource not found for the segment 'synchronizationProfiles'.";

/**
 * One call through auth, faults and routing. An item of a $batch (`isBatchItem`) answers with its own
 * headers and Content-Type only, as the JSON batching doc shows them (graph-sync-api.md §2.7): the
 * request-id, Date and diagnostic headers are the outer response's.
 */
export async function handleGraphRequest(ctx: EmulatorContext, routes: Route[], request: GraphRequest, isBatchItem = false): Promise<GraphResponse> {
  const now = ctx.now();
  const ids: RequestIds = { requestId: randomUUID(), clientRequestId: request.headers['client-request-id'] || randomUUID(), date: now };
  const caller = readCaller(request.headers.authorization, now);
  const entry = ctx.log.record(logEntry(request, caller, now));
  const dispatch = (inner: GraphRequest) => handleGraphRequest(ctx, routes, inner, true);
  const fault = ctx.faults.take(request.method, request.path);
  let response: GraphResponse;
  try {
    if (fault) await applyDelay(fault, ctx.closing);
    response = fault?.status ? faultResponse(fault) : await answer(ctx, routes, request, caller, now, dispatch);
  } catch (error) {
    if (error instanceof EmulatorClosedError) throw error;
    const failure = error instanceof GraphFailure ? error : new GraphFailure(500, 'generalException', `The emulator failed: ${(error as Error).message}`);
    response = { status: failure.status, headers: failure.headers, body: errorBody(failure.code, failure.message, ids) };
  }
  entry.status = response.status;
  return isBatchItem ? withContentType(response) : withStandardHeaders(response, ids);
}

function withContentType(response: GraphResponse): GraphResponse {
  return response.body === undefined ? response : { ...response, headers: { 'Content-Type': 'application/json', ...response.headers } };
}

async function answer(ctx: EmulatorContext, routes: Route[], request: GraphRequest, caller: Caller, now: Date,
  dispatch: (inner: GraphRequest) => Promise<GraphResponse>): Promise<GraphResponse> {
  if (caller.kind === 'none') throw new GraphFailure(401, 'InvalidAuthenticationToken', caller.reason);
  if (!request.path.startsWith(`${API_VERSION_PREFIX}/`)) {
    throw new GraphFailure(404, 'ResourceNotFound', 'The emulator serves only the /beta version of Microsoft Graph.');
  }
  if (ctx.tenant.sdsRetired && isSdsClassicPath(request.path)) throw new GraphFailure(400, 'BadRequest', SDS_RETIRED_MESSAGE);
  const { route, params } = matchRoute(routes, request.method, request.path.slice(API_VERSION_PREFIX.length));
  const grant = authorize(ctx.permissions, route.operation, caller);
  if (!grant.ok) throw denial(route.area, grant);
  if (request.hasInvalidBody) throw new GraphFailure(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  return route.handle({ ctx, request, params, caller, ownerOnly: grant.ownerOnly, now, dispatch });
}

function isSdsClassicPath(path: string): boolean {
  return path === SDS_CLASSIC_PREFIX || path.startsWith(`${SDS_CLASSIC_PREFIX}/`) || path.startsWith(`${SDS_CLASSIC_PREFIX}(`);
}

/** Each API family answers a missing permission its own way (§1 row 16). */
function denial(area: Area, grant: Extract<Grant, { ok: false }>): GraphFailure {
  if (area === 'sync') return new GraphFailure(401, 'UnknownError', '');
  if (area === 'directory') return new GraphFailure(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  return new GraphFailure(403, 'accessDenied', grant.detail);
}

async function applyDelay(fault: Fault, closing: AbortSignal): Promise<void> {
  try {
    if (fault.hang) {
      await new Promise<void>((resolve) => closing.addEventListener('abort', () => resolve(), { once: true }));
    } else if (fault.delayMs > 0) {
      await delay(fault.delayMs, undefined, { signal: closing });
    }
  } catch (error) {
    throw new EmulatorClosedError((error as Error).message);
  }
  if (closing.aborted) throw new EmulatorClosedError('The emulator closed while the request was held.');
}

function faultResponse(fault: Fault): GraphResponse {
  const status = fault.status as number;
  const headers: Record<string, string> = fault.retryAfter === null ? {} : { 'Retry-After': String(fault.retryAfter) };
  if (fault.body !== undefined) return { status, headers, body: fault.body };
  throw new GraphFailure(status, codeForStatus(status), messageForStatus(status), headers);
}

function logEntry(request: GraphRequest, caller: Caller, now: Date): LoggedRequest {
  return {
    method: request.method,
    path: request.path,
    query: { ...request.query },
    body: request.body ?? null,
    tokenKind: caller.kind,
    user: caller.kind === 'delegated' ? caller.oid : null,
    status: 0,
    at: now.toISOString(),
  };
}

function withStandardHeaders(response: GraphResponse, ids: RequestIds): GraphResponse {
  const headers: Record<string, string> = {
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    Date: ids.date.toUTCString(),
    'x-ms-ags-diagnostic': DIAGNOSTIC,
    ...(response.body === undefined ? {} : { 'Content-Type': GRAPH_JSON_CONTENT_TYPE, 'OData-Version': '4.0' }),
    ...response.headers,
  };
  return { ...response, headers };
}
