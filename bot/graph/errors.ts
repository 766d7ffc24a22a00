import { SyncOpsError } from '../errors';

/** Why a Graph call failed, in the terms an admin acts on. */
export type GraphFailure =
  | 'unauthenticated' | 'forbidden' | 'notFound' | 'badRequest' | 'conflict' | 'throttled' | 'unavailable'
  | 'timeout' | 'outcomeUnknown' | 'unreachable' | 'retired';

/** One Graph failure: HTTP status, Graph's own code and message, and the request-id to quote to support. */
export class GraphError extends SyncOpsError {
  constructor(
    readonly failure: GraphFailure,
    readonly status: number,
    readonly graphCode: string,
    message: string,
    readonly requestId: string | undefined,
    readonly retryAfterSeconds?: number,
  ) {
    super(`graph.${failure}`, message);
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> };
}

/** Turns a non-2xx Graph answer into a GraphError. `path` decides what a 401 from a sync endpoint means. */
export function graphErrorFromResponse(status: number, body: unknown, headers: Headers, path: string): GraphError {
  const error = (body as ErrorBody | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP${status}`;
  const message = typeof error?.message === 'string' ? error.message : '';
  const requestId = headers.get('request-id') ?? stringOrUndefined(error?.innerError?.['request-id']);
  const retryAfter = parseRetryAfter(headers.get('retry-after'));
  return new GraphError(classify(status, `${code} ${message}`, path), status, code, message, requestId, retryAfter);
}

function classify(status: number, codeAndMessage: string, path: string): GraphFailure {
  // What the service answers once SDS Classic is gone is unconfirmed (industry-data reference §0): a 400/404 on
  // the collection itself, or on any Classic path when Graph names a missing segment or says so, means the API
  // is gone, not that one profile is missing (a missing profile is 404 itemNotFound naming the profile).
  const isSdsGone = /retired|deprecated|no longer (available|supported)|resource not found for the segment/i.test(codeAndMessage);
  if ((status === 404 || status === 400) && (isSdsCollection(path) || (isSdsPath(path) && isSdsGone))) return 'retired';
  const code = codeAndMessage.split(' ')[0];
  if (status === 401) {
    // Sync-job endpoints answer a *valid* token that lacks permission or role with 401 UnknownError
    // (reference §1 row 16); refreshing the token would loop, so it is a refusal.
    return code === 'UnknownError' && path.includes('/synchronization/') ? 'forbidden' : 'unauthenticated';
  }
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 429) return 'throttled';
  if (status === 400 || status === 422) return 'badRequest';
  return status >= 500 ? 'unavailable' : 'badRequest';
}

export function isSdsPath(path: string): boolean {
  return path.includes('/education/synchronizationProfiles');
}

/** The collection itself, not a page of it: an expired $skiptoken is a bad request, not a retired API. */
function isSdsCollection(path: string): boolean {
  return /\/education\/synchronizationProfiles\/?$/.test(path);
}

/** Retry-After in seconds, from either form HTTP allows (seconds or a date). */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
