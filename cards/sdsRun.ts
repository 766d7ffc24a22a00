import type { NoticeTone } from './notice';
import template from './sdsRun.json';
import { commandAction, expandCard, rowActions, type AdaptiveCard, type CommandButton } from './render';

export interface SdsRunCardData {
  title: string;
  subtitle: string;
  tone: NoticeTone;
  blockingError: string;
  activities: readonly { name: string; status: string; color: string; error: string }[];
  statisticsTitle: string;
  statistics: readonly { title: string; value: string }[];
  note: string;
  buttons: readonly CommandButton[];
}

const STYLE: Record<NoticeTone, string> = { info: 'emphasis', good: 'good', warning: 'warning', attention: 'attention' };

/** One run of the new SDS: its status, blocking error, each flow's activity and the statistics. */
export function renderSdsRunCard(data: SdsRunCardData): AdaptiveCard {
  const { tone, buttons, ...rest } = data;
  return expandCard(template, { ...rest, style: STYLE[tone], actions: rowActions(buttons.map(commandAction)) });
}
