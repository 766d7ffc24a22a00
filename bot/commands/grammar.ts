import type { Command, CommandKind, RestartScope, Target, WatchFilter } from './types';

/** What follows the verb (and noun). */
export type Subject =
  | { kind: 'none' }
  | { kind: 'target' } // a quoted name, a GUID, or the rest of the line
  | { kind: 'query' } // free text: a quoted string or the rest of the line
  | { kind: 'jobId' } // one opaque token
  | { kind: 'word'; argument: string } // one opaque token named `argument` in errors (a run id)
  | { kind: 'count'; min: number; max: number; fallback: number }
  | { kind: 'identity' }; // one word: a userPrincipalName or an object id

/**
 * Trailing clauses: `for <app>`, `scope <flags>|full`, `only errors|quarantine`, `since <n>h|<n>d`, `in <app>`, and
 * `page <cursor>`, which the More button writes (a stored cursor, honoured only in the conversation that made it).
 */
export type Clause = 'for' | 'scope' | 'only' | 'page' | 'since' | 'in';

/**
 * Everything the parser collected for one row. Fields the row's subject does not name keep the
 * parser's neutral defaults, so `build` reads only what its subject and clauses provide.
 */
export interface Parsed {
  target: Target;
  query: string;
  jobId: string;
  word: string;
  count: number;
  app?: Target;
  scope: RestartScope;
  only: WatchFilter;
  page?: string;
  identity: string;
  sinceHours: number;
}

/** The sections of the help card, in the order it lists them. */
export const HELP_AREAS = {
  sds: 'School Data Sync',
  profiles: 'SDS (Classic) profiles: retired by Microsoft on 31 Dec 2024',
  jobs: 'Provisioning jobs (Entra ID)',
  troubleshooting: 'Troubleshooting provisioning',
  notifications: 'Channel notifications',
  general: 'General',
} as const;
export type HelpArea = keyof typeof HELP_AREAS;

/** One command: the parser, the help card, the suggestions and the Teams manifest all read these. */
export interface GrammarRow {
  kind: CommandKind;
  area: HelpArea;
  verb: string;
  noun?: string;
  usage: string;
  summary: string;
  examples: readonly string[];
  subject: Subject;
  clauses?: readonly Clause[];
  /** Clauses the command cannot do without (`provision … for <app>`); the rest are optional. */
  required?: readonly Clause[];
  build: (parsed: Parsed) => Command;
}

// An absent `for` clause must leave no `app` key, so card data and audit entries stay minimal.
const withApp = (p: Parsed): { app?: Target } => (p.app ? { app: p.app } : {});

const NONE: Subject = { kind: 'none' };
const TARGET: Subject = { kind: 'target' };
const JOB_ID: Subject = { kind: 'jobId' };
const IDENTITY: Subject = { kind: 'identity' };
/** The provisioning logs keep 30 days (docs/provisioning-logs.md), so `since` reaches back at most that far. */
export const MAX_SINCE_HOURS = 30 * 24;
export const DEFAULT_SINCE_HOURS = 24;

