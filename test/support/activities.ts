import { randomUUID } from 'node:crypto';

/** Teams-shaped people and places for tests. */
export const TENANT_ID = '72f988bf-0000-4000-8000-000000000001';
export const BOT = { id: '28:syncops-bot', name: 'SyncOps' };
export const ADA = { id: '29:ada', name: 'Ada Lovelace', aadObjectId: '0c6b3f3e-2d7a-4f0c-9d55-8f1d2a7e9b11' };
export const GRACE = { id: '29:grace', name: 'Grace Hopper', aadObjectId: '5f7e9a1b-3c2d-4e6f-8a9b-0c1d2e3f4a5b' };

export type Person = { id: string; name: string; aadObjectId?: string };
export type Scope = 'personal' | 'channel' | 'groupChat';

export interface Where {
  scope?: Scope;
  from?: Person;
  conversationId?: string;
  tenantId?: string;
  /** The sender's IANA time zone, which Teams sends as `localTimezone`. */
  timeZone?: string;
}

const CONVERSATION_IDS: Record<Scope, string> = {
  personal: 'a:1personal-chat-with-ada',
  channel: '19:general@thread.tacv2;messageid=1700000000000',
  groupChat: '19:group-chat-1@thread.v2',
};

function base(serviceUrl: string, where: Where) {
  const scope = where.scope ?? 'personal';
  const tenantId = where.tenantId ?? TENANT_ID;
  return {
    id: `act-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: where.from ?? ADA,
    recipient: BOT,
    ...(where.timeZone ? { localTimezone: where.timeZone } : {}),
    conversation: {
      id: where.conversationId ?? CONVERSATION_IDS[scope],
      conversationType: scope,
      tenantId,
      ...(scope === 'personal' ? {} : { isGroup: true }),
    },
    channelData: {
      tenant: { id: tenantId },
      ...(scope === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: '19:general@thread.tacv2' } } : {}),
    },
  };
}

/** A message as Teams sends it; in a channel the text starts with the bot's @mention, with its entity. */
export function message(serviceUrl: string, text: string, where: Where = {}) {
  const activity = base(serviceUrl, where);
  if ((where.scope ?? 'personal') !== 'channel') return { ...activity, type: 'message', text, textFormat: 'plain' };
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...activity, type: 'message', text: `${mention} ${text}`, textFormat: 'plain',
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
  };
}

/** A click on an Action.Execute button: invoke `adaptiveCard/action` replying to the card's message. */
export function cardAction(serviceUrl: string, verb: string, data: unknown, replyToId: string, where: Where = {}) {
  return {
    ...base(serviceUrl, where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
  };
}
