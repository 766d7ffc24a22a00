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
    intro: `SyncOps runs School Data Sync and Entra provisioning from this chat. ${how}, for example to see the latest SDS runs, or to post here whenever something changes:`,
    // The new SDS first; SDS (Classic) profile commands still work where a tenant serves them.
    examples: ['sds runs', 'watch sds', 'watch app Workday only errors'],
    footnote: 'SyncOps checks what is watched at a regular interval; in a channel, each watched object gets its own thread. The SDS (Classic) profile commands stay for tenants that still serve them.',
    actions: rowActions(data.buttons.map(commandAction)),
  });
}
