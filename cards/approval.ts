import template from './approval.json';
import { ACTION_EXECUTE, CARD_DATA_VERSION, expandCard, type AdaptiveCard } from './render';

export const APPROVE_VERB = 'approve';
export const REJECT_VERB = 'reject';

/** A change confirmed by one admin that waits for a second: who asked, what exactly runs, why, until when. */
export interface ApprovalCardData {
  title: string;
  askedBy: string;
  why: string;
  /** "Approve by …": text with the card's own DATE()/TIME() functions, so each reader sees their zone. */
  deadline: string;
  /** For a scheduled change: when it will run, in the same form. */
  runs?: string;
  graphCall: string;
  /** What was chosen beyond the target (the restart scope). */
  choice?: string;
  warnings: readonly string[];
  effects: readonly string[];
  facts: readonly { title: string; value: string }[];
  note?: string;
  /** While it still waits: Approve and Reject carry only this id. */
  waitingActionId?: string;
  /** Approve is drawn red only for a change that deletes or rebuilds data; positive otherwise. */
  isDestructive?: boolean;
}

export function renderApprovalCard(data: ApprovalCardData): AdaptiveCard {
  const buttonData = { v: CARD_DATA_VERSION, actionId: data.waitingActionId };
  return expandCard(template, {
    ...data, note: data.note ?? '', runs: data.runs ?? '', choice: data.choice ?? '',
    actions: data.waitingActionId
      ? [
        { type: ACTION_EXECUTE, title: 'Approve', verb: APPROVE_VERB, data: buttonData, style: data.isDestructive === false ? 'positive' : 'destructive' },
        { type: ACTION_EXECUTE, title: 'Reject', verb: REJECT_VERB, data: buttonData },
      ]
      : [],
  });
}
