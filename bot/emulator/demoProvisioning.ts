/**
 * The demo tenant's provisioning logs, users and job schemas, matching the jobs in demoApps.ts: the ServiceNow
 * job's last run escrowed 4 users (EntryLevelErrors), the Fabrikam SCIM job failed 6 hours ago on its
 * credentials and went into quarantine, Workday and Salesforce ran clean. Error codes, reasons and actions
 * follow Microsoft's provisioning-log error table (docs/provisioning-logs.md).
 */
import { DEMO } from './demoIds';
import type {
  DirectoryUser, ProvisioningAction, ProvisioningErrorInfo, ProvisioningObjectSummary, ProvisioningState, SynchronizationRule,
} from './provisioningModel';
import { isoSeconds } from './state';

const ENTRA = 'Azure Active Directory';
const J = DEMO.jobs;

/** Demo people: a stable id from the index, so tests can name them. */
const PEOPLE = [
  'Alex Wilber', 'Megan Bowen', 'Lee Gu', 'Isaiah Langer', 'Adele Vance', 'Diego Siciliani', 'Grady Archie', 'Nestor Wilke',
  'Patti Fernandez', 'Johanna Lorenz', 'Lynne Robbins', 'Pradeep Gupta', 'Henrietta Mueller', 'Joni Sherman', 'Irvin Sayers',
] as const;

export function demoUserId(index: number): string {
  return `7d1c0e2a-4b3f-4c5d-8e6f-${(0xa00 + index).toString(16).padStart(12, '0')}`;
}

function users(): DirectoryUser[] {
  return PEOPLE.map((name, index) => {
    const upn = `${name.toLowerCase().replace(' ', '.')}@contoso.edu`;
    return { id: demoUserId(index), displayName: name, userPrincipalName: upn, mail: upn, accountEnabled: true };
  });
}

export const DEMO_ERRORS = {
  duplicateTarget: {
    errorCode: 'DuplicateTargetEntries', errorCategory: 'nonServiceFailure', additionalDetails: null,
    reason: 'The operation failed because more than one user in ServiceNow was found with the configured matching attributes.',
    recommendedAction: 'Remove the duplicate user from ServiceNow, or reconfigure your attribute mappings so that only one user matches.',
  },
  singleValued: {
    errorCode: 'SchemaPropertyCanOnlyAcceptValue', errorCategory: 'nonServiceFailure', additionalDetails: null,
    reason: 'The property in the target system can only accept one value, but the property in the source system has multiple.',
    recommendedAction: 'Map a single-valued attribute to the property, make the value in the source single-valued, or remove the attribute from the mappings.',
  },
  scimCredentials: {
    errorCode: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable', errorCategory: 'nonServiceFailure', additionalDetails: 'HTTP 401 Unauthorized',
    reason: 'The target application rejected the configured credentials.',
    recommendedAction: 'Check the tenant URL and secret token under Admin Credentials, select Test Connection, then restart provisioning.',
  },
} satisfies Record<string, ProvisioningErrorInfo>;

interface Seed {
  job: { servicePrincipalId: string; jobId: string };
  appName: string;
  person: number;
  minutesAgo: number;
  action: ProvisioningAction;
  error?: ProvisioningErrorInfo;
  /** Inbound (HR to directory): the user is the target identity. */
  isInbound?: boolean;
}

