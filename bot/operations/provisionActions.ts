/**
 * `provision <user> for <app>`: provision on demand as one more kind of change in the propose/confirm
 * machine. The proposal resolves the app's one job, the user's object id and the schema rule that
 * provisions Entra users, so Confirm sends exactly the request the card showed.
 */
import { byId, type Command, type Target } from '../commands/types';
import { isEntraDirectory } from '../graph/entraDirectory';
import { describeProvisionOnDemand } from '../graph/provisioning';
import type { DirectoryUser, OnDemandResult, SynchronizationRule } from '../graph/provisioningTypes';
import type { Job, ServicePrincipal } from '../graph/types';
import { describeJob } from '../present/jobWords';
import type { ActionPlan } from './storedAction';
import type { ActionSpec, Execution, Proposal } from './actionSpec';
import { findApp } from './appLookup';
import type { OperationContext } from './context';
import { followingOf } from './follow';
import { MAX_WAIT_MS, ON_DEMAND_LIMIT, onDemandWaitMs, reserveOnDemandSlot } from './onDemandLimiter';
import type { Outcome } from './outcome';
import { lookUpUser } from './provisioningLogs';
import { describeStep } from '../present/stepWords';

type ProvisionCommand = Extract<Command, { kind: 'provisionUser' }>;
type Resolved = ProvisionCommand & { app: Target; jobId: string; ruleId: string; objectId: string };

const UNREAD_RESULT = 'Microsoft Graph accepted the request, but SyncOps could not read how it ended: check the user\'s provisioning logs before trying again.';
const LIMIT_WORDS = `Graph allows ${ON_DEMAND_LIMIT} provision-on-demand requests per 10 seconds in a tenant`;

export const provisionActionSpec: ActionSpec<'provisionUser'> = {
  async prepare(command, ctx) {
    const { identity, app: appTarget } = command;
    const found = await findApp(appTarget, ctx, (id) => ({ ...command, app: byId(id) }));
    if (found.kind !== 'app') return found;
    const { app } = found;
    const only = await onlyJob(app, ctx);
    if (only.kind !== 'job') return only;
    const user = await lookUpUser(identity, ctx);
    if (user === 'notFound') return { kind: 'notFound', what: 'user', query: identity, closest: [] };
    const rules = await ctx.gateway.provisioning.getRules(app.id, only.job.id);
    const rule = userRule(rules);
    if (!rule) return noRule(app, only.job, rules);
    // An object id that is no directory user is sent as typed; Graph then says whether it knows it.
    const subject = user ?? { id: identity.toLowerCase(), displayName: identity, userPrincipalName: identity };
    return proposal(command, app, only.job, rule, subject, await onDemandWaitMs(ctx));
  },

  async execute(command, ctx, caller) {
    const { app, jobId, ruleId, objectId } = command as Resolved;
    const reservation = await reserveOnDemandSlot(ctx);
    if (reservation.kind === 'busy') {
      return { state: 'failed', headline: 'Not sent: the provision-on-demand limit is busy', details: [`${LIMIT_WORDS}, and others are already waiting. Run the command again in ${seconds(reservation.retryInMs)} s.`] };
    }
    if (reservation.kind === 'wait') {
      // The host's sleep: injected in tests, and cut short on shutdown, when the request is then not sent.
      const following = followingOf(ctx);
      await following.sleep(reservation.ms);
      if (following.signal?.aborted) return { state: 'failed', headline: 'Not sent: SyncOps was shutting down', details: ['Nothing was sent to Microsoft Graph. Run the command again.'] };
    }
    const receipt = await ctx.gateway.provisioning.provisionOnDemand(app.value, jobId, ruleId, { objectId, objectTypeName: 'User' }, caller);
    const waited = reservation.kind === 'wait' ? [`Waited ${seconds(reservation.ms)} s first: ${LIMIT_WORDS}.`] : [];
    const unread = receipt.result.result === 'unknown' ? [UNREAD_RESULT] : [];
    return { ...resultOf(receipt.result), details: [...waited, ...unread, ...detailsOf(receipt.result)], graphRequestId: receipt.requestId };
  },

  async readBack(command, ctx) {
    const { app, jobId } = command as Resolved;
    return describeJob(await ctx.gateway.getJob(app.value, jobId));
  },
};

/** Provision on demand names a job; an app with none or several gets a plain answer instead of a guess. */
async function onlyJob(app: ServicePrincipal, ctx: OperationContext): Promise<{ kind: 'job'; job: Job } | Outcome> {
  const jobs = await ctx.gateway.listJobs(app.id);
  const title = `Cannot provision on demand in ${app.displayName}`;
  if (jobs.length === 0) return { kind: 'refused', title, reason: 'The app has no provisioning job.' };
  if (jobs.length > 1) {
    return { kind: 'refused', title, reason: `The app runs ${jobs.length} provisioning jobs (${jobs.map((j) => j.id).join(', ')}), and SyncOps cannot tell which one should provision this user. Use the Microsoft Entra admin center's Provision on demand on the right job.` };
  }
  return { kind: 'job', job: jobs[0]! };
}

