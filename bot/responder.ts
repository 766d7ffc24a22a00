import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '../cards/render';
import type { Actor } from './actor';
import { parseCommand } from './commands/parser';
import { usageOf } from './commands/grammar';
import type { Command, ParseError } from './commands/types';
import type { Logger } from './log';
import type { CardAddress } from './operations/storedAction';
import type { OperationContext } from './operations/context';
import { auditEntry } from './operations/auditEntry';
import { dispatch, isMutation, isSchedulable, type ActionClick, type ScheduledChange } from './operations/dispatch';
import type { Outcome } from './operations/outcome';
import { presentOutcome, presentParseError } from './present/outcome';
import { presentFailure } from './present/failure';
import { mutationRefusal, tenantRefusal } from './identity/access';

/** A typed or button command that proposes a change: only people who may change things get the card. */
function isProposal(request: Command | ActionClick | ScheduledChange): boolean {
  if (request.kind === 'scheduleChange') return true;
  return request.kind !== 'confirmAction' && request.kind !== 'cancelAction' && request.kind !== 'approveAction' && request.kind !== 'rejectAction' && isMutation(request.kind);
}

/** Who asked, and where: all a command needs to know about the Teams turn it came from. */
export interface Asker {
  actor: Actor;
  conversationId: string;
  log: Logger;
  /** The sender's IANA time zone (`localTimezone`), for `at HH:MM`. */
  timeZone?: string;
  /** For a click: the message that holds the card clicked. */
  cardMessageId?: string;
  /** A one-to-one chat with the bot: nobody else sees its cards. */
  isPersonalChat?: boolean;
  /** The card message a click came from, kept with the action it confirms. */
  card?: CardAddress;
}

/** Everything of the operation context that does not depend on who asked. */
export type ResponderDeps = Omit<OperationContext, 'actor' | 'conversationId' | 'log' | 'timeZone' | 'cardMessageId' | 'isPersonalChat' | 'card'>;

/** A card to answer with, and whether the message everyone sees must change as well. */
export interface Reply {
  card: AdaptiveCard;
  /** An action moved on (confirmed, cancelled, finished): update the shared message, not just the clicker's view. */
  isShared: boolean;
  /** The final card of an action still running when the answer was due. */
  later?: Promise<AdaptiveCard>;
  /** Later states of the same card (an SDS run or validation being followed), after `later`, each replacing the message. */
  updates?: AsyncIterable<AdaptiveCard>;
}

/**
 * Text in, card out: parse, dispatch, present. Typed messages and button clicks both come here, so a
 * click can do nothing a typed command could not.
 */
export class Responder {
  /** Confirmed actions still running after their invoke was answered; shutdown waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: ResponderDeps) {}

  /** Resolves when every running action has ended (SIGTERM must not lose a result). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** A typed command, or the command of a button; a change ending in `at HH:MM` or `in <n>m|<n>h` is scheduled. */
  async respond(text: unknown, asker: Asker): Promise<Reply> {
    const denied = this.guard(asker, false);
    if (denied) return this.refuse(denied, 'message', asker);
    const parsed = parseCommand(text);
    if (!parsed.ok) return this.rejected(parsed.error, asker);
    // Only confirmed changes run later; a write without a confirmation (a validation) is not one (operations/dispatch.ts).
    if (parsed.when && !isSchedulable(parsed.command.kind)) return this.rejected({ reason: 'scheduleOnRead', usage: usageOf(parsed.command.kind) }, asker);
    return this.run(parsed.when ? { kind: 'scheduleChange', command: parsed.command, when: parsed.when } : parsed.command, asker);
  }

  private rejected(error: ParseError, asker: Asker): Reply {
    asker.log.info({ event: 'command.rejected', reason: error.reason });
    return { card: presentParseError(error), isShared: false };
  }

  /** Confirm, Cancel, Approve or Reject on an action card. */
  async respondToAction(click: ActionClick, asker: Asker): Promise<Reply> {
    const denied = this.guard(asker, true);
    return denied ? this.refuse(denied, click.kind, asker) : this.run(click, asker);
  }

  /** Whether ALLOWED_TENANTS lets this conversation use the bot at all (for messages the bot starts). */
  isTenantAllowed(asker: Asker): boolean {
    return this.guard(asker, false) === undefined;
  }

  /** Whether the allow-lists let this person change things: checked before any sign-in is asked for. */
  mayChange(asker: Asker): boolean {
    return this.guard(asker, true) === undefined;
  }

