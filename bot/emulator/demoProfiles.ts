/** The demo tenant's SDS profiles: every lifecycle state, sync status and provider type of §6.1–6.2. */
import { DEMO } from './demoIds';
import type { JsonObject, ProfileState, SdsError, SyncStatus, VerificationMessage } from './model';
import { isoSeconds, type ProfileRecord } from './state';

type Provider = 'csv' | 'powerSchool' | 'oneRoster';

interface ProfileSeed {
  id: string;
  displayName: string;
  provider: Provider;
  state: ProfileState;
  status: SyncStatus | null;
  statusMessage: string;
  errorCount: number;
  lastSyncMinutesAgo: number | null;
  verification?: VerificationMessage[];
  uploadBlocked?: boolean;
}

const WARNINGS_ONLY: VerificationMessage[] = [
  { type: 'Warning', fileName: 'student.csv', description: '3 duplicates found in column Username which requires values to be Unique.' },
  { type: 'Warning', fileName: 'teacher.csv', description: '1 row(s) have an empty optional field - Teacher Number' },
];

const WITH_ERRORS: VerificationMessage[] = [
  { type: 'Error', fileName: 'section.csv', description: '5 row(s) have missing data for the field - SIS ID' },
  { type: 'Error', fileName: 'studentenrollment.csv', description: '125 row(s) have referenced data not found in source. Field - Section SIS ID' },
  { type: 'Warning', fileName: 'student.csv', description: '3 duplicates found in column Username which requires values to be Unique.' },
];

const P = DEMO.profiles;
const SEEDS: ProfileSeed[] = [
  { id: P.contosoHighCsv, displayName: 'Contoso High School CSV', provider: 'csv', state: 'provisioned', status: 'success', statusMessage: 'Synchronization complete', errorCount: 3, lastSyncMinutesAgo: 95, verification: WARNINGS_ONLY },
  { id: P.contosoHighSummer, displayName: 'Contoso High Summer Sessions', provider: 'csv', state: 'provisioned', status: 'paused', statusMessage: 'Paused by an administrator', errorCount: 0, lastSyncMinutesAgo: 60 * 26, verification: WITH_ERRORS },
  { id: P.fabrikamMiddleCsv, displayName: 'Fabrikam Middle School CSV', provider: 'csv', state: 'provisioned', status: 'success', statusMessage: 'Synchronization complete', errorCount: 0, lastSyncMinutesAgo: 40 },
  { id: P.northwindPowerSchool, displayName: 'Northwind District PowerSchool', provider: 'powerSchool', state: 'provisioned', status: 'inProgress', statusMessage: 'Synchronizing class rosters', errorCount: 2, lastSyncMinutesAgo: 70 },
  { id: P.woodgroveOneRoster, displayName: 'Woodgrove Academy OneRoster', provider: 'oneRoster', state: 'provisioned', status: 'error', statusMessage: 'Synchronization finished with errors', errorCount: 42, lastSyncMinutesAgo: 60 * 5 },
  { id: P.tailspinCsv, displayName: 'Tailspin Elementary CSV', provider: 'csv', state: 'provisioned', status: 'validationError', statusMessage: 'File validation failed', errorCount: 5, lastSyncMinutesAgo: 60 * 50, uploadBlocked: true },
  { id: P.adatumOneRoster, displayName: 'Adatum Charter OneRoster', provider: 'oneRoster', state: 'provisioned', status: 'quarantined', statusMessage: 'Quarantined: too many errors in the last cycle', errorCount: 8, lastSyncMinutesAgo: 60 * 30 },
  { id: P.lakeshoreCsv, displayName: 'Lakeshore Prep CSV', provider: 'csv', state: 'provisioning', status: null, statusMessage: 'Profile is being provisioned', errorCount: 0, lastSyncMinutesAgo: null },
  { id: P.riversidePowerSchool, displayName: 'Riverside USD PowerSchool', provider: 'powerSchool', state: 'provisioningFailed', status: 'error', statusMessage: 'Provisioning failed: the PowerSchool connection was refused', errorCount: 0, lastSyncMinutesAgo: null },
  { id: P.litwareArchiveCsv, displayName: 'Litware 2023 Archive CSV', provider: 'csv', state: 'deletionFailed', status: 'paused', statusMessage: 'Deletion failed; contact support', errorCount: 0, lastSyncMinutesAgo: 60 * 24 * 200 },
  { id: P.prosewareCsv, displayName: 'Proseware Online School CSV', provider: 'csv', state: 'provisioned', status: 'extracting', statusMessage: 'Extracting uploaded files', errorCount: 0, lastSyncMinutesAgo: 60 * 3 },
];

const CSV_PROVIDER: JsonObject = {
  '@odata.type': '#microsoft.graph.educationCsvDataProvider',
  customizations: {
    school: { optionalPropertiesToSync: ['State ID', 'Principal Name'], isSyncDeferred: false, allowDisplayNameUpdate: false },
    section: { optionalPropertiesToSync: ['Term Name', 'Course Number'], isSyncDeferred: false, allowDisplayNameUpdate: false },
    student: { optionalPropertiesToSync: ['State ID', 'Middle Name'], isSyncDeferred: false, allowDisplayNameUpdate: false },
    teacher: { optionalPropertiesToSync: ['Teacher Number'], isSyncDeferred: false, allowDisplayNameUpdate: false },
    studentEnrollment: { synchronizationStartDate: '0001-01-01T00:00:00Z', isSyncDeferred: false, allowDisplayNameUpdate: false },
    teacherRoster: { isSyncDeferred: false, allowDisplayNameUpdate: false },
  },
};

