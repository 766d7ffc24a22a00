import { renderAppListCard } from './appList';
import { renderAuditCard } from './auditCard';
import { renderJobListCard } from './jobList';
import { renderJobStatusCard } from './jobStatus';
import { renderHelpCard } from '../../cards/help';
import { renderNoticeCard } from '../../cards/notice';
import { renderProfileErrorsCard } from './profileErrors';
import { presentProfileList } from './profileList';
import { renderProfileStatusCard } from './profileStatus';
import { showPlaceholders, type AdaptiveCard, type CommandButton } from '../../cards/render';
import { formatCommand } from '../commands/format';
import { GRAMMAR, HELP_AREAS, type HelpArea } from '../commands/grammar';
import { byId } from '../commands/types';
import { presentNotWatching, presentWatchChanged, presentWatchList } from './watches';
import type { ParseError } from '../commands/types';
import type { Outcome, View } from '../operations/outcome';
import { presentAction } from './action';
import { presentSdsView } from './sds';
import { presentIdentityEvents, presentJobLogs } from './provisioning';
import { auditLinesOf } from './auditLines';
import { distinctLabels } from './labels';
import { findAppsButton } from './nextSteps';
import { presentScheduledList } from './schedule';
import { WHEN_USAGE } from '../commands/when';
import { commandButton } from './nextSteps';

/** Maps each outcome to exactly one card. */
export function presentOutcome(outcome: Outcome): AdaptiveCard {
  switch (outcome.kind) {
    case 'info':
      return presentView(outcome.view);
    case 'notFound':
      return renderNoticeCard({
        title: `No ${outcome.what} named "${outcome.query}"`, tone: 'warning',
        ...(outcome.options?.length ? { text: 'Closest names:', choices: distinctLabels(outcome.options.map((o) => ({ title: o.label, command: o.command }))) }
          : outcome.closest.length ? { text: 'Closest names:', lines: outcome.closest } : {}),
      });
    case 'chooseOne':
      return renderNoticeCard({
        title: `Which ${outcome.what} do you mean?`, tone: 'info',
        text: `"${outcome.query}" matches ${outcome.options.length} ${outcome.what}s. Pick one:`,
        choices: distinctLabels(outcome.options.map((o) => ({ title: o.label, command: o.command }))),
      });
    case 'refused':
      return renderNoticeCard({ title: outcome.title, tone: 'attention', text: outcome.reason });
    case 'needsApp':
      return renderNoticeCard({
        title: `Which app runs job ${outcome.jobId}?`, tone: 'info',
        text: `SyncOps looks for a job only in apps this conversation used (${outcome.searched} so far), never across the whole tenant. Name the app:`,
        lines: [`job ${outcome.jobId} for ‹app name or id›`, 'apps ‹name› finds the app first; after it, job ‹id› needs no "for".'],
        choices: findAppChoices(outcome.jobId),
      });
    case 'needsConfirmation':
    case 'running':
      return presentAction(outcome.action);
    case 'done':
      return presentAction(outcome.action, outcome.note);
  }
}

function presentView(view: View): AdaptiveCard {
  switch (view.kind) {
    case 'help':
      return helpCard(view.approvals);
    case 'profileList':
      return presentProfileList(view.profiles);
    case 'profileStatus':
      return renderProfileStatusCard(view);
    case 'profileErrors':
      return renderProfileErrorsCard({
        profile: view.profile, errors: view.page.items, shownBefore: view.shownBefore,
        ...(view.page.count !== undefined ? { total: view.page.count } : {}),
        ...(view.nextCursor ? { moreCommand: formatCommand({ kind: 'listProfileErrors', profile: byId(view.profile.id), cursor: view.nextCursor }) } : {}),
      });
    case 'audit': {
      const lines = auditLinesOf(view.entries);
      return renderAuditCard({ lines, requested: view.requested, hasMore: lines.length > view.requested });
    }
    case 'appList':
      return renderAppListCard(view);
    case 'jobList':
      return renderJobListCard(view);
    case 'jobStatus':
      return renderJobStatusCard(view);
    case 'watchList':
      return presentWatchList(view);
    case 'watchChanged':
      return presentWatchChanged(view);
    case 'notWatching':
      return presentNotWatching(view);
    case 'sdsRunList':
    case 'sdsRun':
    case 'sdsFlows':
    case 'sdsValidation':
      return presentSdsView(view);
    case 'provisioningLogs':
      return presentJobLogs(view);
    case 'identityEvents':
      return presentIdentityEvents(view);
    case 'scheduledList':
      return presentScheduledList(view.actions);
  }
}

