/**
 * Every command with the fewest Graph requests it can be answered with, and why. The unit is one HTTP
 * request: a $batch of up to 20 reads counts once. A read is needed when the card shows what it returns or
 * a check depends on it; a batch is expected where the bot reads many objects of one kind.
 */
import { DEMO, SDS_DEMO } from '../../bot/emulator';

export interface CommandCase {
  /** How the table names it. */
  name: string;
  /** Said first in the same conversation, not counted (e.g. a `jobs` that makes `job <id>` remember the app). */
  before?: string[];
  /** The message that is counted; with `click`, the proposal that is not. */
  say: string;
  /** Where it is said; a personal chat unless the command needs others (an approval). */
  scope?: 'groupChat';
  /** Counts the click on this button of the proposal card instead of the message. */
  click?: { button: 'Confirm' | 'Cancel'; inputs?: Record<string, string> };
  /** Then counts a second admin's click on this button of the card the first click answered with (an approval). */
  secondAdmin?: { button: 'Approve' | 'Reject' };
  /** What the answer's card title must match, so a failure never passes as a cheap success. */
  title: RegExp;
  minimum: number;
  why: string;
}

const P = DEMO.profiles;
const SP = DEMO.servicePrincipals;
const J = DEMO.jobs;
const DONE = / by Ada Lovelace at /;
const PROPOSAL = /\?$/;