function summary(seed: Seed, now: Date, serial: number): ProvisioningObjectSummary {
  const person = PEOPLE[seed.person]!;
  const upn = users()[seed.person]!.userPrincipalName;
  const entraUser = { id: demoUserId(seed.person), displayName: person, identityType: 'User', details: {} };
  const appUser = { id: seed.error ? '' : `${seed.appName.slice(0, 3).toLowerCase()}-${1000 + seed.person}`, displayName: seed.error ? '' : upn, identityType: 'User', details: {} };
  const failed = seed.error !== undefined;
  const target = seed.isInbound ? ENTRA : seed.appName;
  const verb = seed.action === 'create' ? 'created' : 'updated';
  return {
    id: `5e0c9e1a-0000-4a00-8000-${serial.toString(16).padStart(12, '0')}`,
    activityDateTime: isoSeconds(new Date(now.getTime() - seed.minutesAgo * 60_000)),
    tenantId: DEMO.tenantId,
    jobId: seed.job.jobId,
    cycleId: `c${Math.floor(seed.minutesAgo / 40).toString().padStart(7, '0')}-2d3e-4f50-8a6b-${seed.job.jobId.slice(-12)}`,
    changeId: `d${serial.toString(16).padStart(7, '0')}-1b2c-4d3e-9f40-5a6b7c8d9e0f`,
    provisioningAction: seed.action,
    durationInMilliseconds: 900 + seed.person * 37,
    provisioningStatusInfo: { status: failed ? 'failure' : 'success', errorInformation: seed.error ?? null },
    provisioningSteps: [
      { name: 'EntryImport', provisioningStepType: 'import', status: 'success', description: `Retrieved User '${upn}' from ${seed.isInbound ? seed.appName : ENTRA}`, details: {} },
      { name: 'EntrySynchronizationScoping', provisioningStepType: 'scoping', status: 'success', description: 'User is in scope: assigned to the application and matching every scoping filter', details: { Assigned: 'True' } },
      { name: 'EntryMatching', provisioningStepType: 'matching', status: failed && seed.error === DEMO_ERRORS.duplicateTarget ? 'failure' : 'success', description: `Matched User '${upn}' in ${target} on userName`, details: {} },
      { name: `EntryExport${seed.action === 'create' ? 'Add' : 'Update'}`, provisioningStepType: 'export', status: failed ? (seed.error === DEMO_ERRORS.duplicateTarget ? 'skipped' : 'failure') : 'success', description: failed ? `Failed to export User '${upn}' to ${target}` : `User '${upn}' was ${verb} in ${target}`, details: { ReportableIdentifier: upn } },
    ],
    modifiedProperties: [{ displayName: 'userPrincipalName', oldValue: null, newValue: upn }],
    servicePrincipal: { id: seed.job.servicePrincipalId, displayName: seed.appName },
    sourceSystem: { id: '', displayName: seed.isInbound ? seed.appName : ENTRA, details: {} },
    targetSystem: { id: '', displayName: target, details: { ServicePrincipalId: seed.job.servicePrincipalId, ServicePrincipalDisplayName: seed.appName } },
    initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    sourceIdentity: seed.isInbound ? { ...appUser, id: `W${1000 + seed.person}` } : entraUser,
    targetIdentity: seed.isInbound ? entraUser : appUser,
  };
}

