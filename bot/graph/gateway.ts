import { APP_CALLER, type Caller } from '../actor';
import type { GraphRequester } from './requester';
import { BatchReader, readAnswers, successfulAnswers, type BatchRead } from './batch';
import { graphErrorFromResponse } from './errors';
import { IndustryDataGateway } from './industryData';
import { ProvisioningGateway } from './provisioning';
import {
  toJob, toPage, toProfile, toProfileError, toProfileStatus, toServicePrincipal, toVerificationMessage,
} from './mappers';
import type {
  Job, MutationReceipt, Page, Profile, ProfileError, ProfileStatus, ResetScope, ServicePrincipal,
  StartProfileResult,
} from './types';

export type { BatchRead } from './batch';

const PROFILES = '/education/synchronizationProfiles';
/** SDS status values declared after unknownFutureValue come back only with this header (reference §1 row 13). */
const SDS_HEADERS = { Prefer: 'include-unknown-enum-members' };

/** Each watched profile's status and each watched app's jobs, every item with its own outcome. */
export interface SyncStates {
  profiles: Map<string, BatchRead<ProfileStatus>>;
  apps: Map<string, BatchRead<Job[]>>;
}

/** The documented portal default for a restart (reference §5.5). */
export const DEFAULT_RESET_FLAGS = ['Watermark', 'Escrows', 'QuarantineState'] as const;

/**
 * One typed method per Graph operation the bot uses. Reads default to the app's token; mutations say
 * whose token they carry. Every failure is a GraphError (see errors.ts).
 */
export class GraphGateway {
  private readonly batch: BatchReader;
  /** The new SDS (Industry Data API). */
  readonly industryData: IndustryDataGateway;
  /** Provisioning logs, users, job schemas and provision on demand (provisioning.ts: this file is full). */
  readonly provisioning: ProvisioningGateway;

  constructor(private readonly graph: GraphRequester) {
    this.batch = new BatchReader(graph, graph.retryDeadlineMs);
    this.industryData = new IndustryDataGateway(graph);
    this.provisioning = new ProvisioningGateway(graph);
  }

  /** GET /education/synchronizationProfiles, every page. */
  async listProfiles(caller: Caller = APP_CALLER): Promise<Profile[]> {
    const profiles: Profile[] = [];
    let path: string | undefined = PROFILES;
    while (path) {
      const page: Page<Profile> = toPage((await this.get(path, caller, SDS_HEADERS)).body, toProfile);
      profiles.push(...page.items);
      path = page.nextLink;
    }
    return profiles;
  }

  /** GET /education/synchronizationProfiles/{id} */
  async getProfile(id: string, caller: Caller = APP_CALLER): Promise<Profile> {
    return toProfile((await this.get(profilePath(id), caller, SDS_HEADERS)).body);
  }

  /** GET /education/synchronizationProfiles/{id}/profileStatus */
  async getProfileStatus(id: string, caller: Caller = APP_CALLER): Promise<ProfileStatus> {
    return toProfileStatus((await this.get(`${profilePath(id)}/profileStatus`, caller, SDS_HEADERS)).body);
  }

  /** GET …/{id}/profileStatus for many profiles, through $batch. Ids whose own read failed are left out. */
  async getProfileStatuses(ids: readonly string[], caller: Caller = APP_CALLER): Promise<Map<string, ProfileStatus>> {
    const urls = ids.map((id) => `${profilePath(id)}/profileStatus`);
    return successfulAnswers(ids, urls, await this.batch.answers(urls.map((url) => ({ url, headers: SDS_HEADERS })), caller), toProfileStatus);
  }

  /** GET /servicePrincipals/{id}/synchronization/jobs for many apps, through $batch. Failed reads are left out. */
  async listJobsOfMany(servicePrincipalIds: readonly string[], caller: Caller = APP_CALLER): Promise<Map<string, Job[]>> {
    const urls = servicePrincipalIds.map(jobsPath);
    return successfulAnswers(servicePrincipalIds, urls, await this.batch.answers(urls.map((url) => ({ url })), caller), toJobs);
  }

  /** GET /servicePrincipals/{id}/synchronization/jobs for many apps, through $batch; each with its own outcome. */
  async readJobsOfMany(servicePrincipalIds: readonly string[], caller: Caller = APP_CALLER): Promise<Map<string, BatchRead<Job[]>>> {
    return (await this.readSyncStates([], servicePrincipalIds, caller)).apps;
  }