/** `profiles` reads one page of profiles and, in $batch, the status of each provisioned one. */
export function commandCases(provisionedProfiles: number): CommandCase[] {
  const statusBatches = Math.ceil(provisionedProfiles / 20);
  return [
    { name: 'help', say: 'help', title: /./, minimum: 0, why: 'no Graph' },
    { name: 'profiles', say: 'profiles', title: /./, minimum: 1 + statusBatches, why: `1 page of profiles + ⌈${provisionedProfiles}/20⌉ $batch of statuses` },
    { name: 'profile <name>', say: 'profile Contoso High School CSV', title: /^Contoso High School CSV/, minimum: 2, why: 'list to match the name + its status' },
    { name: 'profile <id>', say: `profile ${P.contosoHighCsv}`, title: /^Contoso High School CSV/, minimum: 2, why: 'the profile + its status' },
    { name: 'errors profile <id>', say: `errors profile ${P.contosoHighCsv}`, title: /./, minimum: 2, why: 'the profile (its name) + 1 page of errors' },
    { name: 'pause profile <id>', say: `pause profile ${P.contosoHighCsv}`, title: PROPOSAL, minimum: 2, why: 'the profile (provisioned?) + its status (paused already?)' },
    { name: 'pause profile → Confirm', say: `pause profile ${P.contosoHighCsv}`, click: { button: 'Confirm' }, title: DONE, minimum: 2, why: 'POST pause + GET profileStatus to read back' },
    { name: 'resume profile → Confirm', say: `resume profile ${P.contosoHighSummer}`, click: { button: 'Confirm' }, title: DONE, minimum: 2, why: 'POST resume + GET profileStatus to read back' },
    { name: 'reset profile <id>', say: `reset profile ${P.fabrikamMiddleCsv}`, title: PROPOSAL, minimum: 2, why: 'the profile (provisioned?) + its status (the card shows the status when asked, as job proposals do)' },
    { name: 'reset profile → Confirm', say: `reset profile ${P.fabrikamMiddleCsv}`, click: { button: 'Confirm' }, title: DONE, minimum: 2, why: 'POST reset + GET profileStatus to read back' },
    { name: 'start profile → Confirm', say: `start profile ${P.contosoHighCsv}`, click: { button: 'Confirm' }, title: DONE, minimum: 2, why: 'POST start + GET profileStatus to read back' },
    { name: 'pause profile → Cancel', say: `pause profile ${P.contosoHighCsv}`, click: { button: 'Cancel' }, title: /^Cancelled by/, minimum: 0, why: 'no Graph' },
    { name: 'apps <name>', say: 'apps Workday', title: /./, minimum: 2, why: 'search + ⌈1 match/20⌉ $batch of job lists' },
    { name: 'jobs <app id>', say: `jobs ${SP.workday}`, title: /./, minimum: 2, why: 'the app (its name) + its jobs' },
    { name: 'job <jobId> for <app id>', say: `job ${J.workday.jobId} for ${SP.workday}`, title: /./, minimum: 2, why: 'the app + the job' },
    { name: 'job <jobId> (remembered app)', before: [`jobs ${SP.workday}`], say: `job ${J.workday.jobId}`, title: /./, minimum: 2, why: '⌈1 remembered app/20⌉ $batch of job lists + the app (its name)' },
    { name: 'pause job <jobId> for <app>', say: `pause job ${J.workday.jobId} for ${SP.workday}`, title: PROPOSAL, minimum: 2, why: 'the app + the job (paused already?)' },
    { name: 'pause job → Confirm', say: `pause job ${J.workday.jobId} for ${SP.workday}`, click: { button: 'Confirm' }, title: DONE, minimum: 2, why: 'POST pause + GET job to read back' },
    { name: 'start job → Confirm', say: `start job ${J.salesforce.jobId} for ${SP.salesforce}`, click: { button: 'Confirm' }, title: DONE, minimum: 2, why: 'POST start + GET job to read back' },
    {
      name: 'restart job → Confirm', say: `restart job ${J.workday.jobId} for ${SP.workday}`,
      click: { button: 'Confirm', inputs: { scope: 'Watermark,Escrows,QuarantineState', acknowledge: 'false' } },
      title: DONE, minimum: 2, why: 'POST restart + GET job to read back',
    },
    { name: 'watch profile <id>', say: `watch profile ${P.contosoHighCsv}`, title: /^Watching Contoso High School CSV here$/, minimum: 2, why: 'the profile (its name) + its status (the baseline)' },
    { name: 'watch app <id>', say: `watch app ${SP.workday}`, title: /^Watching .+ here$/, minimum: 2, why: 'the app (its name) + its jobs (the baseline)' },
    { name: 'watching', before: [`watch profile ${P.contosoHighCsv}`], say: 'watching', title: /^Watching 1 here$/, minimum: 0, why: 'no Graph: the conversation\'s own watches' },
    { name: 'unwatch profile <id>', before: [`watch profile ${P.contosoHighCsv}`], say: `unwatch profile ${P.contosoHighCsv}`, title: /^Stopped watching /, minimum: 0, why: 'no Graph: matched against the conversation\'s watches' },
    { name: 'unwatch app <id>', before: [`watch app ${SP.workday}`], say: `unwatch app ${SP.workday}`, title: /^Stopped watching /, minimum: 0, why: 'no Graph: matched against the conversation\'s watches' },
    { name: 'audit', say: 'audit', title: /./, minimum: 0, why: 'no Graph' },
    { name: 'logs job <jobId> for <app id>', say: `logs job ${J.serviceNow.jobId} for ${SP.serviceNow}`, title: /^ServiceNow: 4 failures/, minimum: 3, why: 'the app + the job (exists?) + 1 page of provisioning logs' },
    { name: 'why <upn>', say: 'why alex.wilber@contoso.edu', title: /^Alex Wilber/, minimum: 3, why: 'the user (UPN → object id) + the logs with it as source + as target (no documented `or`)' },
    { name: 'provision <upn> for <app id>', say: `provision nestor.wilke@contoso.edu for ${SP.serviceNow}`, title: PROPOSAL, minimum: 4, why: 'the app + its jobs (exactly one?) + the user (object id) + the job schema (rule id)' },
    { name: 'provision → Confirm', say: `provision nestor.wilke@contoso.edu for ${SP.serviceNow}`, click: { button: 'Confirm' }, title: DONE, minimum: 2, why: 'POST provisionOnDemand + GET job to read back' },
    {
      name: 'pause profile in 30m → Confirm', say: `pause profile ${P.contosoHighCsv} in 30m`, click: { button: 'Confirm' },
      title: /^Scheduled: /, minimum: 0, why: 'nothing runs before its time (the poller\'s leader then makes the same calls as a Confirm)',
    },
    {
      name: 'restart job scope ForceDeletes → Confirm', scope: 'groupChat', say: `restart job ${J.workday.jobId} for ${SP.workday} scope ForceDeletes`,
      click: { button: 'Confirm', inputs: { scope: 'ForceDeletes', acknowledge: 'true' } },
      title: /^Waiting for approval: /, minimum: 0, why: 'nothing runs before a second admin approves (APPROVAL_REQUIRED default)',
    },
    {
      name: 'restart job scope ForceDeletes → Confirm → Approve', scope: 'groupChat', say: `restart job ${J.workday.jobId} for ${SP.workday} scope ForceDeletes`,
      click: { button: 'Confirm', inputs: { scope: 'ForceDeletes', acknowledge: 'true' } }, secondAdmin: { button: 'Approve' },
      title: / by Grace Hopper at /, minimum: 2, why: 'POST restart + GET job to read back, as the approving admin',
    },
    { name: 'scheduled', say: 'scheduled', title: /./, minimum: 0, why: 'no Graph: the store only' },
    ...sdsCases(),
  ];
}