/** The new SDS rows (a noun may be two words: `start sds run`); kept apart so the Classic table stays as it was. */
const SDS_ROWS: readonly GrammarRow[] = [
  {
    kind: 'listSdsRuns', area: 'sds', verb: 'sds', noun: 'runs', usage: 'sds runs', summary: 'Recent School Data Sync runs: status, times, errors and warnings',
    examples: ['sds runs'], subject: NONE, build: () => ({ kind: 'listSdsRuns' }),
  },
  {
    kind: 'showSdsRun', area: 'sds', verb: 'sds', noun: 'run', usage: 'sds run <runId|latest>', summary: "A run: status, each flow's activity, statistics, blocking error",
    examples: ['sds run latest', 'sds run 918d4a8f-599b-4f6a-b409-e892855db534'], subject: { kind: 'word', argument: 'runId|latest' },
    build: (p) => ({ kind: 'showSdsRun', run: p.word }),
  },
  {
    kind: 'listSdsFlows', area: 'sds', verb: 'sds', noun: 'flows', usage: 'sds flows', summary: 'Inbound flows (readiness, year, dates) and outbound flow sets',
    examples: ['sds flows'], subject: NONE, build: () => ({ kind: 'listSdsFlows' }),
  },
  {
    kind: 'startSdsRun', area: 'sds', verb: 'start', noun: 'sds run', usage: 'start sds run', summary: 'Start an on-demand run of every active flow (5 per 12 hours), confirmed first',
    examples: ['start sds run'], subject: NONE, build: () => ({ kind: 'startSdsRun' }),
  },
  {
    kind: 'validateSdsFlow', area: 'sds', verb: 'validate', noun: 'sds flow', usage: 'validate sds flow <name|id>', summary: 'Validate the files uploaded for an inbound flow; the card follows it',
    examples: ['validate sds flow Contoso CSV 2025-26'], subject: TARGET, build: (p) => ({ kind: 'validateSdsFlow', flow: p.target }),
  },
  {
    kind: 'resetSdsFlow', area: 'sds', verb: 'reset', noun: 'sds flow', usage: 'reset sds flow <outbound flow name|id>', summary: 'Reprovision an outbound flow from scratch (destructive), confirmed first',
    examples: ['reset sds flow Provision users'], subject: TARGET, build: (p) => ({ kind: 'resetSdsFlow', flow: p.target }),
  },
  {
    kind: 'watchSds', area: 'notifications', verb: 'watch', noun: 'sds', usage: 'watch sds', summary: 'Post here when a run ends with errors or a flow needs attention',
    examples: ['watch sds'], subject: NONE, build: () => ({ kind: 'watchSds' }),
  },
  {
    kind: 'unwatchSds', area: 'notifications', verb: 'unwatch', noun: 'sds', usage: 'unwatch sds', summary: 'Stop posting School Data Sync runs and flows here',
    examples: ['unwatch sds'], subject: NONE, build: () => ({ kind: 'unwatchSds' }),
  },
];

