/** Graph wire conventions shared by every handler: request/response model, content type, error envelope (§2.3–2.4). */

export const GRAPH_JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
export const PLAIN_JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const API_VERSION_PREFIX = '/beta';
export const PREFER_UNKNOWN_ENUMS = 'include-unknown-enum-members';

/** One Graph call, whether it came over the socket or inside a $batch. */
export interface GraphRequest {
  method: string;
  /** Percent-decoded path including the version, e.g. `/beta/servicePrincipals`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  /** The body was present but not JSON. */
  hasInvalidBody: boolean;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Thrown by handlers; the pipeline turns it into the error envelope. */
export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
  date: Date;
}

/** `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`; `date` is ISO without zone (§2.4). */
export function errorBody(code: string, message: string, ids: RequestIds): unknown {
  return {
    error: {
      code,
      message,
      innerError: {
        date: ids.date.toISOString().slice(0, 19),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

/** The generic Graph code for a status, used by injected faults. */
export function codeForStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'invalidRequest', 401: 'InvalidAuthenticationToken', 403: 'accessDenied', 404: 'itemNotFound',
    405: 'notAllowed', 409: 'conflict', 423: 'resourceLocked', 429: 'TooManyRequests', 500: 'generalException',
    501: 'notSupported', 503: 'serviceNotAvailable', 504: 'gatewayTimeout', 507: 'quotaLimitReached',
  };
  return codes[status] ?? (status >= 500 ? 'generalException' : 'invalidRequest');
}

export function messageForStatus(status: number): string {
  if (status === 429) return 'Please retry again later.';
  if (status === 503) return 'The service is temporarily unavailable. Please retry later.';
  if (status === 504) return 'The gateway timed out waiting for the service.';
  if (status >= 500) return 'An unexpected error occurred.';
  return 'The request failed.';
}
