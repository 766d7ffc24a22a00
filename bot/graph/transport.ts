import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { Agent, getGlobalDispatcher, request, type Dispatcher } from 'undici';
import { BufferedResponse } from './bufferedResponse';

/**
 * What went wrong below HTTP. The Graph client re-wraps thrown errors keeping only their `name`, so the
 * name carries the one fact the gateway needs: could the request have reached Graph?
 */
export type TransportFailure = 'GraphTimeoutError' | 'GraphConnectionLostError' | 'GraphUnreachableError';

export class TransportError extends Error {
  constructor(name: TransportFailure, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The last link of the Graph client's middleware chain, in place of its HTTPMessageHandler: sends one
 * attempt with a per-attempt timeout (headers and body both within it), and trusts exactly the given CA
 * when there is one (the demo emulator's certificate, made at its start) instead of turning TLS checks off.
 * It uses undici's `request`, not `fetch`: Graph answers are small JSON read whole, and fetch's web
 * streams, Response and AbortSignal plumbing were about a tenth of the bot's CPU for a `profiles` answer.
 * Like the Graph client's chain here (it has no RedirectHandler), it follows no redirect: the JSON APIs
 * SyncOps calls answer in place, and a 3xx is reported as Graph's answer, never re-sent with the token.
 */
export class Transport implements Middleware {
  private readonly dispatcher?: Dispatcher;

  constructor(
    private readonly timeoutMs: number,
    caCert?: string,
  ) {
    this.dispatcher = caCert ? new Agent({ connect: { ca: caCert } }) : undefined;
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const options = context.options ?? {};
    try {
      const answer = await request(url, {
        method: (options.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: options.headers as Record<string, string>,
        body: options.body as string | undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
        dispatcher: this.dispatcher ?? getGlobalDispatcher(),
      });
      context.response = new BufferedResponse(url, answer.statusCode, answer.headers, await answer.body.text()) as unknown as Response;
    } catch (error) {
      throw toTransportError(error, this.timeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
  }
}

const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_TLS_CERT_ALTNAME_INVALID']);

function toTransportError(error: unknown, timeoutMs: number): TransportError {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new TransportError('GraphTimeoutError', `Graph did not answer within ${timeoutMs} ms`);
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  // Refused or unresolvable connections and failed TLS handshakes never carried the request; anything
  // else (a connection reset mid-request) might have.
  const isNeverSent = cause !== undefined && (NEVER_SENT.has(cause) || /CERT|SELF_SIGNED|UNABLE_TO_/.test(cause));
  return new TransportError(isNeverSent ? 'GraphUnreachableError' : 'GraphConnectionLostError', `${cause ?? name}`);
}
