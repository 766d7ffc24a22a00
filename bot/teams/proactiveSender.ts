/** Posts notification cards to Teams outside a turn, and says what Teams answered in terms the courier acts on. */
import { CardFactory, MessageFactory, type BotAdapter, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { AdaptiveCard } from '../../cards/render';
import { DeadlineError, DEFAULT_DEADLINES, withDeadline } from '../deadline';
import type { ConversationAddress, Delivery } from '../notify/model';


/** Refusals that mean the bot is no longer in the conversation or may not write to it (reference (c)). */
const GONE_CODES = new Set(['BotNotInConversationRoster', 'MessageWritesBlocked', 'MemberNotFoundInConversation', 'ConversationNotFound']);
/** Connection failures before any byte reached Teams. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

export class Sender {
  constructor(
    private readonly adapter: BotAdapter,
    /** The bot's app id ('' when inbound auth is off); continueConversationAsync needs it for outbound tokens. */
    private readonly appId: string,
    private readonly timeoutMs = DEFAULT_DEADLINES.connectorMs,
  ) {}

  /** Replies in `thread`, or starts a new thread in a channel, or posts to a chat. */
  async send(address: ConversationAddress, card: AdaptiveCard, thread: string | undefined): Promise<Delivery> {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    const startsThread = Boolean(address.teamsChannelId) && !thread;
    const reference = thread ? { ...address.reference, conversation: { ...address.reference.conversation!, id: thread } } : address.reference;
    let delivery: Delivery = { ok: false, failure: 'unknown', status: 0, code: 'NoAnswer' };
    // Errors are caught inside the turn: the adapter's onTurnError would otherwise swallow them.
    const turn = this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      try {
        if (startsThread) {
          delivery = { ok: true, thread: await startThread(context, address, activity) };
        } else {
          await context.sendActivity(activity);
          delivery = { ok: true };
        }
      } catch (error) {
        delivery = classify(error, Boolean(thread));
      }
    });
    try {
      await withDeadline(turn, this.timeoutMs, 'Bot Connector send');
    } catch (error) {
      if (!(error instanceof DeadlineError)) throw error;
      // Teams may have shown it or not; the courier retries later and marks the card "sent again".
      return { ok: false, failure: 'unknown', status: 0, code: 'Timeout' };
    }
    return delivery;
  }
}

/** A new post in the channel (teams-bot.md (c)); its conversation id is the thread later cards reply in. */
async function startThread(context: TurnContext, address: ConversationAddress, activity: ReturnType<typeof MessageFactory.attachment>): Promise<string> {
  const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
  const created = await client.conversations.createConversation({
    isGroup: true,
    bot: address.reference.bot!,
    activity,
    channelData: { channel: { id: address.teamsChannelId }, ...(address.tenantId ? { tenant: { id: address.tenantId } } : {}) },
  } as Parameters<ConnectorClient['conversations']['createConversation']>[0]);
  if (!created.id) throw Object.assign(new Error('createConversation answered without a conversation id'), { statusCode: 502, code: 'NoConversationId' });
  return created.id;
}

interface ConnectorError {
  statusCode?: number;
  code?: string;
  response?: { headers?: { get(name: string): string | undefined | null } };
}

/** Reads a RestError of the connector client (reference (d)): status, Bot Framework code, Retry-After. */
export function classify(error: unknown, isThread: boolean): Delivery {
  const { statusCode, code = '', response } = (error ?? {}) as ConnectorError;
  const status = typeof statusCode === 'number' ? statusCode : 0;
  if (status === 429 || status === 412) {
    const retryAfterMs = parseRetryAfter(response?.headers?.get('retry-after'));
    return { ok: false, failure: 'throttled', status, code, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  if (status === 404 && isThread && !GONE_CODES.has(code)) return { ok: false, failure: 'threadGone', status, code };
  if (status === 403 || status === 404 || GONE_CODES.has(code)) return { ok: false, failure: 'gone', status, code };
  if (status >= 400 && status < 500) return { ok: false, failure: 'rejected', status, code };
  if (status === 0 && UNREACHABLE.has(code)) return { ok: false, failure: 'unreachable', status, code };
  return { ok: false, failure: 'unknown', status, code: code || 'NoAnswer' };
}

/** Seconds or an HTTP date, as Retry-After allows. */
function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
