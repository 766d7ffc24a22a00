import type { RestartFlag } from '../domain/restartScope';

/** A profile or app as the admin named it: `id` when the text is a GUID, otherwise a display name. */
export type Target = { by: 'id' | 'name'; value: string };

/** An object named by its id, as buttons name it. */
export function byId(value: string): Target {
  return { by: 'id', value };
}

// Graph's restart flags are named by the admin as Graph spells them; `Full` is spelled `scope full`.
export { RESTART_FLAGS, type RestartFlag } from '../domain/restartScope';
export type RestartScope = { kind: 'default' } | { kind: 'full' } | { kind: 'flags'; flags: readonly RestartFlag[] };

/** Which changes a watch reports; `all` unless the admin says `only …`. */
export const WATCH_FILTERS = ['all', 'errors', 'quarantine'] as const;
export type WatchFilter = (typeof WATCH_FILTERS)[number];

/** One parsed chat command or decoded card click; each variant holds exactly what its operation needs. */
export type Command =
  | { kind: 'help' }
  | { kind: 'listProfiles' }
  | { kind: 'showProfile'; profile: Target }
  | { kind: 'pauseProfile'; profile: Target }
  | { kind: 'resumeProfile'; profile: Target }
  | { kind: 'resetProfile'; profile: Target }
  | { kind: 'startProfile'; profile: Target }
  // Only card clicks set `cursor`, to fetch the next page of errors.
  | { kind: 'listProfileErrors'; profile: Target; cursor?: string }
  | { kind: 'findApps'; query: string }
  | { kind: 'listJobs'; app: Target }
  | { kind: 'showJob'; jobId: string; app?: Target }
  | { kind: 'pauseJob'; jobId: string; app?: Target }
  | { kind: 'startJob'; jobId: string; app?: Target }
  | { kind: 'restartJob'; jobId: string; app?: Target; scope: RestartScope }
  | { kind: 'watchProfile'; profile: Target; only: WatchFilter }
  | { kind: 'watchApp'; app: Target; only: WatchFilter }
  | { kind: 'unwatchProfile'; profile: Target }
  | { kind: 'unwatchApp'; app: Target }
  | { kind: 'listWatches' }
  | { kind: 'audit'; count: number }
  | { kind: 'showJobLogs'; jobId: string; app?: Target; sinceHours: number }
  // `identity` is a userPrincipalName or an object id, exactly as typed.
  | { kind: 'explainIdentity'; identity: string; app?: Target }
  // The proposal resolves the job, the schema's rule and the user's object id, so Confirm runs exactly what the card showed.
  | { kind: 'provisionUser'; identity: string; app: Target; jobId?: string; ruleId?: string; objectId?: string }
  | { kind: 'listScheduled' }
  // The new SDS (Industry Data API); `run` is a run id or 'latest'.
  | { kind: 'listSdsRuns' }
  | { kind: 'showSdsRun'; run: string }
  | { kind: 'listSdsFlows' }
  | { kind: 'startSdsRun' }
  | { kind: 'validateSdsFlow'; flow: Target }
  | { kind: 'resetSdsFlow'; flow: Target }
  | { kind: 'watchSds' }
  | { kind: 'unwatchSds' };

export type CommandKind = Command['kind'];

/** Why a text is not a command; each reason carries what the reply needs to help the admin. */
export type ParseError =
  | { reason: 'empty' }
  /** `corrections`: the whole text with the verb replaced by each suggestion, for one-click buttons. */
  | { reason: 'unknownVerb'; word: string; suggestions: string[]; corrections: string[] }
  | { reason: 'unknownNoun'; verb: string; word: string | null; usages: string[] }
  | { reason: 'missingArgument'; usage: string; argument: string }
  | { reason: 'unexpectedWords'; words: string[]; usage: string }
  | { reason: 'badScope'; words: string[]; valid: RestartFlag[] }
  | { reason: 'badNumber'; word: string; usage: string; min: number; max: number }
  | { reason: 'badDuration'; word: string; usage: string; maxHours: number }
  | { reason: 'unbalancedQuote'; usage?: string }
  /** A trailing `at …` / `in …` on a change that does not read as a time; `words` as typed. */
  | { reason: 'badTime'; words: string; problem: string }
  /** A time on a command that changes nothing: there is nothing to schedule. */
  | { reason: 'scheduleOnRead'; usage: string }
  /** Longer than any command: a pasted document, not something to read word by word. */
  | { reason: 'tooLong'; length: number; max: number; preview: string };

/** When a change should run, as typed: a wall-clock time in the admin's zone, or a delay from now. */
export type When =
  | { kind: 'at'; hour: number; minute: number }
  /** `unit: 'h'` when typed in hours, so the card repeats "in 2h" rather than "in 120m". */
  | { kind: 'in'; minutes: number; unit?: 'h' };

/** `when`: the change was asked for later (`at 02:00`, `in 30m`). */
export type ParseResult = { ok: true; command: Command; when?: When } | { ok: false; error: ParseError };

/** The command of each kind; an indexed type (not Extract) so the compiler can check variance where it is used. */
type CommandByKind = { [C in Command as C['kind']]: C };
export type CommandOf<K extends CommandKind> = CommandByKind[K];
