import { renderApprovalCard } from '../../cards/approval';
import type { AdaptiveCard } from '../../cards/render';
import type { ApprovalOperation } from '../config';
import type { StoredAction } from '../operations/storedAction';
import { isDestructive } from './destructive';
import { readersTime } from './time';

/** Why each APPROVAL_REQUIRED operation asks for a second admin, in the words of its documented effect. */
const WHY: Record<ApprovalOperation, string> = {
  'reset-profile': 'a reset starts the profile\'s synchronization over and deletes its recorded errors',
  'restart-job': 'a restart makes the job reprocess every object in scope',
  'restart-job-destructive': 'this reset scope (ConnectorDataStore, Full or ForceDeletes) can delete data or clear the service\'s state',
  'reset-sds-flow': 'a flow reset reprovisions the outbound flow from scratch',
  'start-sds-run': 'an on-demand run counts against the tenant\'s 5 runs per 12 hours',
};

/** The shared card of a change that waits for a second admin: who asked, what runs, why, until when. */
export function presentAwaitingApproval(action: StoredAction, note?: string): AdaptiveCard {
  const { plan, approval } = action;
  const confirmer = action.decidedBy?.name;
  return renderApprovalCard({
    title: `Waiting for approval: ${plan.verb.toLowerCase()} ${action.targetLabel}`,
    askedBy: confirmer && confirmer !== action.proposedBy.name
      ? `Asked by ${action.proposedBy.name}, confirmed by ${confirmer}` : `Asked and confirmed by ${action.proposedBy.name}`,
    why: approval
      ? `A second admin must approve before this runs: ${WHY[approval.operation]} (APPROVAL_REQUIRED lists ${approval.operation}). The person who asked cannot approve it.`
      : 'A second admin must approve before this runs.',
    deadline: approval ? `Approve by ${readersTime(approval.until)}, or it expires and nothing runs.` : '',
    ...(action.schedule ? { runs: `Once approved, it runs ${readersTime(action.schedule.runAt)}.` } : {}),
    graphCall: plan.graphCall,
    isDestructive: isDestructive(action.command),
    ...(plan.choice ? { choice: `Chosen: ${plan.choice}` } : {}),
    warnings: plan.warnings,
    effects: plan.effects,
    facts: plan.facts,
    ...(note ? { note } : {}),
    ...(action.state === 'awaitingApproval' ? { waitingActionId: action.id } : {}),
  });
}

/** The proposal card's line about approval, when APPROVAL_REQUIRED names (or may name) this change. */
export function approvalNotice(action: StoredAction): string | undefined {
  const hint = action.approvalHint;
  if (!hint) return undefined;
  if (hint.isPersonalChat)
    return `${hint.isConditional ? 'With ConnectorDataStore, Full or ForceDeletes this' : 'This'} needs a second admin's approval (APPROVAL_REQUIRED lists ${hint.operation}), which nobody else can give in this personal chat: propose it in a channel or group chat.`;
  return hint.isConditional
    ? `Choosing ConnectorDataStore, Full or ForceDeletes needs a second admin: after Confirm, another admin must approve before it runs (APPROVAL_REQUIRED lists ${hint.operation}).`
    : `Needs a second admin: after Confirm, another admin must approve before it runs (APPROVAL_REQUIRED lists ${hint.operation}).`;
}
