import template from './help.json';
import { commandAction, expandCard, rowActions, showPlaceholders, type AdaptiveCard, type CommandButton } from './render';

export interface HelpCommand {
  usage: string;
  summary: string;
}

export interface HelpCardData {
  sections: readonly { name: string; commands: readonly HelpCommand[] }[];
  buttons: readonly CommandButton[];
  /** Which changes need a second admin (APPROVAL_REQUIRED), said after the confirmation rule. */
  approvalNote?: string;
}

/**
 * What the bot can do, one section per area; the rows come from the grammar table. Each area is a heading
 * and one TextBlock holding a Markdown bulleted list, a line per command: under half the bytes of a
 * Container with two TextBlocks per command (5.0 KB instead of 11.2 KB), and at 320 px each command wraps
 * under its bullet, its usage in bold, instead of stacking a Monospace line over a pale one.
 */
export function renderHelpCard(data: HelpCardData): AdaptiveCard {
  return expandCard(template, {
    title: 'What SyncOps can do',
    intro: 'Type a command, or @mention SyncOps in a channel. Names may be quoted; an id works wherever a name does.',
    sections: data.sections.map((section) => ({ name: section.name, list: helpList(section.commands) })),
    footnote: ['Commands that change something show a confirmation card first; nothing runs until someone clicks Confirm.', data.approvalNote].filter(Boolean).join(' '),
    actions: rowActions(data.buttons.map(commandAction)),
  });
}

/**
 * Commands as a Markdown bulleted list, `- **usage**: summary`, items joined with `\r`: the bold and list
 * syntax Teams supports in a TextBlock (Text formatting in cards,
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format).
 * Nothing is escaped: Teams documents no escape, so the grammar's usages and summaries must not contain
 * Markdown themselves (test/unit/cards.test.ts checks every row). Placeholders keep their look-alike
 * brackets (showPlaceholders).
 */
export function helpList(commands: readonly HelpCommand[]): string {
  return commands.map((c) => `- **${showPlaceholders(c.usage)}**: ${c.summary}`).join('\r');
}
