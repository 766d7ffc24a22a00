/** The demo tenant's enterprise apps and their provisioning jobs, shaped as reference §6.5–6.13. */
import { DEMO } from './demoIds';
import type { JobStatusCode, Quarantine, ServicePrincipal, SynchronizationError, SynchronizationJob, TaskExecution } from './model';
import { isoSeconds, type AppRecord } from './state';

const NEVER = '0001-01-01T00:00:00Z';
const GALLERY_TAGS = ['WindowsAzureActiveDirectoryIntegratedApp', 'WindowsAzureActiveDirectoryCustomSingleSignOnApplication'];

type Clock = (minutesAgo: number) => string;

function servicePrincipal(key: keyof typeof DEMO.appIds, displayName: string, extra: Partial<ServicePrincipal> = {}): ServicePrincipal {
  return {
    id: DEMO.servicePrincipals[key],
    appId: DEMO.appIds[key],
    displayName,
    appDisplayName: displayName,
    accountEnabled: true,
    servicePrincipalType: 'Application',
    tags: [...GALLERY_TAGS],
    appOwnerOrganizationId: DEMO.tenantId,
    applicationTemplateId: null,
    preferredSingleSignOnMode: null,
    description: null,
    notes: null,
    ...extra,
  };
}

function execution(at: Clock, startedMinutesAgo: number, counts: { imported: number; exported: number; escrowed?: number },
  state: TaskExecution['state'] = 'Succeeded', error: SynchronizationError | null = null): TaskExecution {
  const escrowed = counts.escrowed ?? 0;
  return {
    activityIdentifier: `9d3b2c1a-5e6f-4a7b-8c9d-${(startedMinutesAgo * 7919).toString(16).padStart(12, '0')}`,
    countEntitled: counts.imported, countEntitledForProvisioning: counts.imported,
    countEscrowed: escrowed, countEscrowedRaw: escrowed,
    countExported: counts.exported, countExports: counts.exported,
    countImported: counts.imported, countImportedDeltas: counts.exported, countImportedReferenceDeltas: 0,
    error, state, timeBegan: at(startedMinutesAgo), timeEnded: at(startedMinutesAgo - 2),
  };
}

interface JobSeed {
  jobId: string;
  code: JobStatusCode;
  entries: [string, number][];
  last: TaskExecution | null;
  lastSuccess: TaskExecution | null;
  quarantine?: Quarantine;
  steadyMinutesAgo?: number;
}

function job(seed: JobSeed, at: Clock): SynchronizationJob {
  const paused = seed.code === 'Paused';
  return {
    id: seed.jobId,
    templateId: seed.jobId.split('.')[0],
    schedule: { expiration: null, interval: 'PT40M', state: paused ? 'Paused' : 'Active' },
    synchronizationJobSettings: [{ name: 'QuarantineTooManyDeletesThreshold', value: '500' }],
    status: {
      code: seed.code,
      countSuccessiveCompleteFailures: seed.quarantine ? 3 : 0,
      escrowsPruned: false,
      troubleshootingUrl: null,
      steadyStateFirstAchievedTime: seed.steadyMinutesAgo === undefined ? NEVER : at(seed.steadyMinutesAgo + 60 * 24 * 30),
      steadyStateLastAchievedTime: seed.steadyMinutesAgo === undefined ? NEVER : at(seed.steadyMinutesAgo),
      synchronizedEntryCountByType: seed.entries.map(([key, value]) => ({ key, value })),
      progress: [],
      quarantine: seed.quarantine ?? null,
      lastExecution: seed.last,
      lastSuccessfulExecution: seed.lastSuccess,
      lastSuccessfulExecutionWithExports: seed.lastSuccess,
    },
  };
}

function quarantine(at: Clock, reason: string, error: SynchronizationError): Quarantine {
  return { currentBegan: at(60 * 6), nextAttempt: at(-60 * 6), reason, seriesBegan: at(60 * 14), seriesCount: 2, error };
}