const PROVIDERS: Record<Provider, JsonObject> = {
  csv: CSV_PROVIDER,
  powerSchool: {
    '@odata.type': '#microsoft.graph.educationPowerSchoolDataProvider',
    connectionUrl: 'https://northwind.powerschool.com', clientId: 'ps-client-01', clientSecret: null,
    schoolsIds: ['101', '102'], schoolYear: '2026', allowTeachersInMultipleSchools: true, customizations: null,
  },
  oneRoster: {
    '@odata.type': '#microsoft.graph.educationOneRosterApiDataProvider',
    connectionUrl: 'https://oneroster.example.net/ims/oneroster/v1p1', providerName: 'ExampleSIS',
    schoolsIds: ['org-9f1c'], termIds: ['term-2026-fall'],
    connectionSettings: {
      '@odata.type': '#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings',
      clientId: 'or-client', clientSecret: null, tokenUrl: 'https://oneroster.example.net/oauth/token', scope: 'roster.readonly',
    },
    customizations: null,
  },
};

const IDENTITY: JsonObject = {
  '@odata.type': '#microsoft.graph.educationIdentityMatchingConfiguration',
  matchingOptions: [
    { appliesTo: 'student', sourcePropertyName: 'Username', targetDomain: 'students.contoso.edu', targetPropertyName: 'userPrincipalName' },
    { appliesTo: 'teacher', sourcePropertyName: 'Username', targetDomain: 'contoso.edu', targetPropertyName: 'userPrincipalName' },
  ],
};

const LICENSES: JsonObject[] = [
  { appliesTo: 'teacher', skuIds: ['6fd2c87f-b296-42f0-b197-1e91e994b900'] },
  { appliesTo: 'student', skuIds: ['6fd2c87f-b296-42f0-b197-1e91e994b900'] },
];

const PEOPLE = ['richard.wilson', 'amara.okafor', 'li.na', 'sofia.garcia', 'noah.berg', 'maya.patel', 'omar.haddad'];
const ERROR_KINDS = [
  { entryType: 'Student', errorCode: 'UnsynchronizableChange', errorMessage: "Student cannot be updated because no matching Active Directory entry was found. Check the profile's identity matching settings." },
  { entryType: 'Teacher', errorCode: 'DuplicateUserPrincipalName', errorMessage: 'Another user already has this userPrincipalName.' },
  { entryType: 'Section', errorCode: 'MissingRequiredField', errorMessage: 'The section has no Section Name.' },
];

/** Deterministic errors so ids stay stable across resets. */
function buildErrors(profileId: string, count: number, now: Date): SdsError[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = ERROR_KINDS[index % ERROR_KINDS.length];
    const person = `${PEOPLE[index % PEOPLE.length]}${index >= PEOPLE.length ? index : ''}`;
    const domain = kind.entryType === 'Student' ? 'students.contoso.edu' : 'contoso.edu';
    return {
      id: `${profileId.slice(0, 8)}-0e44-4c1d-9a2b-${(index + 1).toString(16).padStart(12, '0')}`,
      ...kind,
      joiningValue: `${person}@${domain}`,
      recordedDateTime: isoSeconds(new Date(now.getTime() - (index + 1) * 7 * 60_000)),
      reportableIdentifier: person,
    };
  });
}

function buildProfile(seed: ProfileSeed, now: Date): ProfileRecord {
  const minutesAgo = (minutes: number | null) => (minutes === null ? null : isoSeconds(new Date(now.getTime() - minutes * 60_000)));
  return {
    profile: {
      id: seed.id,
      displayName: seed.displayName,
      state: seed.state,
      expirationDate: `${now.getUTCFullYear() + 1}-06-30`,
      handleSpecialCharacterConstraint: true,
      dataProvider: structuredClone(PROVIDERS[seed.provider]),
      identitySynchronizationConfiguration: structuredClone(IDENTITY),
      licensesToAssign: structuredClone(LICENSES),
    },
    status: {
      status: seed.status,
      statusMessage: seed.statusMessage,
      lastActivityDateTime: minutesAgo(seed.lastSyncMinutesAgo === null ? 15 : Math.min(seed.lastSyncMinutesAgo, 12)),
      lastSynchronizationDateTime: minutesAgo(seed.lastSyncMinutesAgo),
    },
    errors: buildErrors(seed.id, seed.errorCount, now),
    pendingVerification: structuredClone(seed.verification ?? []),
    uploadBlocked: seed.uploadBlocked ?? false,
    transitions: [],
    removeAt: null,
  };
}

export function buildDemoProfiles(now: Date): ProfileRecord[] {
  return SEEDS.map((seed) => buildProfile(seed, now));
}
