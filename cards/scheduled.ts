import { CANCEL_VERB } from './action';
import template from './scheduled.json';
import { ACTION_EXECUTE, CARD_DATA_VERSION, expandCard, type AdaptiveCard } from './render';

/** One scheduled change: what, when (DATE()/TIME() text), the exact Graph call, who and its state. */
export interface ScheduledItem {
  heading: string;
  runs: string;
  graphCall: string;
  lines: readonly string[];
  /** Set while it can still be cancelled: the Cancel button carries only this id. */
  cancellableActionId?: string;
}

export interface ScheduledCardData {
  title: string;
  subtitle?: string;
  note?: string;
  empty: string;
  items: readonly ScheduledItem[];
  footnote?: string;
}

/** A scheduled change just confirmed, or the `scheduled` list; each entry with its own Cancel. */
export function renderScheduledCard(data: ScheduledCardData): AdaptiveCard {
  return expandCard(template, {
    title: data.title, subtitle: data.subtitle ?? '', note: data.note ?? '', empty: data.empty, footnote: data.footnote ?? '',
    items: data.items.map(({ cancellableActionId, ...item }) => ({
      ...item,
      actions: cancellableActionId
        ? [{ type: ACTION_EXECUTE, title: 'Cancel', verb: CANCEL_VERB, data: { v: CARD_DATA_VERSION, actionId: cancellableActionId } }]
        : [],
    })),
  });
}
