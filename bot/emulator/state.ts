/** The emulated tenant's mutable state and the lazy clock-driven transitions of reference §7. */
import { emptyIndustryData, type IndustryDataState } from './industryDataState';
import { isoSeconds } from './time';

export { isoSeconds } from './time';
import type {
  Profile, ProfileStatus, SdsError, ServicePrincipal, SynchronizationJob, SyncStatus, VerificationMessage,
} from './model';
import type { ProvisioningState } from './provisioningModel';

export interface StatusTransition {
  at: number;
  status: SyncStatus;
  statusMessage: string;
}

export interface ProfileRecord {
  profile: Profile;
  status: ProfileStatus;
  errors: SdsError[];
  /** What the next `start` finds in the uploaded files. */
  pendingVerification: VerificationMessage[];
  /** A previous upload is still being processed: uploadUrl answers 409 (§3.9). */
  uploadBlocked: boolean;
  /** Status changes that happen on their own (after start), applied when the profile is next read. */
  transitions: StatusTransition[];
  /** A deleted profile stays visible as `deleting` until this time (ms), then disappears. */
  removeAt: number | null;
}

export interface RestartRecord {
  resetScope: string;
  flags: number;
  at: string;
}

export interface JobRecord {
  job: SynchronizationJob;
  /** The last restart the emulator applied, so tests can see the scope it understood. */
  lastRestart: RestartRecord | null;
}

export interface AppRecord {
  servicePrincipal: ServicePrincipal;
  /** App ids that own this service principal: `Application.ReadWrite.OwnedBy` works only for them (§1 row 17). */
  ownerAppIds: string[];
  jobs: JobRecord[];
}

export interface TenantState {
  /** SDS Classic answers as a retired API (GRAPH_EMULATOR_SDS_CLASSIC=retired). */
  sdsRetired: boolean;
  /** The new SDS (Industry Data API). */
  industryData: IndustryDataState;
  profiles: Map<string, ProfileRecord>;
  apps: Map<string, AppRecord>;
  /** Provisioning logs, directory users and job schemas (provisioningLogs.ts, provisionOnDemand.ts). */
  provisioning: ProvisioningState;
}

/** How long a deleted profile shows `deleting` before it is gone. */
export const DELETE_DELAY_MS = 5_000;
/** After start: `validating` for this long, then `extracting` for as long again, then `inProgress`. */
export const START_PHASE_MS = 10_000;

export function createTenantState(profiles: ProfileRecord[], apps: AppRecord[], sdsRetired: boolean,
  provisioning: ProvisioningState = { events: [], users: [], rules: new Map(), onDemandCalls: [] }, industryData: IndustryDataState = emptyIndustryData()): TenantState {
  return {
    sdsRetired,
    provisioning,
    industryData,
    profiles: new Map(profiles.map((record) => [record.profile.id, record])),
    apps: new Map(apps.map((record) => [record.servicePrincipal.id, record])),
  };
}

/** Applies due transitions and removals; every reader of profiles calls this first. */
export function settleProfiles(state: TenantState, now: Date): void {
  const nowMs = now.getTime();
  for (const [id, record] of state.profiles) {
    if (record.removeAt !== null && record.removeAt <= nowMs) {
      state.profiles.delete(id);
      continue;
    }
    while (record.transitions.length > 0 && record.transitions[0].at <= nowMs) {
      const next = record.transitions.shift() as StatusTransition;
      record.status.status = next.status;
      record.status.statusMessage = next.statusMessage;
      record.status.lastActivityDateTime = isoSeconds(new Date(next.at));
    }
  }
}

export function findProfile(state: TenantState, now: Date, id: string): ProfileRecord | undefined {
  settleProfiles(state, now);
  return state.profiles.get(id);
}

export function listProfiles(state: TenantState, now: Date): ProfileRecord[] {
  settleProfiles(state, now);
  return [...state.profiles.values()];
}

export type AppKey = { by: 'id'; value: string } | { by: 'appId'; value: string };

export function findApp(state: TenantState, key: AppKey): AppRecord | undefined {
  if (key.by === 'id') return state.apps.get(key.value);
  return [...state.apps.values()].find((app) => app.servicePrincipal.appId.toLowerCase() === key.value.toLowerCase());
}