/** The new SDS (Industry Data API); a started run or a validation is then followed in the background, not counted. */
function sdsCases(): CommandCase[] {
  const S = SDS_DEMO;
  return [
    { name: 'sds runs', say: 'sds runs', title: /^School Data Sync runs/, minimum: 2, why: 'every page of runs (1 here) + ⌈10 shown/20⌉ $batch of statistics' },
    { name: 'sds run latest', say: 'sds run latest', title: /^SDS run: /, minimum: 3, why: 'runs (which is latest, which before it) + the run with its activities + 1 $batch of both statistics' },
    { name: 'sds run <id>', say: `sds run ${S.runs.withErrors}`, title: /^SDS run: /, minimum: 3, why: 'the run with its activities + runs (the one before) + 1 $batch of both statistics' },
    { name: 'sds flows', say: 'sds flows', title: /^School Data Sync flows$/, minimum: 2, why: 'inbound flows with their year + flow sets with their flows' },
    { name: 'start sds run', say: 'start sds run', title: PROPOSAL, minimum: 1, why: 'runs: the starts used in 12 hours' },
    { name: 'start sds run → Confirm', say: 'start sds run', click: { button: 'Confirm' }, title: DONE, minimum: 2, why: 'POST runs/start + runs to read the new run back' },
    { name: 'validate sds flow <id>', say: `validate sds flow ${S.inboundFlows.csv}`, title: /^Validating /, minimum: 2, why: 'inbound flows (name, file or API) + POST validate' },
    { name: 'reset sds flow <id>', say: `reset sds flow ${S.provisioningFlows.users}`, title: PROPOSAL, minimum: 1, why: 'flow sets with their flows (the flow and its set)' },
    {
      name: 'reset sds flow → Confirm', scope: 'groupChat', say: `reset sds flow ${S.provisioningFlows.users}`, click: { button: 'Confirm' },
      title: /^Waiting for approval: /, minimum: 0, why: 'nothing runs before a second admin approves (reset-sds-flow is on APPROVAL_REQUIRED by default)',
    },
    {
      name: 'reset sds flow → Confirm → Approve', scope: 'groupChat', say: `reset sds flow ${S.provisioningFlows.users}`, click: { button: 'Confirm' }, secondAdmin: { button: 'Approve' },
      title: / by Grace Hopper at /, minimum: 2, why: 'POST reset + flow sets to read the flow\'s readiness back, as the approving admin',
    },
    { name: 'watch sds', say: 'watch sds', title: /^Watching School Data Sync/, minimum: 3, why: 'runs + inbound flows + the latest ended run\'s statistics: the baseline' },
  ];
}
