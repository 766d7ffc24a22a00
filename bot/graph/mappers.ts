import type {
  Job, Page, Profile, ProfileError, ProfileState, ProfileStatus, ProfileSyncStatus, ProviderType,
  ServicePrincipal, VerificationMessage, VerificationType,
} from './types';

type Json = Record<string, unknown>;

const PROFILE_STATES: readonly ProfileState[] = [
  'deleting', 'deletionFailed', 'provisioningFailed', 'provisioned', 'provisioning', 'unknownFutureValue',
];
const SYNC_STATUSES: readonly ProfileSyncStatus[] = [
  'paused', 'inProgress', 'success', 'error', 'validationError', 'quarantined', 'unknownFutureValue', 'extracting', 'validating',
];

export function toProfile(raw: unknown): Profile {
  const json = asObject(raw);
  return {
    id: text(json.id),
    displayName: text(json.displayName) || text(json.id),
    state: oneOf(json.state, PROFILE_STATES, 'unknownFutureValue'),
    providerType: providerTypeOf(asObject(json.dataProvider)['@odata.type']),
    ...(typeof json.expirationDate === 'string' ? { expirationDate: json.expirationDate } : {}),
  };
}

export function toProfileStatus(raw: unknown): ProfileStatus {
  const json = asObject(raw);
  return {
    status: oneOf(json.status, SYNC_STATUSES, 'unknownFutureValue'),
    ...optionalText(json, 'statusMessage', 'lastActivityDateTime', 'lastSynchronizationDateTime'),
    ...(typeof json.errorCount === 'number' ? { errorCount: json.errorCount } : {}),
  };
}

export function toProfileError(raw: unknown): ProfileError {
  const json = asObject(raw);
  return {
    id: text(json.id),
    ...optionalText(json, 'entryType', 'errorCode', 'errorMessage', 'joiningValue', 'recordedDateTime', 'reportableIdentifier'),
  };
}

/** The docs spell the type both `Error` and `error` (reference §1 row 7): compared case-insensitively. */
export function toVerificationMessage(raw: unknown): VerificationMessage {
  const json = asObject(raw);
  const type = text(json.type).toLowerCase();
  const known: readonly VerificationType[] = ['error', 'warning', 'information'];
  return {
    type: known.includes(type as VerificationType) ? (type as VerificationType) : 'unknown',
    fileName: text(json.fileName),
    description: text(json.description),
  };
}

export function toServicePrincipal(raw: unknown): ServicePrincipal {
  const json = asObject(raw);
  return {
    id: text(json.id),
    displayName: text(json.displayName) || text(json.appDisplayName) || text(json.id),
    tags: Array.isArray(json.tags) ? json.tags.filter((t): t is string => typeof t === 'string') : [],
    ...optionalText(json, 'appId'),
  };
}

/** The job as Graph shaped it (the package types), without the response's OData annotations. */
export function toJob(raw: unknown): Job {
  const json = Object.fromEntries(Object.entries(asObject(raw)).filter(([key]) => !key.startsWith('@odata.')));
  return { ...(json as unknown as Job), id: text(json.id) };
}

export function toPage<T>(raw: unknown, map: (item: unknown) => T): Page<T> {
  const json = asObject(raw);
  const items = Array.isArray(json.value) ? json.value.map(map) : [];
  return {
    items,
    ...(typeof json['@odata.nextLink'] === 'string' ? { nextLink: json['@odata.nextLink'] } : {}),
    ...(typeof json['@odata.count'] === 'number' ? { count: json['@odata.count'] } : {}),
  };
}

/** `#microsoft.graph.educationCsvDataProvider`, `Microsoft.Education.DataSync.educationCsvDataProvider`, … */
function providerTypeOf(odataType: unknown): ProviderType {
  const last = text(odataType).replace(/^#/, '').split('.').pop()?.toLowerCase() ?? '';
  if (last === 'educationcsvdataprovider') return 'csv';
  if (last === 'educationpowerschooldataprovider') return 'powerSchool';
  if (last === 'educationonerosterapidataprovider') return 'oneRoster';
  return 'unknown';
}

function asObject(raw: unknown): Json {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Json) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function optionalText<K extends string>(json: Json, ...keys: K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) if (typeof json[key] === 'string') out[key] = json[key] as string;
  return out;
}
