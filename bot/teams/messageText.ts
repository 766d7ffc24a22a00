import type { Activity } from 'botbuilder';

/**
 * The command text of a message, with the bot's own @mention cut out. Teams puts `<at>SyncOps</at>` at
 * the start of a channel message and names it in a `mention` entity. Untrusted shapes (no text, text
 * that is not a string, null entities, no recipient) read as what they plainly say instead of throwing,
 * as botbuilder's `TurnContext.removeRecipientMention` does on each of them.
 */
export function commandTextOf(activity: Partial<Activity>): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const botId = isObject(activity.recipient) ? activity.recipient.id : undefined;
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  for (const entity of entities) {
    if (!isObject(entity) || entity.type !== 'mention' || typeof entity.text !== 'string') continue;
    const mentioned = isObject(entity.mentioned) ? entity.mentioned.id : undefined;
    // Without a recipient the bot cannot tell its own mention from someone else's; any mention of the
    // form Teams gives the bot's is cut, since a command never starts with a person's name.
    if (botId === undefined || mentioned === botId) text = text.replace(entity.text, '');
  }
  return text.trim();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
