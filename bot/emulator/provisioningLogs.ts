/** GET /auditLogs/provisioning and GET /users/{id | userPrincipalName} (docs/provisioning-logs.md). */
import { nextLink, readPage } from './paging';
import { parseProvisioningFilter } from './provisioningFilter';
import type { DirectoryUser } from './provisioningModel';
import { GraphFailure, type GraphResponse } from './protocol';
import type { GraphCall, Route } from './routing';

const BAD_REQUEST = 'BadRequest';

/**
 * Newest first (the portal's order; the API's default order is unconfirmed), `$orderby=activityDateTime`
 * either way. "You must pass the top filter in the query to generate the token" and "You cannot specify the
 * number of results to be skipped": a nextLink only with `$top`, and `$skip` refused.
 */
function listEvents(call: GraphCall): GraphResponse {
  const { query } = call.request;
  if (query.$skip !== undefined) throw new GraphFailure(400, BAD_REQUEST, 'The query parameter $skip is not supported; use $top and follow @odata.nextLink.');
  const test = parseProvisioningFilter(query.$filter);
  const order = /^\s*activityDateTime(?:\s+(asc|desc))?\s*$/i.exec(query.$orderby ?? 'activityDateTime desc');
  if (!order) throw new GraphFailure(400, BAD_REQUEST, `$orderby '${query.$orderby}' is not supported.`);
  const sign = order[1]?.toLowerCase() === 'asc' ? 1 : -1;
  const events = call.ctx.tenant.provisioning.events.filter(test)
    .sort((a, b) => sign * a.activityDateTime.localeCompare(b.activityDateTime));
  const { top, offset } = readPage(query, BAD_REQUEST);
  const hasMore = query.$top !== undefined && offset + top < events.length;
  return {
    status: 200,
    body: {
      '@odata.context': `${call.ctx.origin}/beta/$metadata#auditLogs/provisioning`,
      value: events.slice(offset, offset + top),
      ...(hasMore ? { '@odata.nextLink': nextLink(call.ctx.origin, call.request.path, query, offset + top) } : {}),
    },
  };
}

/** A user by object id or userPrincipalName; the directory's 404 otherwise (reference §2.4). */
function getUser(call: GraphCall): GraphResponse {
  const key = (call.params[0] ?? '').toLowerCase();
  const user = call.ctx.tenant.provisioning.users.find((u) => u.id === key || u.userPrincipalName.toLowerCase() === key);
  if (!user) {
    throw new GraphFailure(404, 'Request_ResourceNotFound', `Resource '${call.params[0]}' does not exist or one of its queried reference-property objects are not present.`);
  }
  return { status: 200, body: { '@odata.context': `${call.ctx.origin}/beta/$metadata#users/$entity`, ...selected(user, call.request.query.$select) } };
}

/** `$select` as the directory applies it: only the named properties, a 400 for a name the user type lacks. */
function selected(user: DirectoryUser, select: string | undefined): Record<string, unknown> {
  if (select === undefined) return { ...user };
  const names = select.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.find((name) => !(name in user));
  if (unknown) throw new GraphFailure(400, 'Request_BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`);
  return Object.fromEntries(names.map((name) => [name, user[name as keyof DirectoryUser]]));
}

export const provisioningLogRoutes: Route[] = [
  { method: 'GET', pattern: /^\/auditLogs\/provisioning\/?$/, operation: 'auditLogs.read', area: 'directory', handle: listEvents },
  { method: 'GET', pattern: /^\/users\/([^/]+)$/, operation: 'users.read', area: 'directory', handle: getUser },
];
