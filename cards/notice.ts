import template from './notice.json';
import { commandAction, expandCard, openUrlAction, rowActions, type AdaptiveCard, type CommandButton } from './render';

export type NoticeTone = 'info' | 'good' | 'warning' | 'attention';

export interface NoticeCardData {
  title: string;
  tone: NoticeTone;
  text?: string;
  /** Short lines shown one under another (suggestions, usage lines, verification messages). */
  lines?: readonly string[];
  facts?: readonly { title: string; value: string }[];
  footnote?: string;
  buttons?: readonly CommandButton[];
  /** One-click answers (a corrected command, a closest name), each a full-width button on its own row. */
  choices?: readonly CommandButton[];
  /** Links that open in the browser (troubleshooting pages Graph points to). */
  links?: readonly { title: string; url: string }[];
}

const CONTAINER_STYLE: Record<NoticeTone, string> = { info: 'emphasis', good: 'good', warning: 'warning', attention: 'attention' };

/**
 * A card that tells: an error, a refusal, a suggestion, a plan. Its facts (like those of the action and
 * notification cards) are two-column rows, not a FactSet: a FactSet is a table, and one long unbroken
 * value such as a Cloud Sync job id widens it past Teams' 414 px column, clipping every value.
 */
export function renderNoticeCard(data: NoticeCardData): AdaptiveCard {
  return expandCard(template, {
    title: data.title,
    style: CONTAINER_STYLE[data.tone],
    text: data.text ?? '',
    lines: data.lines ?? [],
    facts: data.facts ?? [],
    footnote: data.footnote ?? '',
    choices: (data.choices ?? []).map(commandAction),
    actions: rowActions([
      ...(data.buttons ?? []).map(commandAction),
      ...(data.links ?? []).map(openUrlAction),
    ]),
  });
}