/** Every command; the new SDS first, so help and the Teams command menu lead with it. */
export const GRAMMAR: readonly GrammarRow[] = [
  ...SDS_ROWS,
  {
    kind: 'help', area: 'general', verb: 'help', usage: 'help', summary: 'Show what SyncOps can do',
    examples: ['help'], subject: NONE, build: () => ({ kind: 'help' }),
  },
  {
    kind: 'listProfiles', area: 'profiles', verb: 'profiles', usage: 'profiles', summary: 'List School Data Sync profiles and their state',
    examples: ['profiles'], subject: NONE, build: () => ({ kind: 'listProfiles' }),
  },
  {
    kind: 'showProfile', area: 'profiles', verb: 'profile', usage: 'profile <name|id>',
    summary: 'Show a profile: state, provider, last sync and error count',
    examples: ['profile Contoso High', 'profile 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b'],
    subject: TARGET, build: (p) => ({ kind: 'showProfile', profile: p.target }),
  },
  {
    kind: 'pauseProfile', area: 'profiles', verb: 'pause', noun: 'profile', usage: 'pause profile <name|id>',
    summary: 'Pause a School Data Sync profile', examples: ['pause profile Contoso High', 'pause profile "Fabrikam Middle"'],
    subject: TARGET, build: (p) => ({ kind: 'pauseProfile', profile: p.target }),
  },
  {
    kind: 'resumeProfile', area: 'profiles', verb: 'resume', noun: 'profile', usage: 'resume profile <name|id>',
    summary: 'Resume a paused School Data Sync profile', examples: ['resume profile Contoso High'],
    subject: TARGET, build: (p) => ({ kind: 'resumeProfile', profile: p.target }),
  },
  {
    kind: 'resetProfile', area: 'profiles', verb: 'reset', noun: 'profile', usage: 'reset profile <name|id>',
    summary: 'Reset a School Data Sync profile so its next sync starts over', examples: ['reset profile Contoso High'],
    subject: TARGET, build: (p) => ({ kind: 'resetProfile', profile: p.target }),
  },
  {
    kind: 'startProfile', area: 'profiles', verb: 'start', noun: 'profile', usage: 'start profile <name|id>',
    summary: 'Start a School Data Sync profile that has not run yet',
    examples: ['start profile 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b'],
    subject: TARGET, build: (p) => ({ kind: 'startProfile', profile: p.target }),
  },
  {
    kind: 'listProfileErrors', area: 'profiles', verb: 'errors', noun: 'profile', usage: 'errors profile <name|id>',
    summary: "List a profile's synchronization errors, a page at a time", examples: ['errors profile Contoso High'],
    subject: TARGET, clauses: ['page'],
    build: (p) => ({ kind: 'listProfileErrors', profile: p.target, ...(p.page ? { cursor: p.page } : {}) }),
  },
  {
    kind: 'findApps', area: 'jobs', verb: 'apps', usage: 'apps <name>', summary: 'Find enterprise apps that have provisioning jobs',
    examples: ['apps Workday', 'apps "Workday to AD"'],
    subject: { kind: 'query' }, build: (p) => ({ kind: 'findApps', query: p.query }),
  },
  {
    kind: 'listJobs', area: 'jobs', verb: 'jobs', usage: 'jobs <app name|id>', summary: "List an app's provisioning jobs and their state",
    examples: ['jobs Workday to AD', 'jobs 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
    subject: TARGET, build: (p) => ({ kind: 'listJobs', app: p.target }),
  },
  {
    kind: 'showJob', area: 'jobs', verb: 'job', usage: 'job <jobId> [for <app>]',
    summary: 'Show a provisioning job: state, quarantine reason and next attempt',
    examples: ['job Workday.1a2b3c4d5e6f', 'job Workday.1a2b3c4d5e6f for "Workday to AD"'],
    subject: JOB_ID, clauses: ['for'],
    build: (p) => ({ kind: 'showJob', jobId: p.jobId, ...withApp(p) }),
  },
  {
    kind: 'pauseJob', area: 'jobs', verb: 'pause', noun: 'job', usage: 'pause job <jobId> [for <app>]',
    summary: 'Pause a provisioning job', examples: ['pause job Workday.1a2b3c4d5e6f for Workday to AD'],
    subject: JOB_ID, clauses: ['for'],
    build: (p) => ({ kind: 'pauseJob', jobId: p.jobId, ...withApp(p) }),
  },
  {
    kind: 'startJob', area: 'jobs', verb: 'start', noun: 'job', usage: 'start job <jobId> [for <app>]',
    summary: 'Start or resume a provisioning job', examples: ['start job Workday.1a2b3c4d5e6f'],
    subject: JOB_ID, clauses: ['for'],
    build: (p) => ({ kind: 'startJob', jobId: p.jobId, ...withApp(p) }),
  },
  {
    kind: 'restartJob', area: 'jobs', verb: 'restart', noun: 'job', usage: 'restart job <jobId> [for <app>] [scope <flag, …>|full]',
    summary: 'Restart a provisioning job, optionally resetting its watermark, escrows or quarantine',
    examples: [
      'restart job Workday.1a2b3c4d5e6f',
      'restart job Workday.1a2b3c4d5e6f for "Workday to AD" scope Watermark, Escrows',
      'restart job Workday.1a2b3c4d5e6f scope full',
    ],
    subject: JOB_ID, clauses: ['for', 'scope'],
    build: (p) => ({ kind: 'restartJob', jobId: p.jobId, ...withApp(p), scope: p.scope }),
  },
  {
    kind: 'watchProfile', area: 'notifications', verb: 'watch', noun: 'profile', usage: 'watch profile <name|id> [only errors|quarantine]',
    summary: 'Post here when a profile changes state or gains errors',
    examples: ['watch profile Contoso High', 'watch profile "Contoso High" only errors'],
    subject: TARGET, clauses: ['only'],
    build: (p) => ({ kind: 'watchProfile', profile: p.target, only: p.only }),
  },
  {
    kind: 'watchApp', area: 'notifications', verb: 'watch', noun: 'app', usage: 'watch app <name|id> [only errors|quarantine]',
    summary: "Post here when an app's jobs change state or enter or leave quarantine",
    examples: ['watch app Workday to AD', 'watch app Workday only quarantine'],
    subject: TARGET, clauses: ['only'],
    build: (p) => ({ kind: 'watchApp', app: p.target, only: p.only }),
  },
  {
    kind: 'unwatchProfile', area: 'notifications', verb: 'unwatch', noun: 'profile', usage: 'unwatch profile <name|id>',
    summary: 'Stop posting changes of a profile here', examples: ['unwatch profile Contoso High'],
    subject: TARGET, build: (p) => ({ kind: 'unwatchProfile', profile: p.target }),
  },
  {
    kind: 'unwatchApp', area: 'notifications', verb: 'unwatch', noun: 'app', usage: 'unwatch app <name|id>',
    summary: "Stop posting changes of an app's jobs here", examples: ['unwatch app "Workday to AD"'],
    subject: TARGET, build: (p) => ({ kind: 'unwatchApp', app: p.target }),
  },
  {
    kind: 'listWatches', area: 'notifications', verb: 'watching', usage: 'watching', summary: 'List what this conversation is watching',
    examples: ['watching'], subject: NONE, build: () => ({ kind: 'listWatches' }),
  },
  {
    kind: 'audit', area: 'general', verb: 'audit', usage: 'audit [n]', summary: 'Show the last n audited actions in this conversation (1-50)',
    examples: ['audit', 'audit 25'], subject: { kind: 'count', min: 1, max: 50, fallback: 10 },
    build: (p) => ({ kind: 'audit', count: p.count }),
  },
  {
    kind: 'showJobLogs', area: 'troubleshooting', verb: 'logs', noun: 'job', usage: 'logs job <jobId> [for <app>] [since <n>h|<n>d]',
    summary: "A job's provisioning logs: outcomes, top errors with Microsoft's advice, latest failures",
    examples: ['logs job ServiceNowOutDelta.7e5c3a1f for ServiceNow', 'logs job scim.3b1c9e0a for "Fabrikam SCIM Gateway" since 3d'],
    subject: JOB_ID, clauses: ['for', 'since'],
    build: (p) => ({ kind: 'showJobLogs', jobId: p.jobId, ...withApp(p), sinceHours: p.sinceHours }),
  },
  {
    kind: 'explainIdentity', area: 'troubleshooting', verb: 'why', usage: 'why <user upn|object id> [in <app>]',
    summary: 'The latest provisioning events of one user, step by step',
    examples: ['why alex.wilber@contoso.edu', 'why alex.wilber@contoso.edu in ServiceNow'],
    subject: IDENTITY, clauses: ['in'],
    build: (p) => ({ kind: 'explainIdentity', identity: p.identity, ...withApp(p) }),
  },
  {
    kind: 'provisionUser', area: 'troubleshooting', verb: 'provision', usage: 'provision <user upn|object id> for <app>',
    summary: 'Provision one user now (provision on demand) and show each step',
    examples: ['provision alex.wilber@contoso.edu for ServiceNow'],
    subject: IDENTITY, clauses: ['for'], required: ['for'],
    build: (p) => ({ kind: 'provisionUser', identity: p.identity, app: p.app! }),
  },
  {
    kind: 'listScheduled', area: 'general', verb: 'scheduled', usage: 'scheduled',
    summary: 'Changes scheduled here, with Cancel; end a change with at ‹HH:MM› or in ‹n›m|‹n›h to schedule it',
    examples: ['scheduled'], subject: NONE, build: () => ({ kind: 'listScheduled' }),
  },
];

/** The usage line of a command, for replies and cards. */
export function usageOf(kind: CommandKind): string {
  return GRAMMAR.find((row) => row.kind === kind)?.usage ?? kind;
}
