import template from './welcome.json';
import { commandAction, expandCard, rowActions, type AdaptiveCard, type CommandButton } from './render';

export interface WelcomeCardData {
  /** Channel, group chat or personal chat: says how to address the bot there. */
  isGroup: boolean;
  buttons: readonly CommandButton[];
}

/** Posted once when SyncOps is installed: what it does and how to watch. */
export function renderWelcomeCard(data: WelcomeCardData): AdaptiveCard {
  const how = data.isGroup ? '@mention SyncOps with a command' : 'Type a command';
  return expandCard(template, {
    title: 'SyncOps is here',
    intro: `SyncOps runs School Data Sync and Entra provisioning from this chat. ${how}, for example to post here whenever something changes:`,
    examples: ['watch profile Contoso High', 'watch app Workday only errors', 'watching'],
    footnote: 'SyncOps checks what is watched at a regular interval; in a channel, each watched profile or app gets its own thread.',
    actions: rowActions(data.buttons.map(commandAction)),
  });
}
