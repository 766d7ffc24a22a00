import { renderActionCard, type ActionCardData } from '../../cards/action';
import type { NoticeTone } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import type { StoredAction } from '../operations/storedAction';
import type { RestartScope } from '../commands/types';
import { clock } from '../operations/proposeConfirm';
import { isDestructive } from './destructive';
import { nextStepsAfter } from './nextSteps';
import { sdsPortalLink } from './adminLinks';
import { adviceFor, GRAPH_TITLES } from './failure';
import { DANGEROUS, FLAG_EXPLANATIONS, flagsOf } from '../operations/jobActions';
import { approvalNotice, presentAwaitingApproval } from './approval';
import { presentScheduledAction, ranAsScheduled, scheduleNotice } from './schedule';

/** The card of an action in whatever state it is in; the same message shows each state in turn. */
export function presentAction(action: StoredAction, note?: string): AdaptiveCard {
  const { plan, result } = action;
  const by = action.decidedBy ? `${action.decidedBy.name} at ${clock(action.decidedAt)}` : '';
  const approved = action.approval?.approvedBy ? `${action.approval.approvedBy.name} at ${clock(action.approval.approvedAt)}` : '';
  const rejected = action.approval?.rejectedBy ? `${action.approval.rejectedBy.name} at ${clock(action.approval.rejectedAt)}` : '';
  const common: Pick<ActionCardData, 'facts' | 'note'> = {
    facts: [
      ...plan.facts,
      { title: 'Asked by', value: `${action.proposedBy.name} at ${clock(action.createdAt)}` },
      ...(by ? [{ title: action.state === 'cancelled' ? 'Cancelled by' : 'Confirmed by', value: by }] : []),
      ...(approved ? [{ title: 'Approved by', value: approved }] : []),
      ...(result?.stateAfter ? [{ title: 'State now', value: result.stateAfter }] : []),
      ...(result?.graphRequestId ? [{ title: 'Graph request-id', value: result.graphRequestId }] : []),
      ...(result?.error ? [{ title: 'Graph answer', value: `${result.error.status || 'no answer'} ${result.error.code}${result.error.message ? `: ${result.error.message}` : ''}` }] : []),
    ],
    ...(note || action.schedule?.lateMinutes !== undefined ? { note: [ranAsScheduled(action), note].filter(Boolean).join(' ') } : {}),
  };
  switch (action.state) {
    case 'pending':
      return renderActionCard({
        ...common, note: [scheduleNotice(action), approvalNotice(action), note].filter(Boolean).join(' '),
        title: plan.question, tone: plan.warnings.length ? 'attention' : 'info',
        subtitle: `Expires at ${clock(action.expiresAt)}. Nothing happens until someone confirms.`,
        warnings: plan.warnings, effects: plan.effects, pendingActionId: action.id, isDestructive: isDestructive(action.command),
        ...(action.command.kind === 'restartJob'
          ? { scopePicker: scopePicker(action.command.scope), graphCall: pickedBodyPreview(plan.graphCall) }
          : { graphCall: plan.graphCall }),
      });
    case 'running':
      return renderActionCard({ ...common, title: `Running… ${plan.verb.toLowerCase()} ${action.targetLabel}`, tone: 'info', subtitle: 'This card updates when Microsoft Graph answers.', graphCall: plan.graphCall });
    case 'cancelled':
      return renderActionCard({ ...common, title: `Cancelled by ${by}`, tone: 'warning', subtitle: `${plan.verb} ${action.targetLabel} was not run.`, buttons: nextStepsAfter(action) });
    case 'expired':
      return renderActionCard({ ...common, title: 'Expired: run the command again', tone: 'warning', subtitle: `${plan.verb} ${action.targetLabel} was not run.`, buttons: nextStepsAfter(action) });
    case 'awaitingApproval':
      return presentAwaitingApproval(action, note);
    case 'scheduled':
      return presentScheduledAction(action, note);
    case 'rejected':
      return renderActionCard({ ...common, title: `Rejected by ${rejected}`, tone: 'warning', subtitle: `${plan.verb} ${action.targetLabel} was not run.`, graphCall: plan.graphCall });
    case 'missed':
    case 'skipped':
      return renderActionCard({
        ...common, title: `${action.state === 'missed' ? 'Missed' : 'Skipped'}: ${plan.verb.toLowerCase()} ${action.targetLabel} did not run`, tone: 'warning',
        subtitle: action.result?.headline ?? '', effects: action.result?.details ?? [], graphCall: plan.graphCall,
      });
    default:
      return renderActionCard({
        ...common, title: resultTitle(action, action.schedule ? `${(action.approval?.approvedBy ?? action.decidedBy)?.name ?? 'someone'}, as scheduled` : approved || by),
        tone: RESULT_TONE[action.state] ?? 'attention',
        subtitle: action.targetLabel, effects: [...(result?.details ?? []), ...explainError(action)], verification: result?.verification ?? [],
        graphCall: plan.graphCall,
        buttons: nextStepsAfter(action),
        ...(result?.verification?.length ? { links: sdsPortalLink() } : {}),
        // A run ended by recovery has no Graph answer to report; its detail line says what is known.
        ...(action.state === 'outcomeUnknown' && result?.error ? { warnings: ['The request reached Microsoft Graph but no answer came back: it may or may not have run. Check the state before trying again.'] } : {}),
      });
  }
}

/**
 * Teams cannot change a card's text while boxes are ticked, so a request body shown under the picker
 * would go stale at the first tick: the preview names the ticked scopes instead of spelling them.
 */
function pickedBodyPreview(graphCall: string): string {
  const call = graphCall.split(' {')[0];
  return `${call} with the ticked scopes as its resetScope`;
}

/** Every flag with what it does; the command's scope is preselected. */
function scopePicker(scope: RestartScope) {
  return {
    choices: (Object.keys(FLAG_EXPLANATIONS) as (keyof typeof FLAG_EXPLANATIONS)[]).map((flag) => ({
      title: `${DANGEROUS.includes(flag) ? '⚠ ' : ''}${flag}: ${FLAG_EXPLANATIONS[flag]}`, value: flag,
    })),
    selected: flagsOf(scope),
    acknowledgeLabel: 'I understand: ConnectorDataStore, Full and ForceDeletes can delete data or need Microsoft Support (required to confirm them)',
  };
}

/** A Graph refusal after Confirm, in the same words as any other Graph failure card. */
function explainError(action: StoredAction): string[] {
  const error = action.result?.error;
  if (!error || action.state === 'outcomeUnknown') return [];
  return [`${GRAPH_TITLES[error.failure]}. ${adviceFor(error)}`];
}

const RESULT_TONE: Partial<Record<StoredAction['state'], NoticeTone>> = { succeeded: 'good', failed: 'attention', outcomeUnknown: 'warning' };

function resultTitle(action: StoredAction, by: string): string {
  const headline = action.result?.headline ?? action.plan.pastTense;
  return action.state === 'succeeded' ? `${headline} by ${by}` : headline;
}
