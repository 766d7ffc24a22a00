/** Stable ids of the demo tenant, so tests and tools can name its objects. */

const servicePrincipals = {
  workday: '8895955e-2e6c-4d79-8943-4d72ca36878f',
  serviceNow: '4c1b7e92-6a3d-4f0e-9b25-1d8c7a6e5f40',
  successFactors: 'b6e4d2a0-8c1f-4e3b-9a5d-7f2c0e8b6d14',
  salesforce: '1d3f5b7a-9c2e-4a6d-8f0b-2c4e6a8d0f36',
  contosoCloudSync: '6a8c0e2b-4d6f-4a1c-8e3b-5d7f9a1c3e58',
  fabrikamScim: '3e5a7c9b-1d3f-4b5e-a7c9-0b2d4f6a8c13',
  microsoftTeams: '0f2d4b6a-8c0e-4d2f-b4a6-8c0e2d4f6b97',
  workplaceAnalytics: '5b7d9f1a-3c5e-4b7d-9f1a-3c5e7b9d1f02',
  syncOpsBot: 'e1f0a4c2-88b3-4a7e-b0d5-6c2f9a1e4d77',
} as const;

export const DEMO = {
  tenantId: '72f988bf-0000-4000-8000-000000000001',
  /** The signed-in admin of the demo user token. */
  admin: { oid: '0c6b3f3e-2d7a-4f0c-9d55-8f1d2a7e9b11', name: 'Dana Admin', upn: 'dana@contoso.edu' },
  /** The bot's own app registration; it owns the Salesforce service principal. */
  botApp: { appId: '5b2c3a10-7d1e-4c6e-9a55-3f0d3c1b2a90', servicePrincipalId: servicePrincipals.syncOpsBot, displayName: 'SyncOps Bot' },
  profiles: {
    /** CSV, provisioned, success; start gives warnings only. */
    contosoHighCsv: '86904b1e-c7d0-4ead-b13a-98f11fc400ee',
    /** CSV, provisioned, paused; start gives errors. */
    contosoHighSummer: '3f2a9c4e-5b71-4d0a-9e8c-2b6f1a7d4c93',
    /** CSV, provisioned, success; start is clean. */
    fabrikamMiddleCsv: 'c1d7e2a4-9b3f-4e58-a6d1-7f0b2c9e8a15',
    /** PowerSchool, provisioned, inProgress. */
    northwindPowerSchool: '5e8b1f20-3c4d-4a9e-b7f6-0d2c1a9e8b74',
    /** OneRoster, provisioned, error with 42 errors (paging). */
    woodgroveOneRoster: '9a4c7e1b-2d8f-4b06-8c3a-e5f1d0b9a627',
    /** CSV, provisioned, validationError. */
    tailspinCsv: 'e7b3a9d1-4f2c-4d8e-9a1b-6c5d0e3f2a48',
    /** OneRoster, provisioned, quarantined. */
    adatumOneRoster: '2b6d4f8a-1c3e-4a5b-9d7f-0e8c6a4b2d19',
    /** CSV, state provisioning (no sync yet). */
    lakeshoreCsv: 'd4f8b2c6-7a1e-4c3d-8b5f-9e0a2c4d6f81',
    /** PowerSchool, state provisioningFailed. */
    riversidePowerSchool: '7c1e5a9d-3b8f-4f2a-a6c4-1d9e7b3f5a02',
    /** CSV, state deletionFailed. */
    litwareArchiveCsv: 'a8e2c4f6-5d1b-4e9a-b3c7-8f0d2e4a6c35',
    /** CSV, provisioned, status extracting (a late enum member). */
    prosewareCsv: 'f1a3c5e7-9b2d-4f6a-8c0e-3d5b7a9c1e64',
  },
  servicePrincipals,
  appIds: {
    workday: 'a0e9b1c2-3d4e-4f50-8a6b-7c8d9e0f1a2b',
    serviceNow: '2e6f8a1c-9d3b-4c5e-a7f0-1b4d6c8e0a93',
    successFactors: '5f7a9c1e-3b5d-4f8a-b0c2-6e4d8a0c2e57',
    salesforce: '7a9c1e3b-5d7f-4b0a-92c4-6e8a0c2e4f79',
    contosoCloudSync: '9c1e3b5d-7f9a-4c2e-b4d6-8a0c2e4f6a81',
    fabrikamScim: 'c3e5a7b9-1d3f-4a5c-97e9-0b2d4f6a8c24',
    microsoftTeams: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
    workplaceAnalytics: 'e2c4a6b8-0d2f-4e6a-8c0b-2d4f6a8c0e35',
    syncOpsBot: '5b2c3a10-7d1e-4c6e-9a55-3f0d3c1b2a90',
  },
  jobs: {
    /** Active. */
    workday: { servicePrincipalId: servicePrincipals.workday, jobId: 'Workday.1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d' },
    /** Active, last run had entry-level errors. */
    serviceNow: { servicePrincipalId: servicePrincipals.serviceNow, jobId: 'ServiceNowOutDelta.7e5c3a1f9d7b4e2c8a6f4d2b0e8c6a4f' },
    /** NotRun. */
    successFactors: { servicePrincipalId: servicePrincipals.successFactors, jobId: 'SAPSuccessFactorsToAAD.4b2d0f8e6c4a4e2d9b7f5d3b1f9e7c5a' },
    /** Paused. */
    salesforce: { servicePrincipalId: servicePrincipals.salesforce, jobId: 'salesforce.2c4e6a8b0d2f4a6c8e0b2d4f6a8c0e2b' },
    /** Active (first of two jobs on one app). */
    cloudSyncContoso: { servicePrincipalId: servicePrincipals.contosoCloudSync, jobId: 'AD2AADProvisioning.fc96887f36da47508c935c28a0c0b6da' },
    /** Quarantine, reason TooManyDeletes (second job on the same app). */
    cloudSyncFabrikam: { servicePrincipalId: servicePrincipals.contosoCloudSync, jobId: 'AD2AADProvisioning.0b8e6c4a2f0d4b8e9c7a5f3d1b9e7c5a' },
    /** Quarantine, reason EncounteredQuarantineException (the example of §6.13). */
    fabrikamScim: { servicePrincipalId: servicePrincipals.fabrikamScim, jobId: 'scim.3b1c9e0a5d7f4a2e8c6b1d0f9e8a7b6c' },
  },
} as const;

/** Directory role template ids (reference §2.1). */
export const DIRECTORY_ROLES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  hybridIdentityAdministrator: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
} as const;

/**
 * Roles that may read the provisioning logs but manage no job (docs/provisioning-logs.md); template ids of
 * https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference.
 */
export const LOG_READER_ROLES = {
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  securityOperator: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
} as const;
