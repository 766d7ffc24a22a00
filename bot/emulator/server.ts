/** HTTP plumbing: read the request, hand it to the control API or the Graph pipeline, write the answer. */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context';
import { CONTROL_PREFIX, handleControl } from './control';
import { EmulatorClosedError, handleGraphRequest } from './pipeline';
import { errorBody, PLAIN_JSON_CONTENT_TYPE, type GraphRequest } from './protocol';
import type { Route } from './routing';
import type { Certificate } from './tls';

const MAX_BODY_BYTES = 1_000_000;

class BodyTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): { body: unknown; hasInvalidBody: boolean } {
  if (text.trim() === '') return { body: undefined, hasInvalidBody: false };
  try {
    return { body: JSON.parse(text) as unknown, hasInvalidBody: false };
  } catch {
    // Not JSON: kept as text for the log; the pipeline answers 400 for it.
    return { body: text, hasInvalidBody: true };
  }
}

function headersOf(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(request.headers)
    .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
    .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  // Not chained: restify, when loaded in the same process (the bot), replaces ServerResponse#writeHead
  // with a version that does not return the response.
  response.writeHead(status, headers);
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

async function handle(ctx: EmulatorContext, routes: Route[], request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', ctx.origin);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    // A malformed percent-escape cannot name any resource.
    path = url.pathname;
  }
  const { body, hasInvalidBody } = parseBody(await readBody(request));
  const method = (request.method ?? 'GET').toUpperCase();
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
    const answer = handleControl(ctx, method, path.slice(CONTROL_PREFIX.length), body, hasInvalidBody);
    send(response, answer.status, answer.body === undefined ? {} : { 'Content-Type': PLAIN_JSON_CONTENT_TYPE }, answer.body);
    return;
  }
  const graphRequest: GraphRequest = { method, path, query: Object.fromEntries(url.searchParams), headers: headersOf(request), body, hasInvalidBody };
  const answer = await handleGraphRequest(ctx, routes, graphRequest);
  send(response, answer.status, answer.headers ?? {}, answer.body);
}

export function createEmulatorServer(ctx: EmulatorContext, routes: Route[], certificate: Certificate): Server {
  return createServer({ key: certificate.key, cert: certificate.cert }, (request, response) => {
    handle(ctx, routes, request, response).catch((error: unknown) => {
      if (error instanceof EmulatorClosedError) {
        response.destroy();
        return;
      }
      const status = error instanceof BodyTooLargeError ? 413 : 500;
      const ids = { requestId: '', clientRequestId: '', date: ctx.now() };
      send(response, status, { 'Content-Type': PLAIN_JSON_CONTENT_TYPE }, errorBody(status === 413 ? 'requestTooLarge' : 'generalException', (error as Error).message, ids));
    });
  });
}
