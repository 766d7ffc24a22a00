import type { Actor } from '../actor';
import type { Config } from '../config';
import type { GraphGateway } from '../graph/gateway';
import type { Logger } from '../log';

/** Everything an operation may use. It never sees a TurnContext and never builds a card. */
export interface OperationContext {
  actor: Actor;
  /** The conversation the command came from (Teams conversation id). */
  conversationId: string;
  gateway: GraphGateway;
  config: Config;
  now: () => Date;
  log: Logger;
}
