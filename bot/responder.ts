import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '../cards/render';
import type { Actor } from './actor';
import { parseCommand } from './commands/parser';
import type { Config } from './config';
import type { GraphGateway } from './graph/gateway';
import type { Logger } from './log';
import { dispatch } from './operations/dispatch';
import { presentOutcome, presentParseError } from './present';
import { presentFailure } from './presentFailure';

/** Who asked, and where: all a command needs to know about the Teams turn it came from. */
export interface Asker {
  actor: Actor;
  conversationId: string;
  log: Logger;
}

export interface ResponderDeps {
  gateway: GraphGateway;
  config: Config;
  now: () => Date;
}

/**
 * Text in, card out: parse, dispatch, present. Typed messages and button clicks both come here, so a
 * click can do nothing a typed command could not.
 */
export class Responder {
  constructor(private readonly deps: ResponderDeps) {}

  async respond(text: unknown, asker: Asker): Promise<AdaptiveCard> {
    const parsed = parseCommand(text);
    if (!parsed.ok) {
      asker.log.info({ event: 'command.rejected', reason: parsed.error.reason });
      return presentParseError(parsed.error);
    }
    const { command } = parsed;
    try {
      const outcome = await dispatch(command, { ...this.deps, actor: asker.actor, conversationId: asker.conversationId, log: asker.log });
      asker.log.info({ event: 'command', command: command.kind, outcome: outcome.kind });
      return presentOutcome(outcome);
    } catch (error) {
      const ref = randomUUID().slice(0, 8);
      asker.log.error({ event: 'command.failed', command: command.kind, ref, err: error });
      return presentFailure(error, ref);
    }
  }
}
