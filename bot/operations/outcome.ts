import type { WatchFilter } from '../commands/types';
import type { DirectoryUser, ProvisioningEvent } from '../graph/provisioningTypes';
import type { Job, Page, Profile, ProfileError, ProfileStatus, ServicePrincipal } from '../graph/types';
import type { SdsView } from './sdsViews';
import type { Suspension, Watch, WatchTarget } from '../notify/model';
import type { AuditEntry } from '../store/auditLog';
import type { LogSummary } from './logSummary';
import type { StoredAction } from './storedAction';

/** What the bot shows, as data; the presenter maps each view to exactly one card builder. */
export type View =
  /** `approvals`: the APPROVAL_REQUIRED operations, so help says which changes need a second admin. */
  | { kind: 'help'; approvals?: readonly string[] }
  | { kind: 'profileList'; profiles: { profile: Profile; status?: ProfileStatus }[] }
  | { kind: 'profileStatus'; profile: Profile; status: ProfileStatus }
  | { kind: 'profileErrors'; profile: Profile; page: Page<ProfileError>; nextCursor?: string; shownBefore: number }
  | { kind: 'audit'; entries: AuditEntry[]; requested: number }
  /** `jobs` absent: Graph did not answer for that app. */
  | { kind: 'appList'; query: string; apps: { app: ServicePrincipal; jobs?: Job[] }[] }
  | { kind: 'jobList'; app: ServicePrincipal; jobs: Job[] }
  /** `seenAt`: when Graph was read (ISO), so the card can say how far away the next attempt is. */
  | { kind: 'jobStatus'; app: ServicePrincipal; job: Job; seenAt?: string }
  /** This conversation's watches; `resumed`: notifications had been suspended and are back on. */
  | { kind: 'watchList'; watches: Watch[]; resumed?: Suspension }
  /** A watch added, its filter changed, or removed; `current` is the state the watch starts from. */
  | { kind: 'watchChanged'; change: 'added' | 'updated' | 'unchanged' | 'removed'; target: WatchTarget; only: WatchFilter; current?: string; resumed?: Suspension }
  /** `unwatch` named nothing this conversation watches. */
  | { kind: 'notWatching'; what: 'profile' | 'app'; query: string; watched: string[] }
  /** `logs job`: the job's events since `since` (ISO); `isTruncated` when the page bound left some unread. */
  | { kind: 'provisioningLogs'; app: ServicePrincipal; job: Job; sinceHours: number; since: string; summary: LogSummary; isTruncated: boolean }
  /** `why`: an identity's newest events; `user` when it was named by UPN, `app` when narrowed with `in`. */
  | { kind: 'identityEvents'; identity: string; user?: DirectoryUser; app?: ServicePrincipal; events: ProvisioningEvent[]; lookbackDays: number }
  /** `scheduled`: the conversation's changes waiting for their time or for approval. */
  | { kind: 'scheduledList'; actions: StoredAction[] }
  | SdsView
;

export type Outcome =
  /** `follow`: later states of the same card (a validation being followed), each replacing the message. */
  | { kind: 'info'; view: View; follow?: AsyncIterable<Outcome> }
  /** `options`: the closest names with the command that retries with each. */
  | { kind: 'notFound'; what: 'profile' | 'app' | 'job' | 'user' | 'SDS run' | 'inbound flow' | 'outbound flow'; query: string; closest: string[]; options?: { label: string; command: string }[] }
  | { kind: 'chooseOne'; what: 'profile' | 'app' | 'inbound flow' | 'outbound flow'; query: string; options: { label: string; command: string }[] }
  | { kind: 'refused'; title: string; reason: string }
  /** A job id without `for <app>` that none of this conversation's apps runs. */
  | { kind: 'needsApp'; jobId: string; searched: number }
  | { kind: 'needsConfirmation'; action: StoredAction }
  /** An action in the state it reached; `note` explains a click that changed nothing. */
  | { kind: 'done'; action: StoredAction; note?: string; isRefusal?: boolean; follow?: AsyncIterable<Outcome> }
  /** Confirmed and still running after the invoke deadline; `completion` ends in a `done`. */
  | { kind: 'running'; action: StoredAction; completion: Promise<Outcome> };
