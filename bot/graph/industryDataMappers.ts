/** Graph JSON of the Industry Data API → our types; tolerant of missing fields and unknown enum members. */
import {
  ACTIVITY_STATUSES, OPERATION_STATUSES, READINESS_STATUSES, RUN_STATUSES, type FileValidation, type FlowSet, type InboundCounts,
  type InboundFlow, type ProvisioningFlow, type PublicError, type RoleCount, type SdsRun, type SdsRunActivity, type SdsRunStatistics,
} from './industryDataTypes';

type Json = Record<string, unknown>;

export function toSdsRun(raw: unknown): SdsRun {
  const json = asObject(raw);
  const blockingError = toPublicError(json.blockingError);
  return {
    id: text(json.id),
    displayName: text(json.displayName) || 'Run',
    status: oneOf(json.status, RUN_STATUSES),
    ...optionalText(json, 'startDateTime', 'endDateTime'),
    ...(blockingError ? { blockingError } : {}),
    ...(Array.isArray(json.activities) ? { activities: json.activities.map(toActivity) } : {}),
  };
}

function toActivity(raw: unknown): SdsRunActivity {
  const json = asObject(raw);
  const type = lastSegment(json['@odata.type']);
  const blockingError = toPublicError(json.blockingError);
  return {
    direction: type === 'inboundflowactivity' ? 'inbound' : type === 'outboundflowactivity' ? 'outbound' : 'unknown',
    displayName: text(json.displayName),
    status: oneOf(json.status, ACTIVITY_STATUSES),
    ...(blockingError ? { blockingError } : {}),
  };
}

export function toSdsRunStatistics(raw: unknown): SdsRunStatistics {
  const json = asObject(raw);
  return {
    runId: text(json.runId),
    status: oneOf(json.status, RUN_STATUSES),
    totals: toCounts(json.inboundTotals),
    // Only inbound results carry counts; other kinds of activity statistics are left out.
    flows: (Array.isArray(json.activityStatistics) ? json.activityStatistics : [])
      .filter((item) => typeof asObject(item).displayName === 'string')
      .map((item) => ({ ...toCounts(item), displayName: text(asObject(item).displayName), status: oneOf(asObject(item).status, ACTIVITY_STATUSES) })),
  };
}

function toCounts(raw: unknown): InboundCounts {
  const json = asObject(raw);
  return {
    errors: count(json.errors), warnings: count(json.warnings), people: count(json.people), groups: count(json.groups),
    memberships: count(json.memberships), organizations: count(json.organizations),
    matchedPeopleByRole: roles(json.matchedPeopleByRole), unmatchedPeopleByRole: roles(json.unmatchedPeopleByRole),
  };
}

export function toInboundFlow(raw: unknown): InboundFlow {
  const json = asObject(raw);
  const type = lastSegment(json['@odata.type']);
  const year = text(asObject(json.year).displayName);
  return {
    id: text(json.id),
    displayName: text(json.displayName) || text(json.id),
    source: type === 'inboundfileflow' ? 'file' : type === 'inboundapiflow' ? 'api' : 'unknown',
    readinessStatus: oneOf(json.readinessStatus, READINESS_STATUSES),
    ...optionalText(json, 'effectiveDateTime', 'expirationDateTime'),
    ...(year ? { year } : {}),
  };
}

const PROVISIONS: Record<string, ProvisioningFlow['provisions']> = {
  userprovisioningflow: 'users', classgroupprovisioningflow: 'classGroups',
  securitygroupprovisioningflow: 'securityGroups', administrativeunitprovisioningflow: 'administrativeUnits',
};

export function toProvisioningFlow(raw: unknown): ProvisioningFlow {
  const json = asObject(raw);
  return {
    id: text(json.id),
    displayName: text(json.displayName) || text(json.id),
    provisions: PROVISIONS[lastSegment(json['@odata.type'])] ?? 'unknown',
    readinessStatus: oneOf(json.readinessStatus, READINESS_STATUSES),
  };
}

export function toFlowSet(raw: unknown): FlowSet {
  const json = asObject(raw);
  return {
    id: text(json.id),
    displayName: text(json.displayName) || text(json.id),
    flows: Array.isArray(json.provisioningFlows) ? json.provisioningFlows.map(toProvisioningFlow) : [],
  };
}

export function toFileValidation(raw: unknown): FileValidation {
  const json = asObject(raw);
  const errors = (list: unknown) => (Array.isArray(list) ? list.map(toPublicError).filter((e): e is PublicError => e !== undefined) : []);
  return {
    id: text(json.id),
    status: oneOf(json.status, OPERATION_STATUSES),
    ...optionalText(json, 'statusDetail'),
    validatedFiles: Array.isArray(json.validatedFiles) ? json.validatedFiles.filter((f): f is string => typeof f === 'string') : [],
    errors: errors(json.errors),
    warnings: errors(json.warnings),
  };
}

function toPublicError(raw: unknown): PublicError | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const json = raw as Json;
  if (!text(json.code) && !text(json.message)) return undefined;
  return { code: text(json.code), message: text(json.message), ...(text(json.target) ? { target: text(json.target) } : {}) };
}

function roles(raw: unknown): RoleCount[] {
  return (Array.isArray(raw) ? raw : []).map((item) => ({ role: text(asObject(item).role) || 'unknown', count: count(asObject(item).count) }));
}

/** `#microsoft.graph.industryData.inboundFileFlow` → `inboundfileflow`. */
function lastSegment(odataType: unknown): string {
  return text(odataType).split('.').pop()?.toLowerCase() ?? '';
}

function asObject(raw: unknown): Json {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Json) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T {
  return allowed.includes(value as T) ? (value as T) : ('unknownFutureValue' as T);
}

function optionalText<K extends string>(json: Json, ...keys: K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) if (typeof json[key] === 'string') out[key] = json[key] as string;
  return out;
}
