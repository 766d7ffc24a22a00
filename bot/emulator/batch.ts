/** JSON batching, POST /$batch (reference §2.7): ≤ 20 requests, dependsOn, 424 for failed dependencies. */
import { randomUUID } from 'node:crypto';
import { errorBody, GraphFailure, type GraphRequest, type GraphResponse } from './protocol';
import type { GraphCall, Route } from './routing';

const MAX_REQUESTS = 20;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

interface BatchItem {
  id: string;
  method: string;
  url: string;
  dependsOn: string[];
  headers: Record<string, string>;
  body: unknown;
}

interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

function malformed(message: string): GraphFailure {
  return new GraphFailure(400, 'BadRequest', message);
}

function readItem(raw: unknown, index: number): BatchItem {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw malformed(`Request ${index} of the batch is not an object.`);
  const item = raw as Record<string, unknown>;
  if (typeof item.id !== 'string' || item.id === '') throw malformed(`Request ${index} of the batch has no id.`);
  if (typeof item.method !== 'string' || !METHODS.has(item.method.toUpperCase())) throw malformed(`Request '${item.id}' has an invalid method.`);
  if (typeof item.url !== 'string' || item.url === '') throw malformed(`Request '${item.id}' has no url.`);
  const dependsOn = item.dependsOn ?? [];
  if (!Array.isArray(dependsOn) || dependsOn.some((id) => typeof id !== 'string')) throw malformed(`Request '${item.id}' has an invalid dependsOn.`);
  const headers = item.headers ?? {};
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) throw malformed(`Request '${item.id}' has invalid headers.`);
  return {
    id: item.id,
    method: item.method.toUpperCase(),
    url: item.url,
    dependsOn: dependsOn as string[],
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)])),
    body: item.body,
  };
}

/** Ids are unique case-insensitively; dependencies must exist and must not form a cycle. */
function readBatch(body: unknown): BatchItem[] {
  const requests = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) throw malformed('The batch body must have a non-empty "requests" array.');
  if (requests.length > MAX_REQUESTS) throw malformed(`The batch has ${requests.length} requests; the limit is ${MAX_REQUESTS}.`);
  const items = requests.map(readItem);
  const byId = new Map<string, BatchItem>();
  for (const item of items) {
    const key = item.id.toLowerCase();
    if (byId.has(key)) throw malformed(`The batch contains the id '${item.id}' more than once.`);
    byId.set(key, item);
  }
  const visiting = new Set<string>();
  const visit = (item: BatchItem): void => {
    const key = item.id.toLowerCase();
    if (visiting.has(key)) throw malformed(`The dependsOn of request '${item.id}' forms a cycle.`);
    visiting.add(key);
    for (const dependency of item.dependsOn) {
      const target = byId.get(dependency.toLowerCase());
      if (!target) throw malformed(`Request '${item.id}' depends on '${dependency}', which is not in the batch.`);
      visit(target);
    }
    visiting.delete(key);
  };
  items.forEach(visit);
  return items;
}

/** The inner request, relative to the version; its token is the outer one. */
function innerRequest(item: BatchItem, outer: GraphRequest): GraphRequest | GraphFailure {
  if (/^[a-z][a-z0-9+.-]*:/i.test(item.url)) return malformed('The url of a batch request must be relative to the version, e.g. /education/synchronizationProfiles.');
  const url = new URL(`https://batch.invalid/beta${item.url.startsWith('/') ? '' : '/'}${item.url}`);
  if (url.pathname === '/beta/$batch') return malformed('A batch cannot contain another batch.');
  if (item.body !== undefined && item.headers['content-type'] === undefined) {
    return malformed(`Request '${item.id}' has a body but no Content-Type header.`);
  }
  const headers: Record<string, string> = { ...item.headers };
  if (outer.headers.authorization !== undefined) headers.authorization = outer.headers.authorization;
  return {
    method: item.method,
    path: decodeURIComponent(url.pathname),
    query: Object.fromEntries(url.searchParams),
    headers,
    body: item.body,
    hasInvalidBody: false,
  };
}

function answer(id: string, response: GraphResponse): BatchAnswer {
  return { id, status: response.status, headers: response.headers ?? {}, ...(response.body === undefined ? {} : { body: response.body }) };
}

function failedAnswer(id: string, failure: GraphFailure, call: GraphCall): BatchAnswer {
  const ids = { requestId: randomUUID(), clientRequestId: randomUUID(), date: call.now };
  return answer(id, { status: failure.status, headers: { 'Content-Type': 'application/json' }, body: errorBody(failure.code, failure.message, ids) });
}

async function runBatch(call: GraphCall): Promise<GraphResponse> {
  const items = readBatch(call.request.body);
  const byId = new Map(items.map((item) => [item.id.toLowerCase(), item]));
  const running = new Map<string, Promise<BatchAnswer>>();
  const run = (item: BatchItem): Promise<BatchAnswer> => {
    const key = item.id.toLowerCase();
    let promise = running.get(key);
    if (!promise) {
      promise = (async () => {
        const dependencies = await Promise.all(item.dependsOn.map((id) => run(byId.get(id.toLowerCase()) as BatchItem)));
        const failed = dependencies.find((dependency) => dependency.status < 200 || dependency.status > 299);
        if (failed) return failedAnswer(item.id, new GraphFailure(424, 'FailedDependency', `Request '${failed.id}', which this request depends on, failed.`), call);
        const inner = innerRequest(item, call.request);
        if (inner instanceof GraphFailure) return failedAnswer(item.id, inner, call);
        return answer(item.id, await call.dispatch(inner));
      })();
      running.set(key, promise);
    }
    return promise;
  };
  const responses = await Promise.all(items.map(run));
  return { status: 200, body: { responses } };
}

export const batchRoutes: Route[] = [
  { method: 'POST', pattern: /^\/\$batch$/, operation: 'batch', area: 'batch', handle: runBatch },
];
