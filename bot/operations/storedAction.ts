import type { Command } from '../commands/types';
import type { ApprovalOperation } from '../config';
import type { GraphFailure } from '../graph/errors';
import type { VerificationMessage } from '../graph/types';

/** A person as the audit trail and the cards name them. */
export interface Person {
  name: string;
  aadObjectId?: string;
}

export type ActionState =
  | 'pending' | 'running' | 'succeeded' | 'failed' | 'outcomeUnknown' | 'cancelled' | 'expired'
  // Two-person approval (operations/approval.ts) and scheduled changes (operations/schedule.ts):
  | 'awaitingApproval' | 'rejected' | 'scheduled' | 'missed' | 'skipped';

/** A change confirmed now to run later: when (UTC), in whose zone it was typed, and how it was typed. */
export interface ActionSchedule {
  runAt: string;
  /** The admin's IANA zone from the activity (`localTimezone`), or UTC when Teams did not say. */
  timeZone: string;
  typed: string;
  /** Set when it ran: how many whole minutes after `runAt` (after downtime). */
  lateMinutes?: number;
}

/** Why a second admin must approve, until when, and who decided. */
export interface ActionApproval {
  operation: ApprovalOperation;
  until: string;
  approvedBy?: Person;
  approvedAt?: string;
  rejectedBy?: Person;
  rejectedAt?: string;
}

/** What the confirmation card promises: the exact Graph call and its consequences. */
export interface ActionPlan {
  /** "Pause Contoso High School CSV?" */
  question: string;
  /** "Pause", "Restart": the verb in titles such as "Paused by Ada at 10:02". */
  verb: string;
  pastTense: string;
  /** "POST /education/synchronizationProfiles/{id}/pause" */
  graphCall: string;
  effects: string[];
  /** Extra warnings that need a second look (ForceDeletes, ConnectorDataStore). */
  warnings: string[];
  facts: { title: string; value: string }[];
  /** What was chosen beyond the target, for the audit trail: "reset scope Escrows, QuarantineState". */
  choice?: string;
}

/** How the Graph call ended, as the result card shows it. */
export interface ActionResult {
  headline: string;
  details: string[];
  graphRequestId?: string;
  /** The target's state read back from Graph after the call. */
  stateAfter?: string;
  verification?: VerificationMessage[];
  error?: { failure: GraphFailure; status: number; code: string; message: string; retryAfterSeconds?: number };
}

/** A mutation between proposal and its end, kept in the store under `actions/<id>`. */
export interface StoredAction {
  id: string;
  /** The command with its target resolved to ids, so a click acts on exactly what the card showed. */
  command: Command;
  targetLabel: string;
  plan: ActionPlan;
  conversationId: string;
  tenantId?: string;
  proposedBy: Person;
  createdAt: string;
  expiresAt: string;
  state: ActionState;
  decidedBy?: Person;
  decidedAt?: string;
  finishedAt?: string;
  result?: ActionResult;
  schedule?: ActionSchedule;
  /** Set at Confirm when APPROVAL_REQUIRED names this change. */
  approval?: ActionApproval;
  /** The message showing a scheduled change (from its Confirm click), updated with the result when it runs. */
  cardMessageId?: string;
  /** Set at proposal for the card: the operation that will (or, with `isConditional`, may) need approval. */
  approvalHint?: { operation: ApprovalOperation; isConditional: boolean; isPersonalChat?: boolean };
  /** The process running the Graph call, while `running`: how a crashed run is told from a slow one. */
  runner?: Runner;
  /** Where the action's card is (opaque to operations), so a result found later can update it in place. */
  card?: CardAddress;
}

/** A process as an action records it: host and pid, and an id per process start (pids are reused). */
export interface Runner {
  host: string;
  pid: number;
  instance: string;
}

/** The chat layer's address of a card message; operations store it and hand it back, never read it. */
export type CardAddress = Readonly<Record<string, unknown>>;

export const ACTION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function actionKey(id: string): string {
  return `actions/${id}`;
}

