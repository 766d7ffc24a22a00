import template from './help.json';
import { commandAction, expandCard, rowActions, showPlaceholders, type AdaptiveCard, type CommandButton } from './render';

export interface HelpCardData {
  sections: readonly { name: string; commands: readonly { usage: string; summary: string }[] }[];
  buttons: readonly CommandButton[];
  /** Which changes need a second admin (APPROVAL_REQUIRED), said after the confirmation rule. */
  approvalNote?: string;
}

/** What the bot can do, one section per area; the rows come from the grammar table. */
export function renderHelpCard(data: HelpCardData): AdaptiveCard {
  return expandCard(template, {
    title: 'What SyncOps can do',
    intro: 'Type a command, or @mention SyncOps in a channel. Names may be quoted; an id works wherever a name does.',
    sections: data.sections.map((section) => ({ ...section, commands: section.commands.map((c) => ({ ...c, usage: showPlaceholders(c.usage) })) })),
    footnote: ['Commands that change something show a confirmation card first; nothing runs until someone clicks Confirm.', data.approvalNote].filter(Boolean).join(' '),
    actions: rowActions(data.buttons.map(commandAction)),
  });
}