  /**
   * GET …/{id}/profileStatus for each profile and GET /servicePrincipals/{id}/synchronization/jobs for each
   * app, sharing $batch requests (so n objects cost ⌈n/20⌉ requests); each item with its own outcome.
   */
  async readSyncStates(profileIds: readonly string[], servicePrincipalIds: readonly string[], caller: Caller = APP_CALLER): Promise<SyncStates> {
    const profileUrls = profileIds.map((id) => `${profilePath(id)}/profileStatus`);
    const appUrls = servicePrincipalIds.map(jobsPath);
    const answers = await this.batch.answers([...profileUrls.map((url) => ({ url, headers: SDS_HEADERS })), ...appUrls.map((url) => ({ url }))], caller);
    return {
      profiles: readAnswers(profileIds, profileUrls, answers.slice(0, profileIds.length), toProfileStatus),
      apps: readAnswers(servicePrincipalIds, appUrls, answers.slice(profileIds.length), toJobs),
    };
  }

  /** GET …/{id}/errors?$top=n (the first page) for many profiles, through $batch. Failed reads are left out. */
  async listProfileErrorsOfMany(ids: readonly string[], top: number, caller: Caller = APP_CALLER): Promise<Map<string, ProfileError[]>> {
    const urls = ids.map((id) => `${profilePath(id)}/errors?$top=${top}`);
    const answers = await this.batch.answers(urls.map((url) => ({ url, headers: SDS_HEADERS })), caller);
    const out = new Map<string, ProfileError[]>();
    for (const [id, read] of readAnswers(ids, urls, answers, (body) => toPage(body, toProfileError).items)) if (read.ok) out.set(id, read.value);
    return out;
  }

  /** GET /education/synchronizationProfiles/{id}/errors (one page; pass the previous page's nextLink for the next). */
  async listProfileErrors(id: string, options: { top?: number; nextLink?: string } = {}, caller: Caller = APP_CALLER): Promise<Page<ProfileError>> {
    const path = options.nextLink ?? `${profilePath(id)}/errors`;
    // $count on the first page only: Graph returns @odata.count there, and the nextLink carries the rest.
    const query = options.nextLink ? undefined : { ...(options.top ? { $top: String(options.top) } : {}), $count: 'true' };
    const result = await this.graph.send({ method: 'GET', path, caller, headers: SDS_HEADERS, ...(query ? { query } : {}) });
    return toPage(result.body, toProfileError);
  }

  /** POST /education/synchronizationProfiles/{id}/pause */
  pauseProfile(id: string, caller: Caller): Promise<MutationReceipt> {
    return this.post(`${profilePath(id)}/pause`, caller);
  }

  /** POST /education/synchronizationProfiles/{id}/resume */
  resumeProfile(id: string, caller: Caller): Promise<MutationReceipt> {
    return this.post(`${profilePath(id)}/resume`, caller);
  }

  /** POST /education/synchronizationProfiles/{id}/reset */
  resetProfile(id: string, caller: Caller): Promise<MutationReceipt> {
    return this.post(`${profilePath(id)}/reset`, caller);
  }

  /**
   * POST /education/synchronizationProfiles/{id}/start. File verification errors come back as 400 with
   * the messages in `value[]` (reference §1 row 6); a 400 without them is an ordinary failure.
   */
  async startProfile(id: string, caller: Caller): Promise<StartProfileResult> {
    const result = await this.graph.send({ method: 'POST', path: `${profilePath(id)}/start`, caller, resultStatuses: [400] });
    const value = (result.body as { value?: unknown } | undefined)?.value;
    if (result.status === 400 && !Array.isArray(value)) throw graphErrorFromResponse(400, result.body, result.headers, `${profilePath(id)}/start`);
    const messages = Array.isArray(value) ? value.map(toVerificationMessage) : [];
    const hasErrors = messages.some((m) => m.type === 'error');
    return { requestId: result.requestId, isStarted: result.status < 300 && !hasErrors, messages };
  }

