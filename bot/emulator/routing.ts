/** The route table type and lookup for paths under /beta. */
import type { Caller, Operation } from './auth';
import type { EmulatorContext } from './context';
import { GraphFailure, type GraphRequest, type GraphResponse } from './protocol';

/** Which family an endpoint belongs to decides how a permission failure is answered (§1 row 16). */
export type Area = 'sds' | 'directory' | 'sync' | 'batch' | 'industryData';

export interface GraphCall {
  ctx: EmulatorContext;
  request: GraphRequest;
  /** Capture groups of the route pattern, undefined for groups that did not take part. */
  params: (string | undefined)[];
  caller: Caller;
  /** The caller passed only through Application.ReadWrite.OwnedBy; the handler must check ownership. */
  ownerOnly: boolean;
  now: Date;
  /** Runs a request through the whole pipeline (used by $batch). */
  dispatch: (request: GraphRequest) => Promise<GraphResponse>;
}

export interface Route {
  method: string;
  /** Matched against the path after /beta. */
  pattern: RegExp;
  operation: Operation;
  area: Area;
  handle: (call: GraphCall) => GraphResponse | Promise<GraphResponse>;
}

const TOP_LEVEL_SEGMENTS = new Set(['education', 'servicePrincipals', '$batch', 'auditLogs', 'users', 'external']);

/** The route for a /beta sub-path, or a 404/405 Graph failure. */
export function matchRoute(routes: Route[], method: string, subPath: string): { route: Route; params: (string | undefined)[] } {
  // The first route with this method and path wins; a path known only for other methods is a 405.
  let isKnownPath = false;
  for (const route of routes) {
    if (route.method !== method) {
      isKnownPath ||= route.pattern.test(subPath);
      continue;
    }
    const match = route.pattern.exec(subPath);
    if (match) return { route, params: match.slice(1) };
  }
  if (isKnownPath) {
    throw new GraphFailure(405, 'notAllowed', `The HTTP method '${method}' is not allowed on this resource.`);
  }
  throw new GraphFailure(404, 'ResourceNotFound', `Resource not found for the segment '${unknownSegment(subPath)}'.`);
}

function unknownSegment(subPath: string): string {
  const segments = subPath.split('/').filter(Boolean);
  const first = segments[0] ?? '';
  if (!TOP_LEVEL_SEGMENTS.has(first.replace(/\(.*$/, ''))) return first;
  return segments[segments.length - 1] ?? first;
}
