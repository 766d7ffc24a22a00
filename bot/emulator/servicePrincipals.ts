/** GET /servicePrincipals (with $filter, $search, $select, $top, $count) and GET /servicePrincipals/{id} (§4). */
import { parseFilter, parseSearch, parseSelect, project } from './directoryQuery';
import type { ServicePrincipal } from './model';
import { pageOf } from './paging';
import { GraphFailure, type GraphRequest, type GraphResponse } from './protocol';
import type { GraphCall, Route } from './routing';
import { findApp, type AppKey, type AppRecord, type TenantState } from './state';

/** `/servicePrincipals/{id}` or the alternate key `/servicePrincipals(appId='{appId}')`. */
export const SERVICE_PRINCIPAL_KEY = "(?:/([^/()]+)|\\(appId='([^'/]*)'\\))";

export const SEARCH_NEEDS_EVENTUAL =
  "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'";

function isEventual(request: GraphRequest): boolean {
  return (request.headers.consistencylevel ?? '').trim().toLowerCase() === 'eventual';
}

export function appKeyOf(params: (string | undefined)[]): AppKey {
  return params[0] !== undefined ? { by: 'id', value: params[0] } : { by: 'appId', value: params[1] ?? '' };
}

/** The app for a key, or the directory's 404 (§2.4). */
export function requireApp(tenant: TenantState, key: AppKey): AppRecord {
  const app = findApp(tenant, key);
  if (!app) {
    const shown = key.by === 'id' ? key.value : `appId='${key.value}'`;
    throw new GraphFailure(404, 'Request_ResourceNotFound',
      `Resource '${shown}' does not exist or one of its queried reference-property objects are not present.`);
  }
  return app;
}

function orderBy(items: ServicePrincipal[], text: string | undefined): ServicePrincipal[] {
  if (text === undefined) return items;
  const match = /^\s*displayName(?:\s+(asc|desc))?\s*$/i.exec(text);
  if (!match) throw new GraphFailure(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
  const sign = match[1]?.toLowerCase() === 'desc' ? -1 : 1;
  return [...items].sort((a, b) => sign * a.displayName.localeCompare(b.displayName));
}

function contextFragment(select: string[] | null): string {
  return select === null ? 'servicePrincipals' : `servicePrincipals(${select.join(',')})`;
}

function list(call: GraphCall): GraphResponse {
  const { query } = call.request;
  if (query.$search !== undefined && !isEventual(call.request)) {
    throw new GraphFailure(400, 'Request_UnsupportedQuery', SEARCH_NEEDS_EVENTUAL);
  }
  const select = parseSelect(query.$select);
  const filter = query.$filter === undefined ? () => true : parseFilter(query.$filter);
  const search = query.$search === undefined ? () => true : parseSearch(query.$search);
  const found = [...call.ctx.tenant.apps.values()]
    .map((app) => app.servicePrincipal)
    .filter((sp) => filter(sp) && search(sp));
  const page = pageOf(orderBy(found, query.$orderby), call.ctx.origin, call.request,
    { allowCount: isEventual(call.request), badRequestCode: 'Request_BadRequest' });
  return {
    status: 200,
    body: {
      '@odata.context': `${call.ctx.origin}/beta/$metadata#${contextFragment(select)}`,
      ...page,
      value: page.value.map((sp) => project(sp, select)),
    },
  };
}

function get(call: GraphCall): GraphResponse {
  const select = parseSelect(call.request.query.$select);
  const app = requireApp(call.ctx.tenant, appKeyOf(call.params));
  return {
    status: 200,
    body: { '@odata.context': `${call.ctx.origin}/beta/$metadata#${contextFragment(select)}/$entity`, ...project(app.servicePrincipal, select) },
  };
}

export const servicePrincipalRoutes: Route[] = [
  { method: 'GET', pattern: /^\/servicePrincipals$/, operation: 'directory.read', area: 'directory', handle: list },
  { method: 'GET', pattern: new RegExp(`^/servicePrincipals${SERVICE_PRINCIPAL_KEY}$`), operation: 'directory.read', area: 'directory', handle: get },
];
