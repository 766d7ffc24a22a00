import { GRAMMAR } from '../bot/commands/grammar';

/** The Teams manifest schema the package targets; @microsoft/app-manifest bundles it for offline validation. */
export const MANIFEST_VERSION = '1.24';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** Icon file names, as the manifest names them and as they sit at the zip root. */
export const COLOR_ICON = 'color.png';
export const OUTLINE_ICON = 'outline.png';
export const ACCENT_COLOR = '#0E7490';

/** Bot Framework's token service: sign-in (OAuth) cards open pages on it. */
export const BOT_FRAMEWORK_TOKEN_DOMAIN = 'token.botframework.com';

/** Teams documents 10 commands per list, although the v1.24 schema allows 12. */
export const MAX_COMMANDS = 10;
/** The schema allows 128 characters, but the Teams command menu cuts titles after about 32. */
export const MAX_TITLE_LENGTH = 32;
/** The schema allows 4000; the menu shows one short line, and older docs give 128 as the limit. */
export const MAX_DESCRIPTION_LENGTH = 128;

const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;
type BotScope = (typeof BOT_SCOPES)[number];

export interface ManifestCommand {
  title: string;
  description: string;
}

/** The part of the Teams manifest (v1.24) that SyncOps fills; a plain object, written as manifest.json. */
export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: Array<{
    botId: string;
    scopes: BotScope[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: Array<{ scopes: BotScope[]; commands: ManifestCommand[] }>;
  }>;
  permissions: Array<'identity' | 'messageTeamMembers'>;
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
}

export interface ManifestOptions {
  appId: string;
  /** The Teams app id the Agents Toolkit's teamsApp/create made (TEAMS_APP_ID); the bot's app id when unset. */
  teamsAppId?: string;
  version: string;
  validDomains: string[];
}

/** The minimum of a grammar row the command menu needs. */
export interface MenuRow {
  verb: string;
  usage: string;
  summary: string;
}

const DESCRIPTION_FULL =
  'SyncOps lets school IT admins and identity admins run Microsoft Graph synchronization from a Teams chat. ' +
  'List School Data Sync profiles and Entra ID provisioning jobs with their state, errors and quarantine; ' +
  'pause, resume, start, reset or restart them after a confirmation card that says exactly what will happen; ' +
  'and watch a profile or an app so the channel gets a card when its state changes. Every change is audited ' +
  'with who did it, when and how it ended. Type "help" to see every command.';

/** The Teams app manifest for one deployment of the bot. Pure: everything variable comes in `options`. */
export function buildManifest(options: ManifestOptions): TeamsManifest {
  const { appId, version } = options;
  // Links point at the bot's own host; the first non-Bot-Framework domain is that host.
  const host = options.validDomains.find((d) => d !== BOT_FRAMEWORK_TOKEN_DOMAIN) ?? 'example.org';
  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version,
    id: options.teamsAppId ?? appId,
    developer: {
      name: 'SyncOps',
      websiteUrl: `https://${host}/`,
      privacyUrl: `https://${host}/privacy`,
      termsOfUseUrl: `https://${host}/terms`,
    },
    name: { short: 'SyncOps', full: 'SyncOps: School Data Sync and Entra provisioning' },
    description: { short: 'Run School Data Sync profiles and Entra provisioning jobs from Teams', full: DESCRIPTION_FULL },
    icons: { color: COLOR_ICON, outline: OUTLINE_ICON },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: appId,
        scopes: [...BOT_SCOPES],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          { scopes: ['personal'], commands: selectMenuCommands(GRAMMAR, PERSONAL_MENU) },
          { scopes: ['team', 'groupChat'], commands: selectMenuCommands(GRAMMAR, TEAM_MENU) },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [...new Set(options.validDomains)],
    // Teams SSO for bots: the token audience is the bot's own app id URI.
    webApplicationInfo: { id: appId, resource: `api://botid-${appId}` },
  };
}

/**
 * The ten most useful verbs per scope (Teams shows at most ten a list), the new SDS first. In a chat with
 * the bot an admin looks things up and acts; in a team or group chat the channel watches and operates jobs
 * together, so `job`, `restart` and `watch` are there. `help` lists the rest in both.
 */
export const PERSONAL_MENU = ['help', 'sds', 'apps', 'jobs', 'job', 'logs', 'why', 'pause', 'restart', 'audit'] as const;
export const TEAM_MENU = ['help', 'sds', 'jobs', 'job', 'restart', 'pause', 'start', 'logs', 'watch', 'watching'] as const;

/**
 * The command menu, derived from the grammar table: one entry per verb (rows sharing a verb, such as
 * `pause profile` and `pause job`, merge into one), the `preferred` verbs first in their order, then the
 * table's, at most 10. The title is the verb because Teams inserts it into the compose box; the
 * description shows the syntax.
 */
export function selectMenuCommands(rows: readonly MenuRow[], preferred: readonly string[] = ['help', 'sds']): ManifestCommand[] {
  const byVerb = new Map<string, MenuRow[]>();
  for (const row of rows) {
    const verb = row.verb.trim().toLowerCase();
    if (verb === '' || verb.length > MAX_TITLE_LENGTH) continue;
    byVerb.set(verb, [...(byVerb.get(verb) ?? []), row]);
  }
  const first = preferred.filter((v) => byVerb.has(v));
  const verbs = [...first, ...[...byVerb.keys()].filter((v) => !first.includes(v))];
  return verbs.slice(0, MAX_COMMANDS).map((verb) => ({ title: verb, description: describe(verb, byVerb.get(verb) ?? []) }));
}

/**
 * One row: its summary and usage. Several rows: their usages, since the first row's summary
 * ("Pause a School Data Sync profile") would misdescribe the others. Cut only as a last resort.
 */
function describe(verb: string, rows: readonly MenuRow[]): string {
  // A usage that is just the verb (`help`) adds nothing to the title.
  const usages = rows.map((r) => r.usage.trim()).filter((u) => u.toLowerCase() !== verb);
  const summary = rows[0]?.summary.trim() ?? '';
  const candidates =
    rows.length > 1 ? [usages.join(' | ')] : usages.length ? [`${usages[0]} — ${summary}`, summary] : [summary];
  const fitting = candidates.find((c) => c.length <= MAX_DESCRIPTION_LENGTH);
  return fitting ?? `${candidates[0]!.slice(0, MAX_DESCRIPTION_LENGTH - 1)}…`;
}