/** The rule whose enabled object mapping takes Entra users: the one provision on demand runs for a user. */
function userRule(rules: readonly SynchronizationRule[]): SynchronizationRule | undefined {
  return rules.find((rule) => isEntraDirectory(rule.sourceDirectoryName) &&
    rule.objectMappings.some((m) => m.enabled && m.sourceObjectName.toLowerCase() === 'user'));
}

function noRule(app: ServicePrincipal, job: Job, rules: readonly SynchronizationRule[]): Outcome {
  const title = `Cannot provision on demand in ${app.displayName}`;
  const inbound = rules.find((rule) => !isEntraDirectory(rule.sourceDirectoryName));
  if (inbound) {
    const objects = [...new Set(inbound.objectMappings.map((m) => m.sourceObjectName))].join(', ');
    return { kind: 'refused', title, reason: `Job ${job.id} provisions from ${inbound.sourceDirectoryName} (${objects}) into ${inbound.targetDirectoryName}, not from Microsoft Entra users; provision on demand for it takes an object from ${inbound.sourceDirectoryName}, which SyncOps does not send.` };
  }
  return { kind: 'refused', title, reason: `No rule in the synchronization schema of job ${job.id} provisions Microsoft Entra users (rules found: ${rules.length}). Finish the job's attribute mappings in the Microsoft Entra admin center.` };
}

function proposal(command: ProvisionCommand, app: ServicePrincipal, job: Job, rule: SynchronizationRule, user: DirectoryUser, waitMs: number): Proposal {
  const subject = { objectId: user.id, objectTypeName: 'User' };
  const resolved: Resolved = { ...command, app: { by: 'id', value: app.id }, jobId: job.id, ruleId: rule.id, objectId: user.id };
  const plan: ActionPlan = {
    question: `Provision ${user.userPrincipalName} to ${app.displayName}?`, verb: 'Provision', pastTense: 'Provisioned',
    graphCall: describeProvisionOnDemand(app.id, job.id, rule.id, subject),
    effects: [
      `The provisioning service runs this one user through import, scoping, matching and export now, and writes the result to ${rule.targetDirectoryName}.`,
      'Nothing changes for other users; the job keeps its own schedule.',
    ],
    warnings: [
      ...(job.status?.code === 'Quarantine' ? ['The job is in quarantine: the on-demand run will most likely fail for the same reason. Fix the quarantine first.'] : []),
      ...(waitMs > 0 ? [`${LIMIT_WORDS}, and they are used up right now: after Confirm this request waits about ${seconds(Math.min(waitMs, MAX_WAIT_MS))} s.`] : []),
    ],
    facts: [
      { title: 'App', value: app.displayName }, { title: 'Job', value: job.id }, { title: 'Status when asked', value: describeJob(job) },
      { title: 'User', value: `${user.displayName} (${user.id})` }, { title: 'Rule', value: `${rule.name} (${rule.id})` },
    ],
  };
  return { kind: 'proposal', command: resolved, targetLabel: `${user.userPrincipalName} (${app.displayName})`, plan };
}

/**
 * Success and Skipped (already in step) mean the service did its job; Failure is a failed action. A 2xx
 * whose body says none of these (unreadable, or a result this code does not know) ran, but how it ended
 * is not known: never "failed", which would invite a blind retry.
 */
function resultOf(result: OnDemandResult): Pick<Execution, 'state' | 'headline'> {
  if (result.result === 'unknown') return { state: 'outcomeUnknown', headline: 'Outcome unknown' };
  if (result.result === 'success') return { state: 'succeeded', headline: 'Provisioned' };
  if (result.result === 'skipped') return { state: 'succeeded', headline: `Nothing to do (${result.errorCode ?? 'skipped'})` };
  if (result.result === 'warning') return { state: 'succeeded', headline: 'Provisioned with warnings' };
  return { state: 'failed', headline: `Provisioning failed${result.errorCode ? `: ${result.errorCode}` : ''}` };
}

/** Each step in order, then Microsoft's reason and recommended action when the run failed. */
function detailsOf(result: OnDemandResult): string[] {
  const error = result.error;
  return [
    ...result.steps.map(describeStep),
    ...(result.errorMessage && result.errorMessage !== error?.reason ? [result.errorMessage] : []),
    ...(error?.reason ? [`Why: ${error.reason}`] : []),
    ...(error?.recommendedAction ? [`What to do: ${error.recommendedAction}`] : []),
  ];
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