export function buildDemoApps(now: Date): AppRecord[] {
  const at: Clock = (minutesAgo) => isoSeconds(new Date(now.getTime() - minutesAgo * 60_000));
  const J = DEMO.jobs;
  const credentialError: SynchronizationError = {
    code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable',
    message: 'The target application rejected the configured credentials.', tenantActionable: true,
  };
  const deletesError: SynchronizationError = {
    code: 'TooManyDeletes', tenantActionable: true,
    message: 'The run would delete 812 objects, above the accidental deletion threshold of 500.',
  };
  const ok = (minutes: number, imported: number, exported: number) => execution(at, minutes, { imported, exported });
  const app = (sp: ServicePrincipal, jobs: SynchronizationJob[], ownerAppIds: string[] = []): AppRecord =>
    ({ servicePrincipal: sp, ownerAppIds, jobs: jobs.map((entry) => ({ job: entry, lastRestart: null })) });

  return [
    app(servicePrincipal('workday', 'Workday to AD User Provisioning'), [
      job({ jobId: J.workday.jobId, code: 'Active', entries: [['worker to user', 4210]], last: ok(25, 4210, 18), lastSuccess: ok(25, 4210, 18), steadyMinutesAgo: 25 }, at),
    ]),
    app(servicePrincipal('serviceNow', 'ServiceNow'), [
      job({ jobId: J.serviceNow.jobId, code: 'Active', entries: [['User to User', 1302]],
        last: execution(at, 35, { imported: 1302, exported: 9, escrowed: 4 }, 'EntryLevelErrors'), lastSuccess: ok(75, 1298, 6), steadyMinutesAgo: 75 }, at),
    ]),
    app(servicePrincipal('successFactors', 'SAP SuccessFactors to Azure AD'), [
      job({ jobId: J.successFactors.jobId, code: 'NotRun', entries: [], last: null, lastSuccess: null }, at),
    ]),
    app(servicePrincipal('salesforce', 'Salesforce'), [
      job({ jobId: J.salesforce.jobId, code: 'Paused', entries: [['User to User', 220]], last: ok(60 * 20, 220, 3), lastSuccess: ok(60 * 20, 220, 3), steadyMinutesAgo: 60 * 20 }, at),
    ], [DEMO.botApp.appId]),
    app(servicePrincipal('contosoCloudSync', 'Contoso Cloud Sync', { tags: ['WindowsAzureActiveDirectoryIntegratedApp'], description: 'Microsoft Entra Cloud Sync for contoso.local and fabrikam.local' }), [
      job({ jobId: J.cloudSyncContoso.jobId, code: 'Active', entries: [['user to User', 5120], ['group to Group', 310]], last: ok(10, 5430, 22), lastSuccess: ok(10, 5430, 22), steadyMinutesAgo: 10 }, at),
      job({ jobId: J.cloudSyncFabrikam.jobId, code: 'Quarantine', entries: [['user to User', 2288]],
        last: execution(at, 60 * 6, { imported: 2288, exported: 0 }, 'Failed', deletesError), lastSuccess: ok(60 * 15, 3100, 40),
        quarantine: quarantine(at, 'TooManyDeletes', deletesError), steadyMinutesAgo: 60 * 15 }, at),
    ]),
    app(servicePrincipal('fabrikamScim', 'Fabrikam SCIM Gateway'), [
      job({ jobId: J.fabrikamScim.jobId, code: 'Quarantine', entries: [['User to User', 1840], ['Group to Group', 42]],
        last: execution(at, 60 * 6, { imported: 0, exported: 0 }, 'Failed', credentialError), lastSuccess: ok(60 * 14 + 40, 1882, 12),
        quarantine: quarantine(at, 'EncounteredQuarantineException', credentialError), steadyMinutesAgo: 60 * 14 + 40 }, at),
    ]),
    app(servicePrincipal('microsoftTeams', 'Microsoft Teams', { appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a', tags: [] }), []),
    app(servicePrincipal('workplaceAnalytics', 'Workplace Analytics', { appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a', tags: [] }), []),
    app(servicePrincipal('syncOpsBot', DEMO.botApp.displayName, { tags: ['WindowsAzureActiveDirectoryIntegratedApp'] }), []),
  ];
}