  /** GET /servicePrincipals?$search="displayName:…" (needs ConsistencyLevel: eventual; reference §4.1) */
  async searchServicePrincipals(words: string, caller: Caller = APP_CALLER): Promise<ServicePrincipal[]> {
    const clean = words.replace(/["\\]/g, ' ').trim();
    const result = await this.graph.send({
      method: 'GET', path: '/servicePrincipals', caller,
      headers: { ConsistencyLevel: 'eventual' },
      query: { $search: `"displayName:${clean}"`, $count: 'true', $select: 'id,appId,displayName,tags', $top: '25' },
    });
    return toPage(result.body, toServicePrincipal).items;
  }

  /** GET /servicePrincipals/{id} */
  async getServicePrincipal(id: string, caller: Caller = APP_CALLER): Promise<ServicePrincipal> {
    return toServicePrincipal((await this.get(`/servicePrincipals/${encodeURIComponent(id)}`, caller)).body);
  }

  /** GET /servicePrincipals/{id}/synchronization/jobs */
  async listJobs(servicePrincipalId: string, caller: Caller = APP_CALLER): Promise<Job[]> {
    return toPage((await this.get(jobsPath(servicePrincipalId), caller)).body, toJob).items;
  }

  /** GET /servicePrincipals/{id}/synchronization/jobs/{jobId} */
  async getJob(servicePrincipalId: string, jobId: string, caller: Caller = APP_CALLER): Promise<Job> {
    return toJob((await this.get(jobPath(servicePrincipalId, jobId), caller)).body);
  }

  /** POST /servicePrincipals/{id}/synchronization/jobs/{jobId}/start */
  startJob(servicePrincipalId: string, jobId: string, caller: Caller): Promise<MutationReceipt> {
    return this.post(`${jobPath(servicePrincipalId, jobId)}/start`, caller);
  }

  /** POST /servicePrincipals/{id}/synchronization/jobs/{jobId}/pause */
  pauseJob(servicePrincipalId: string, jobId: string, caller: Caller): Promise<MutationReceipt> {
    return this.post(`${jobPath(servicePrincipalId, jobId)}/pause`, caller);
  }

  /** POST /servicePrincipals/{id}/synchronization/jobs/{jobId}/restart with {"criteria":{"resetScope":"A, B"}} */
  restartJob(servicePrincipalId: string, jobId: string, scope: ResetScope, caller: Caller): Promise<MutationReceipt> {
    return this.post(`${jobPath(servicePrincipalId, jobId)}/restart`, caller, restartRequest(scope));
  }

  private get(path: string, caller: Caller, headers?: Record<string, string>) {
    return this.graph.send({ method: 'GET', path, caller, ...(headers ? { headers } : {}) });
  }

  private async post(path: string, caller: Caller, body?: unknown): Promise<MutationReceipt> {
    const result = await this.graph.send({
      method: 'POST', path, caller,
      ...(body === undefined ? {} : { body, headers: { 'Content-Type': 'application/json' } }),
    });
    return { requestId: result.requestId };
  }
}

/** The restart body exactly as the seeds show it: flag names joined by ", " (reference §5.6). */
function restartRequest(scope: ResetScope): { criteria: { resetScope: string } } {
  return { criteria: { resetScope: scope.kind === 'full' ? 'Full' : scope.flags.join(', ') } };
}

/** A profile action's request as a confirmation card shows it: the same path the gateway calls. */
export function describeProfileAction(id: string, action: 'pause' | 'resume' | 'reset' | 'start'): string {
  return `POST ${profilePath(id)}/${action}`;
}

/** A job action's request as a confirmation card shows it, with the restart body the gateway sends. */
export function describeJobAction(servicePrincipalId: string, jobId: string, action: 'pause' | 'start' | 'restart', scope?: ResetScope): string {
  return `POST ${jobPath(servicePrincipalId, jobId)}/${action}${scope ? ` ${JSON.stringify(restartRequest(scope))}` : ''}`;
}

function toJobs(body: unknown): Job[] {
  return toPage(body, toJob).items;
}

function profilePath(id: string): string {
  return `${PROFILES}/${encodeURIComponent(id)}`;
}

function jobsPath(servicePrincipalId: string): string {
  return `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/synchronization/jobs`;
}

function jobPath(servicePrincipalId: string, jobId: string): string {
  return `${jobsPath(servicePrincipalId)}/${encodeURIComponent(jobId)}`;
}
