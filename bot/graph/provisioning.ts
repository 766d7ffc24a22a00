/**
 * The provisioning logs, directory users, job schemas and provision on demand: the typed Graph calls behind
 * `logs job`, `why` and `provision` (docs/provisioning-logs.md). Reached as `gateway.provisioning`.
 */
import { APP_CALLER, type Caller } from '../actor';
import type { GraphRequester } from './requester';
import { toPage } from './mappers';
import { toOnDemandResult, toProvisioningEvent, toRules, toUser } from './provisioningMappers';
import type {
  DirectoryUser, OnDemandResult, ProvisioningEvent, ProvisioningEvents, ProvisioningQuery, SynchronizationRule,
} from './provisioningTypes';
import type { MutationReceipt } from './types';

/** Events per page; the API takes `$top` and needs it to hand out a nextLink at all. */
export const EVENTS_PAGE_SIZE = 100;

/** One subject of provisionOnDemand: an Entra user is `User` (docs example 1). */
export interface OnDemandSubject {
  objectId: string;
  objectTypeName: string;
}

export class ProvisioningGateway {
  constructor(private readonly graph: GraphRequester) {}

  /**
   * GET /auditLogs/provisioning?$filter=…&$top=n, following @odata.nextLink verbatim for at most `maxPages`
   * pages (the logs of a busy job run to thousands of events; a chat card needs the newest).
   */
  async listEvents(query: ProvisioningQuery, maxPages: number, pageSize = EVENTS_PAGE_SIZE, caller: Caller = APP_CALLER): Promise<ProvisioningEvents> {
    const events: ProvisioningEvent[] = [];
    let next: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const result = await this.graph.send({
        method: 'GET', path: next ?? '/auditLogs/provisioning', caller,
        ...(next ? {} : { query: { $filter: filterOf(query), $top: String(pageSize) } }),
      });
      const read = toPage(result.body, toProvisioningEvent);
      events.push(...read.items);
      next = read.nextLink;
      if (!next) return { events, isTruncated: false };
    }
    return { events, isTruncated: true };
  }

  /** GET /users/{id | userPrincipalName}?$select=id,displayName,userPrincipalName */
  async getUser(idOrUpn: string, caller: Caller = APP_CALLER): Promise<DirectoryUser> {
    const result = await this.graph.send({
      method: 'GET', path: `/users/${encodeURIComponent(idOrUpn)}`, caller, query: { $select: 'id,displayName,userPrincipalName' },
    });
    return toUser(result.body);
  }

  /** GET /servicePrincipals/{id}/synchronization/jobs/{jobId}/schema, its synchronizationRules. */
  async getRules(servicePrincipalId: string, jobId: string, caller: Caller = APP_CALLER): Promise<SynchronizationRule[]> {
    return toRules((await this.graph.send({ method: 'GET', path: `${jobPath(servicePrincipalId, jobId)}/schema`, caller })).body);
  }

  /**
   * POST /servicePrincipals/{id}/synchronization/jobs/{jobId}/provisionOnDemand with one rule and one subject.
   * No automatic retry, not even on 429: the operation's limiter counts every request it sends against Graph's
   * 5 per 10 s per tenant, and a retry it never counted would spend the tenant's quota behind its back.
   */
  async provisionOnDemand(servicePrincipalId: string, jobId: string, ruleId: string, subject: OnDemandSubject, caller: Caller): Promise<MutationReceipt & { result: OnDemandResult }> {
    const result = await this.graph.send({
      method: 'POST', path: `${jobPath(servicePrincipalId, jobId)}/provisionOnDemand`, caller, mayRetry: false,
      body: onDemandRequest(ruleId, subject), headers: { 'Content-Type': 'application/json' },
    });
    return { requestId: result.requestId, result: toOnDemandResult(result.body) };
  }
}

/** The request as a confirmation card shows it: the same path and body the gateway sends. */
export function describeProvisionOnDemand(servicePrincipalId: string, jobId: string, ruleId: string, subject: OnDemandSubject): string {
  return `POST ${jobPath(servicePrincipalId, jobId)}/provisionOnDemand ${JSON.stringify(onDemandRequest(ruleId, subject))}`;
}

function onDemandRequest(ruleId: string, subject: OnDemandSubject) {
  return { parameters: [{ ruleId, subjects: [{ objectId: subject.objectId, objectTypeName: subject.objectTypeName }] }] };
}

/** Documented forms only: `eq` on jobId, the identities and servicePrincipal/id, `gt` on activityDateTime, joined by `and`. */
export function filterOf(query: ProvisioningQuery): string {
  const clauses = [
    ...(query.jobId ? [`jobId eq '${quote(query.jobId)}'`] : []),
    ...(query.sourceId ? [`sourceIdentity/id eq '${quote(query.sourceId)}'`] : []),
    ...(query.targetId ? [`targetIdentity/id eq '${quote(query.targetId)}'`] : []),
    ...(query.servicePrincipalId ? [`servicePrincipal/id eq '${quote(query.servicePrincipalId)}'`] : []),
    // Graph's timestamps carry no milliseconds; the filter value is written the same way.
    `activityDateTime gt ${query.since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
  ];
  return clauses.join(' and ');
}

/** OData doubles a quote inside a string literal. */
function quote(value: string): string {
  return value.replace(/'/g, "''");
}

function jobPath(servicePrincipalId: string, jobId: string): string {
  return `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/synchronization/jobs/${encodeURIComponent(jobId)}`;
}