  /** A click whose data did not pass the checks: refused with the reason, and audited as refused. */
  refuseClick(reason: string, asker: Asker): Promise<Reply> {
    return this.refuse({ title: 'This button cannot be used', reason }, 'click', asker);
  }

  /**
   * Tenant first (everything), then user (mutations). A guard that throws refuses: guards fail closed.
   */
  private guard(asker: Asker, isMutation: boolean): { title: string; reason: string } | undefined {
    try {
      const tenant = tenantRefusal(asker.actor, this.deps.config.access);
      if (tenant) return { title: 'SyncOps is not available here', reason: tenant };
      const user = isMutation ? mutationRefusal(asker.actor, this.deps.config.access) : undefined;
      return user ? { title: 'You cannot change synchronization from here', reason: user } : undefined;
    } catch (error) {
      asker.log.error({ event: 'guard.failed', err: error });
      return { title: 'Refused', reason: 'the access check failed' };
    }
  }

  /** Refused before anything ran: a card with the reason, audited (never reaching Graph). */
  private async refuse(refusal: { title: string; reason: string }, command: string, asker: Asker): Promise<Reply> {
    asker.log.warn({ event: 'refused', command, reason: refusal.reason });
    try {
      await this.deps.audit.append(auditEntry(asker, this.deps.now(), { event: 'refused', command, outcome: refusal.reason }));
    } catch (error) {
      return { card: this.fail(error, `${command}.refusal`, asker), isShared: false };
    }
    return { card: presentOutcome({ kind: 'refused', title: refusal.title, reason: `Refused: ${refusal.reason}.` }), isShared: false };
  }

  private async run(request: Command | ActionClick | ScheduledChange, asker: Asker): Promise<Reply> {
    if (isProposal(request)) {
      const denied = this.guard(asker, true);
      if (denied) return this.refuse(denied, request.kind, asker);
    }
    try {
      const outcome = await dispatch(request, {
        ...this.deps, actor: asker.actor, conversationId: asker.conversationId, log: asker.log,
        ...(asker.timeZone ? { timeZone: asker.timeZone } : {}), ...(asker.cardMessageId ? { cardMessageId: asker.cardMessageId } : {}),
        ...(asker.isPersonalChat ? { isPersonalChat: true } : {}), ...(asker.card ? { card: asker.card } : {}),
      });
      asker.log.info({ event: 'command', command: request.kind, outcome: outcome.kind });
      const updates = this.followed(outcome, request, asker);
      return {
        card: presentOutcome(outcome),
        // A followed card is everyone's: each later state replaces the message itself.
        isShared: outcome.kind === 'running' || (outcome.kind === 'done' && !outcome.isRefusal) || updates !== undefined,
        ...(outcome.kind === 'running' ? { later: this.track(this.finish(outcome.completion, request, asker)) } : {}),
        ...(updates ? { updates } : {}),
      };
    } catch (error) {
      return { card: this.fail(error, request.kind, asker), isShared: false };
    }
  }

  /**
   * The cards of an outcome that is followed (its own `follow`, or its completion's); undefined when nothing
   * follows. Not tracked for shutdown: a follow may last hours, and it ends with the app's signal instead.
   */
  private followed(outcome: Outcome, request: Command | ActionClick | ScheduledChange, asker: Asker): AsyncIterable<AdaptiveCard> | undefined {
    // A change still running (after a Confirm or an approval) may be followed once it ends; its completion says.
    const isFollowed = outcome.kind === 'running' || ((outcome.kind === 'info' || outcome.kind === 'done') && outcome.follow !== undefined);
    if (!isFollowed) return undefined;
    const fail = (error: unknown) => this.fail(error, `${request.kind}.follow`, asker);
    return (async function* cards() {
      try {
        const ended = outcome.kind === 'running' ? await outcome.completion : outcome;
        const follow = ended.kind === 'info' || ended.kind === 'done' ? ended.follow : undefined;
        for await (const next of follow ?? []) yield presentOutcome(next);
      } catch (error) {
        yield fail(error);
      }
    })();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  private async finish(completion: Promise<Outcome>, request: Command | ActionClick | ScheduledChange, asker: Asker): Promise<AdaptiveCard> {
    try {
      const outcome = await completion;
      asker.log.info({ event: 'command.finished', command: request.kind, outcome: outcome.kind });
      return presentOutcome(outcome);
    } catch (error) {
      return this.fail(error, request.kind, asker);
    }
  }

  private fail(error: unknown, command: string, asker: Asker): AdaptiveCard {
    const ref = randomUUID().slice(0, 8);
    asker.log.error({ event: 'command.failed', command, ref, err: error });
    return presentFailure(error, ref);
  }
}