/** Why a text is not a command, with the way forward. */
export function presentParseError(error: ParseError): AdaptiveCard {
  const help = [commandButton('Show all commands', { kind: 'help' })];
  switch (error.reason) {
    case 'empty':
      return renderNoticeCard({ title: 'Hi! Tell me what to do', tone: 'info', text: 'Type a command such as **profiles**, or **help** for the full list.', buttons: help });
    case 'unknownVerb':
      return renderNoticeCard({
        title: `I don't know the command "${error.word}"`, tone: 'warning',
        ...(error.corrections.length ? { text: 'Did you mean:', choices: error.corrections.map((command) => ({ title: command, command })) }
          : error.suggestions.length ? { text: 'Did you mean:', lines: error.suggestions.map(showPlaceholders) } : {}),
        buttons: help,
      });
    case 'unknownNoun':
      return renderNoticeCard({
        title: error.word ? `"${error.verb}" does not work on "${error.word}"` : `${capitalize(error.verb)} what?`,
        tone: 'warning', text: 'Use one of:', lines: error.usages.map(showPlaceholders), buttons: help,
      });
    case 'missingArgument':
      return renderNoticeCard({ title: `Missing ${showPlaceholders(error.argument)}`, tone: 'warning', text: 'Usage:', lines: [showPlaceholders(error.usage)] });
    case 'unexpectedWords':
      return renderNoticeCard({
        title: `I did not understand "${error.words.join(' ')}"`, tone: 'warning', text: 'Usage:', lines: [showPlaceholders(error.usage)],
      });
    case 'badScope':
      return renderNoticeCard({
        title: `Unknown reset scope: ${error.words.join(', ')}`, tone: 'warning',
        text: 'Valid scope flags (comma separated), or `full`:', lines: [...error.valid],
      });
    case 'badNumber':
      return renderNoticeCard({
        title: `"${error.word}" is not a number from ${error.min} to ${error.max}`, tone: 'warning', text: 'Usage:', lines: [showPlaceholders(error.usage)],
      });
    case 'badTime':
      return renderNoticeCard({ title: `I cannot read the time "${error.words}"`, tone: 'warning', text: `Nothing was proposed: ${error.problem}.`, lines: [WHEN_USAGE] });
    case 'scheduleOnRead':
      return renderNoticeCard({
        title: 'Only changes can be scheduled', tone: 'warning',
        text: 'This command only reads, so there is nothing to run later. Type it without the time:', lines: [showPlaceholders(error.usage)],
      });
    case 'badDuration':
      return renderNoticeCard({
        title: `"${error.word}" is not a time span`, tone: 'warning',
        text: `Write hours or days, such as 6h or 3d, up to ${error.maxHours / 24} days (how long the provisioning logs are kept). Usage:`,
        lines: [showPlaceholders(error.usage)],
      });
    case 'tooLong':
      return renderNoticeCard({
        title: 'That message is too long for a command', tone: 'warning',
        text: `"${error.preview}" has ${error.length} characters; commands are at most ${error.max}. Type one command, for example **profiles**, or **help** for the list.`,
        buttons: help,
      });
    case 'unbalancedQuote':
      return renderNoticeCard({
        title: 'A quote is not closed', tone: 'warning', text: 'Close the quoted name, e.g. pause profile "Contoso High".',
        ...(error.usage ? { lines: [showPlaceholders(error.usage)] } : {}),
      });
  }
}

/**
 * Help cards by approval note, each built once. Help is the most frequent command, and its card depends only
 * on the grammar table (code) and the approval note (APPROVAL_REQUIRED, config), so it never changes while
 * the process runs: building it per request redid the sections and the JSON key of expandCard's cache for
 * the same card every time. expandCard returns it frozen, so no caller can change what the next request
 * gets. A process has one config; a few notes are kept for tests that start bots with different ones.
 */
const helpCards = new Map<string, AdaptiveCard>();
const HELP_CARDS_KEPT = 4;

function helpCard(approvals: readonly string[] | undefined): AdaptiveCard {
  const approvalNote = helpApprovalNote(approvals);
  const known = helpCards.get(approvalNote);
  if (known) return known;
  const card = renderHelpCard({
    sections: helpSections(), buttons: [commandButton('SDS runs', { kind: 'listSdsRuns' }), commandButton('SDS flows', { kind: 'listSdsFlows' })],
    ...(approvalNote ? { approvalNote } : {}),
  });
  if (helpCards.size >= HELP_CARDS_KEPT) helpCards.delete(helpCards.keys().next().value!);
  helpCards.set(approvalNote, card);
  return card;
}

/** Help sections straight from the grammar table, each row in the area it names, so help never drifts from the parser. */
function helpSections() {
  return (Object.keys(HELP_AREAS) as HelpArea[])
    .map((area) => ({ name: HELP_AREAS[area], commands: GRAMMAR.filter((row) => row.area === area).map((row) => ({ usage: row.usage, summary: row.summary })) }))
    .filter((section) => section.commands.length > 0);
}

/** Help names the changes that wait for a second admin, so nobody is surprised after Confirm; '' when none do. */
function helpApprovalNote(approvals: readonly string[] | undefined): string {
  if (!approvals?.length) return '';
  return `These need a second admin to Approve after Confirm (APPROVAL_REQUIRED): ${approvals.join(', ')}. Nobody approves their own change.`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A job id starts with its template's name ("Workday.1a2b…", "scim.3b1c…"), which usually names the app:
 * searching apps by it is the likely next step, and after that search `job <id>` needs no `for`.
 */
function findAppChoices(jobId: string): CommandButton[] {
  const template = jobId.split('.')[0] ?? '';
  return /^[A-Za-z][A-Za-z0-9]{2,}$/.test(template) && template !== jobId ? [findAppsButton(template)] : [];
}