function seeds(): Seed[] {
  const serviceNow = { job: J.serviceNow, appName: 'ServiceNow' };
  const scim = { job: J.fabrikamScim, appName: 'Fabrikam SCIM Gateway' };
  const workday = { job: J.workday, appName: 'Workday to AD User Provisioning', isInbound: true };
  const salesforce = { job: J.salesforce, appName: 'Salesforce' };
  const E = DEMO_ERRORS;
  return [
    // ServiceNow, last run 35 minutes ago: 9 exports and the 4 escrows (demoApps.ts), then the run 75 minutes ago.
    { ...serviceNow, person: 0, minutesAgo: 34, action: 'create', error: E.duplicateTarget },
    { ...serviceNow, person: 1, minutesAgo: 34, action: 'create', error: E.duplicateTarget },
    { ...serviceNow, person: 3, minutesAgo: 34, action: 'update', error: E.duplicateTarget },
    { ...serviceNow, person: 2, minutesAgo: 33, action: 'update', error: E.singleValued },
    ...[7, 8, 9, 10, 11, 12, 13].map((person): Seed => ({ ...serviceNow, person, minutesAgo: 34, action: person % 3 === 0 ? 'create' : 'update' })),
    { ...serviceNow, person: 2, minutesAgo: 74, action: 'update' },
    { ...serviceNow, person: 9, minutesAgo: 74, action: 'disable' },
    // Fabrikam SCIM: clean 14 h 40 min ago, then the credential failures 6 h ago that quarantined it.
    { ...scim, person: 4, minutesAgo: 60 * 6, action: 'update', error: E.scimCredentials },
    { ...scim, person: 5, minutesAgo: 60 * 6, action: 'create', error: E.scimCredentials },
    { ...scim, person: 6, minutesAgo: 60 * 6, action: 'update', error: E.scimCredentials },
    { ...scim, person: 4, minutesAgo: 60 * 14 + 40, action: 'update' },
    { ...scim, person: 7, minutesAgo: 60 * 14 + 40, action: 'create' },
    // Workday inbound, 25 minutes ago and two days ago.
    { ...workday, person: 10, minutesAgo: 24, action: 'update' },
    { ...workday, person: 11, minutesAgo: 24, action: 'create' },
    { ...workday, person: 12, minutesAgo: 60 * 48, action: 'update' },
    // Salesforce, before it was paused 20 hours ago.
    { ...salesforce, person: 13, minutesAgo: 60 * 20, action: 'update' },
  ];
}

function outboundRule(id: string, target: string): SynchronizationRule {
  return {
    id, name: 'USER_OUTBOUND_USER', sourceDirectoryName: ENTRA, targetDirectoryName: target, editable: true, priority: 1,
    objectMappings: [
      { name: 'Provision Microsoft Entra ID Users', enabled: true, sourceObjectName: 'User', targetObjectName: 'User', flowTypes: 'Add, Update, Delete' },
      { name: 'Provision Microsoft Entra ID Groups', enabled: true, sourceObjectName: 'Group', targetObjectName: 'Group', flowTypes: 'Add, Update, Delete' },
    ],
  };
}

/** Each job's schema rules: outbound rules for the SaaS apps, inbound ones for Workday and Cloud Sync, none yet for SuccessFactors. */
function rules(): Map<string, SynchronizationRule[]> {
  const inbound = (id: string, source: string, object: string): SynchronizationRule => ({
    id, name: `${object.toUpperCase()}_INBOUND_USER`, sourceDirectoryName: source, targetDirectoryName: 'Active Directory', editable: true, priority: 1,
    objectMappings: [{ name: `Synchronize ${source} ${object}s`, enabled: true, sourceObjectName: object, targetObjectName: 'user', flowTypes: 'Add, Update' }],
  });
  return new Map([
    [J.serviceNow.jobId, [outboundRule('03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8', 'ServiceNow')]],
    [J.fabrikamScim.jobId, [outboundRule('ea807875-5618-4f0a-9125-0b46a05298ca', 'customappsso')]],
    [J.salesforce.jobId, [outboundRule('6d9a8b7c-2f1e-4d3c-9b8a-7f6e5d4c3b2a', 'Salesforce')]],
    [J.workday.jobId, [inbound('1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', 'Workday', 'Worker')]],
    [J.cloudSyncContoso.jobId, [inbound('6c409270-f78a-4bc6-af23-7cf3ab6482fe', 'Active Directory', 'user')]],
    [J.cloudSyncFabrikam.jobId, [inbound('7d51a381-089b-4cd7-b034-8d04a1f67690', 'Active Directory', 'user')]],
    [J.successFactors.jobId, []],
  ].map(([jobId, list]) => [(jobId as string).toLowerCase(), list as SynchronizationRule[]]));
}

export function buildDemoProvisioning(now: Date): ProvisioningState {
  const events = seeds().map((seed, serial) => summary(seed, now, serial + 1))
    .sort((a, b) => b.activityDateTime.localeCompare(a.activityDateTime));
  return { events, users: users(), rules: rules(), onDemandCalls: [] };
}
