import template from './notification.json';
import type { NoticeTone } from './notice';
import { commandAction, expandCard, rowActions, type AdaptiveCard, type CommandButton } from './render';

export interface NotificationCardData {
  /** What happened, e.g. "Contoso High School CSV: In progress → Error". */
  title: string;
  /** What the object is and when the change was seen. */
  subtitle: string;
  tone: NoticeTone;
  /** One line per change. */
  lines: readonly string[];
  /** The newest errors, when the error count went up. */
  errors?: readonly { heading: string; detail: string }[];
  facts?: readonly { title: string; value: string }[];
  footnote?: string;
  /** The natural next actions; each runs its command through the same path as typed text. */
  buttons: readonly CommandButton[];
}

const CONTAINER_STYLE: Record<NoticeTone, string> = { info: 'emphasis', good: 'good', warning: 'warning', attention: 'attention' };

/** A change notification posted to a watching conversation. */
export function renderNotificationCard(data: NotificationCardData): AdaptiveCard {
  const errors = data.errors ?? [];
  return expandCard(template, {
    title: data.title,
    subtitle: data.subtitle,
    style: CONTAINER_STYLE[data.tone],
    lines: data.lines,
    errorsTitle: errors.length === 1 ? 'Newest error' : `Newest ${errors.length} errors`,
    errors,
    facts: data.facts ?? [],
    footnote: data.footnote ?? '',
    actions: rowActions(data.buttons.map(commandAction)),
  });
}
