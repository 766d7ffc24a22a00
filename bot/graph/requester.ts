import { randomUUID } from 'node:crypto';
import {
  AuthenticationHandler, AuthenticationHandlerOptions, Client, ResponseType, RetryHandler, RetryHandlerOptions,
  TelemetryHandler, type AuthenticationProvider,
} from '@microsoft/microsoft-graph-client';
import type { Caller } from '../actor';
import { withDeadline } from '../deadline';
import { GraphError, graphErrorFromResponse, parseRetryAfter } from './errors';
import type { TokenSource } from './tokens';
import { Transport } from './transport';

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/beta; the last segment is the API version. */
  baseUrl: string;
  tokens: TokenSource;
  timeoutMs: number;
  retryDeadlineMs: number;
  /** PEM of the only CA to trust (the demo emulator's); the system store otherwise. */
  caCert?: string;
}

export interface GraphCall {
  method: 'GET' | 'POST' | 'DELETE';
  /** A path under the API version (`/education/...`), or an absolute `@odata.nextLink`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  caller: Caller;
  /** Safe to retry after a gateway timeout and never "outcome unknown": GETs, and POSTs that only read ($batch of GETs). */
  isRead?: boolean;
  /** Non-2xx statuses that carry a result rather than a failure (SDS start answers 400 with messages). */
  resultStatuses?: readonly number[];
  /** false: no retry at all, not even on 429 (an SDS run start: the service counts starts). */
  mayRetry?: boolean;
}

export interface GraphResult {
  status: number;
  body: unknown;
  requestId: string;
  headers: Headers;
}

/**
 * Sends Graph requests through @microsoft/microsoft-graph-client with its auth, retry and telemetry
 * middleware and our transport. Retries only what cannot have changed anything twice: 429 and 503 for
 * every call, plus 504 for reads (a 504 on a POST may have run it).
 */
export class GraphRequester {
  private readonly client: Client;
  private readonly transport: Transport;
  private readonly fallbackAuth: AuthenticationProvider;

  constructor(private readonly options: GraphClientOptions) {
    const base = new URL(options.baseUrl);
    const version = base.pathname.replace(/^\/+|\/+$/g, '');
    this.fallbackAuth = { getAccessToken: () => this.tokenFor({ kind: 'app' }) };
    this.transport = new Transport(options.timeoutMs, options.caCert);
    const auth = new AuthenticationHandler(this.fallbackAuth);
    const retry = new RetryHandler(new RetryHandlerOptions());
    const telemetry = new TelemetryHandler();
    auth.setNext(retry);
    retry.setNext(telemetry);
    telemetry.setNext(this.transport);
    this.client = Client.initWithMiddleware({
      middleware: auth,
      baseUrl: `${base.origin}/`,
      defaultVersion: version,
      // The client attaches the bearer token only to Graph hosts and these (and only over https).
      customHosts: new Set([base.hostname]),
    });
  }

  /** How long a call may spend waiting to retry throttled answers. */
  /** A token within GRAPH_TIMEOUT_MS: Entra (client credentials, on-behalf-of) hung is no reason to hang a turn. */
  private tokenFor(caller: Caller): Promise<string> {
    return withDeadline(this.options.tokens.getAccessToken(caller), this.options.timeoutMs, 'Graph token');
  }

  get retryDeadlineMs(): number {
    return this.options.retryDeadlineMs;
  }

  async send(call: GraphCall): Promise<GraphResult> {
    const isRead = call.isRead ?? call.method === 'GET';
    const request = this.client
      .api(call.path)
      .headers({ 'client-request-id': randomUUID(), ...call.headers })
      .middlewareOptions([
        new AuthenticationHandlerOptions({ getAccessToken: () => this.tokenFor(call.caller) }),
        retryPolicy(isRead, this.options.retryDeadlineMs, call.mayRetry !== false),
      ])
      .responseType(ResponseType.RAW);
    if (call.query) request.query(encodeQuery(call.query));
    let response: Response;
    try {
      response = call.method === 'GET' ? await request.get()
        : call.method === 'DELETE' ? await request.delete()
        : await request.post(call.body === undefined ? undefined : JSON.stringify(call.body));
    } catch (error) {
      throw transportFailure(error, isRead);
    }
    const body = await readBody(response);
    const requestId = response.headers.get('request-id') ?? '';
    if (!response.ok && !call.resultStatuses?.includes(response.status)) {
      const failure = graphErrorFromResponse(response.status, body, response.headers, call.path);
      // A gateway that timed out or lost the backend (504, 502) on a mutation means Graph may have acted:
      // never report it as "failed".
      if (!isRead && (response.status === 504 || response.status === 502))
        throw new GraphError('outcomeUnknown', response.status, failure.graphCode, failure.message, failure.requestId);
      throw failure;
    }
    return { status: response.status, body, requestId, headers: response.headers };
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

function retryPolicy(isRead: boolean, deadlineMs: number, mayRetry: boolean): RetryHandlerOptions {
  const giveUpAt = Date.now() + deadlineMs;
  const retryable = !mayRetry ? [] : isRead ? [429, 503, 504] : [429, 503];
  return new RetryHandlerOptions(RETRY_DELAY_SECONDS, 3, (_delay, attempt, _request, _options, response) => {
    if (!retryable.includes(response.status)) return false;
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    return Date.now() + (retryAfter !== undefined ? retryAfter * 1000 : worstBackOffMs(attempt + 1)) <= giveUpAt;
  });
}

const RETRY_DELAY_SECONDS = 1;

/** The longest wait the Graph client's RetryHandler picks without Retry-After: back-off + delay + 1 s jitter. */
function worstBackOffMs(retry: number): number {
  const backOff = retry >= 2 ? Math.round(0.5 * (2 ** retry - 1)) : 0;
  return (backOff + RETRY_DELAY_SECONDS + 1) * 1000;
}

/** The client joins query values as they are, so they are encoded here (names may hold `&`, `#`, spaces). */
function encodeQuery(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, encodeURIComponent(v)]));
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text; // not JSON (a proxy's HTML page, say): kept as text so the error can still be reported
  }
}

function transportFailure(error: unknown, isRead: boolean): GraphError {
  const name = (error as { code?: string }).code ?? (error as Error).name;
  if (name === 'GraphTimeoutError' || name === 'GraphConnectionLostError') {
    const message = name === 'GraphTimeoutError' ? 'Graph did not answer in time' : 'The connection to Graph was lost before it answered';
    return new GraphError(isRead ? 'timeout' : 'outcomeUnknown', 0, name, message, undefined);
  }
  return new GraphError('unreachable', 0, name ?? 'unknown', 'Microsoft Graph could not be reached', undefined);
}
