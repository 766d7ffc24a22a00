import {
  CardFactory, MessageFactory, TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { renderNoticeCard } from '../cards/notice';
import { RUN_VERB } from '../cards/render';
import type { Actor } from './actor';
import { decodeRunData } from './cardData';
import type { Logger } from './log';
import { cardInvokeResponse } from './protocol';
import type { Asker, Responder } from './responder';

/**
 * The Teams side of the bot: turns messages and card clicks into text for the responder, and its cards
 * into replies. Nothing about Graph lives here.
 */
export class SyncBot extends TeamsActivityHandler {
  constructor(
    private readonly responder: Responder,
    private readonly log: Logger,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    // In channels the text starts with the bot's @mention; the entity says exactly which text to cut.
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const card = await this.responder.respond(text, this.askerOf(context));
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const asker = this.askerOf(context);
    const { verb, data } = invokeValue.action;
    const decoded = verb === RUN_VERB ? decodeRunData(data) : { ok: false as const, reason: `unknown button "${String(verb).slice(0, 40)}"` };
    if (!decoded.ok) {
      asker.log.warn({ event: 'click.refused', verb: String(verb).slice(0, 40), reason: decoded.reason });
      return cardInvokeResponse(renderNoticeCard({ title: 'This button cannot be used', tone: 'attention', text: `Refused: ${decoded.reason}.` }));
    }
    return cardInvokeResponse(await this.responder.respond(decoded.command, asker));
  }

  private askerOf(context: TurnContext): Asker {
    const { activity } = context;
    const actor: Actor = {
      teamsId: activity.from?.id ?? '',
      name: activity.from?.name ?? 'Someone',
      ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
      ...(tenantOf(activity) ? { tenantId: tenantOf(activity) } : {}),
    };
    return { actor, conversationId: activity.conversation.id, log: this.log.child({ activityId: activity.id, actor: actor.aadObjectId }) };
  }
}

function tenantOf(activity: TurnContext['activity']): string | undefined {
  return (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
}
