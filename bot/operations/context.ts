import type { Actor } from '../actor';
import type { Config } from '../config';
import type { GraphGateway } from '../graph/gateway';
import type { Logger } from '../log';
import type { AuditLog } from '../store/auditLog';
import type { Following } from './follow';
import type { KeyValueStore } from '../store/keyValue';
import type { CardAddress } from './storedAction';

/** Everything an operation may use. It never sees a TurnContext and never builds a card. */
export interface OperationContext {
  actor: Actor;
  /** The conversation the command came from (Teams conversation id). */
  conversationId: string;
  /** The admin's IANA time zone (the activity's `localTimezone`), for `at HH:MM`; absent when Teams did not say. */
  timeZone?: string;
  /** For a click: the message holding the card, which a scheduled change's result replaces when it runs. */
  cardMessageId?: string;
  /** A one-to-one chat with the bot, where no second admin can see a card to approve it. */
  isPersonalChat?: boolean;
  gateway: GraphGateway;
  store: KeyValueStore;
  audit: AuditLog;
  config: Config;
  now: () => Date;
  newActionId: () => string;
  /** After this long a confirmed call answers "Running…" and finishes in the background (invoke deadline). */
  runningAfterMs: number;
  log: Logger;
  /** How cards follow long-running operations (an SDS run, a file validation) in place; defaults in follow.ts. */
  following?: Following;
  /** The card a click came from, stored with the action it confirms (see StoredAction.card). */
  card?: CardAddress;
}
