/**
 * Bot middleware for notifications: remembers how to reach every conversation the bot hears from (the
 * watch commands store it with their watches), and lifts a suspension when the bot is installed again.
 */
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../log';
import type { AuditLog } from '../store/auditLog';
import { AddressMemo } from '../notify/addressMemo';
import { baseConversationId } from '../notify/keys';
import type { ConversationAddress } from '../notify/model';
import type { WatchBook } from '../notify/watchBook';

/** Activity types that carry where a conversation is; proactive continuations (events) do not. */
const ADDRESSED = new Set<string>([ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate]);
/**
 * A store read when this process has not seen the conversation's address stored within the last minute
 * (see AddressMemo for why a minute), a write only when the address changed.
 */
export class ConversationRecorder implements Middleware {
  private readonly known = new AddressMemo(() => this.deps.now().getTime());

  constructor(private readonly deps: { book: WatchBook; audit: AuditLog; now: () => Date; log: Logger }) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (ADDRESSED.has(activity.type) && activity.conversation?.id && activity.serviceUrl) {
      try {
        await this.remember(activity);
        if (isBotInstalled(activity)) await this.resume(activity);
      } catch (error) {
        // Notifications must never cost a reply: the next activity from this conversation tries again.
        this.deps.log.warn({ event: 'notify.address.failed', err: error });
      }
    }
    await next();
  }

  private async remember(activity: Activity): Promise<void> {
    const conversationId = baseConversationId(activity.conversation.id);
    const signature = addressSignature(activity, conversationId);
    if (this.known.isStored(conversationId, signature)) return;
    await this.deps.book.recordAddress(conversationId, addressOf(activity));
    this.known.remember(conversationId, signature);
  }

  private async resume(activity: Activity): Promise<void> {
    const conversationId = baseConversationId(activity.conversation.id);
    const lifted = await this.deps.book.resume(conversationId);
    if (!lifted) return;
    await this.deps.audit.append({
      at: this.deps.now().toISOString(), event: 'resumed', actor: { name: activity.from?.name ?? 'Someone' }, conversationId,
      command: 'notify', outcome: `SyncOps was added again; notifications suspended since ${lifted.at} (${lifted.status} ${lifted.code}) resume`,
    });
    this.deps.log.info({ event: 'notify.resumed', suspendedAt: lifted.at });
  }
}

/** installationUpdate "add", or a conversationUpdate that adds the bot itself. */
export function isBotInstalled(activity: Activity): boolean {
  if (activity.type === ActivityTypes.InstallationUpdate) return String(activity.action ?? '').startsWith('add');
  return activity.type === ActivityTypes.ConversationUpdate && Boolean(activity.membersAdded?.some((member) => member.id === activity.recipient?.id));
}

/**
 * Every field addressOf reads, in one string: equal signatures give equal addresses. Most turns stop here,
 * so the address itself is built only when it must be written (building and stringifying it each turn
 * was 1% of a `help` answer).
 */
function addressSignature(activity: Activity, conversationId: string): string {
  const channelData = activity.channelData as { channel?: { id?: string }; tenant?: { id?: string } } | undefined;
  const { conversation, recipient } = activity;
  return [
    activity.channelId, activity.serviceUrl, recipient?.id, recipient?.name, conversationId, conversation.isGroup, conversation.conversationType,
    conversation.tenantId, channelData?.tenant?.id, channelData?.channel?.id,
  ].join('\u0000');
}

/** The parts of a conversation reference a proactive post needs, for the conversation (not the thread) itself. */
export function addressOf(activity: Activity): ConversationAddress {
  const channelData = activity.channelData as { channel?: { id?: string }; tenant?: { id?: string } } | undefined;
  const conversation = activity.conversation;
  const id = baseConversationId(conversation.id);
  const tenantId = channelData?.tenant?.id ?? conversation.tenantId;
  const isChannel = conversation.conversationType === 'channel' || Boolean(channelData?.channel?.id);
  return {
    reference: {
      channelId: activity.channelId,
      serviceUrl: activity.serviceUrl,
      bot: { id: activity.recipient.id, name: activity.recipient.name },
      conversation: { id, isGroup: Boolean(conversation.isGroup), conversationType: conversation.conversationType, name: '', ...(tenantId ? { tenantId } : {}) },
    },
    ...(isChannel ? { teamsChannelId: channelData?.channel?.id ?? id } : {}),
    ...(tenantId ? { tenantId } : {}),
  };
}
