/** Graph JSON to the provisioning domain types; tolerant of missing fields and of enum case. */
import {
  PROVISIONING_RESULTS, type DirectoryUser, type OnDemandResult, type ProvisionedIdentity, type ProvisioningError,
  type ProvisioningEvent, type ProvisioningResult, type ProvisioningStep, type SynchronizationRule,
} from './provisioningTypes';

type Json = Record<string, unknown>;

export function toProvisioningEvent(raw: unknown): ProvisioningEvent {
  const json = asObject(raw);
  const statusInfo = asObject(json.provisioningStatusInfo);
  const error = toProvisioningError(statusInfo.errorInformation);
  return {
    id: text(json.id),
    activityDateTime: text(json.activityDateTime),
    jobId: text(json.jobId),
    cycleId: text(json.cycleId),
    action: text(json.provisioningAction) || text(json.action).toLowerCase() || 'other',
    status: toResult(statusInfo.status ?? asObject(json.statusInfo).status),
    ...(error ? { error } : {}),
    steps: list(json.provisioningSteps).map(toProvisioningStep),
    source: toIdentity(json.sourceIdentity),
    target: toIdentity(json.targetIdentity),
    sourceSystem: text(asObject(json.sourceSystem).displayName),
    targetSystem: text(asObject(json.targetSystem).displayName),
    servicePrincipal: { id: text(asObject(json.servicePrincipal).id), displayName: text(asObject(json.servicePrincipal).displayName) },
  };
}

/** The logs write `provisioningStepType: "import"`; provision on demand writes `type: "Import"`. */
export function toProvisioningStep(raw: unknown): ProvisioningStep {
  const json = asObject(raw);
  const details = asObject(json.details);
  return {
    name: text(json.name),
    type: (text(json.provisioningStepType) || text(json.type)).toLowerCase(),
    status: toResult(json.status),
    description: text(json.description),
    details: Object.fromEntries(Object.entries(details).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
  };
}

export function toUser(raw: unknown): DirectoryUser {
  const json = asObject(raw);
  return { id: text(json.id), displayName: text(json.displayName) || text(json.userPrincipalName), userPrincipalName: text(json.userPrincipalName) };
}

export function toRules(raw: unknown): SynchronizationRule[] {
  return list(asObject(raw).synchronizationRules).map((item) => {
    const json = asObject(item);
    return {
      id: text(json.id), name: text(json.name),
      sourceDirectoryName: text(json.sourceDirectoryName), targetDirectoryName: text(json.targetDirectoryName),
      objectMappings: list(json.objectMappings).map((m) => {
        const mapping = asObject(m);
        return { sourceObjectName: text(mapping.sourceObjectName), targetObjectName: text(mapping.targetObjectName), enabled: mapping.enabled !== false };
      }),
    };
  });
}

/**
 * provisionOnDemand answers a stringKeyStringValuePair whose `key` and `value` are JSON text (docs example):
 * `key` = `{"result":"Skipped","details":{"errorCode":…,"errorMessage":…}}`, `value` = the steps and statusInfo.
 */
export function toOnDemandResult(raw: unknown): OnDemandResult {
  const json = asObject(raw);
  const key = asObject(parseJson(json.key));
  const value = asObject(parseJson(json.value));
  const details = asObject(key.details);
  const statusInfo = asObject(value.statusInfo);
  const error = toProvisioningError(statusInfo);
  return {
    result: toResult(key.result ?? statusInfo.status),
    ...(typeof details.errorCode === 'string' ? { errorCode: details.errorCode } : {}),
    ...(typeof details.errorMessage === 'string' ? { errorMessage: details.errorMessage } : {}),
    ...(error ? { error } : {}),
    steps: list(value.provisioningSteps).map(toProvisioningStep),
  };
}

function toProvisioningError(raw: unknown): ProvisioningError | undefined {
  const json = asObject(raw);
  const error: ProvisioningError = {};
  for (const key of ['errorCode', 'reason', 'recommendedAction', 'additionalDetails', 'errorCategory'] as const) {
    if (typeof json[key] === 'string' && json[key] !== '') error[key] = json[key] as string;
  }
  return error.errorCode || error.reason ? error : undefined;
}

function toIdentity(raw: unknown): ProvisionedIdentity {
  const json = asObject(raw);
  return { id: text(json.id), displayName: text(json.displayName), identityType: text(json.identityType) || text(json.type) };
}

function toResult(value: unknown): ProvisioningResult {
  const lower = text(value).toLowerCase();
  return (PROVISIONING_RESULTS as readonly string[]).includes(lower) ? (lower as ProvisioningResult) : 'unknown';
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    // Not JSON after all: the result is then read as unknown, never a crash.
    return undefined;
  }
}

function asObject(raw: unknown): Json {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Json) : {};
}

function list(raw: unknown): unknown[] {
  return Array.isArray(raw) ? raw : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
