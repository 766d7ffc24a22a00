import type { NoticeTone } from './notice';
import template from './sdsValidation.json';
import { commandAction, expandCard, rowActions, type AdaptiveCard, type CommandButton } from './render';

/** One error or warning of a validation: its code, message and the file it is about. */
export interface FileMessage {
  code: string;
  message: string;
  target?: string;
}

export interface SdsValidationCardData {
  title: string;
  subtitle: string;
  tone: NoticeTone;
  problem: string;
  facts: readonly { title: string; value: string }[];
  errors: readonly FileMessage[];
  warnings: readonly FileMessage[];
  buttons: readonly CommandButton[];
}

/** Messages that keep the card inside the 28 KB budget; the rest are counted. */
const MAX_MESSAGES = 25;
const STYLE: Record<NoticeTone, string> = { info: 'emphasis', good: 'good', warning: 'warning', attention: 'attention' };

/** A file validation, followed in place: running, then its errors and warnings grouped by file. */
export function renderSdsValidationCard(data: SdsValidationCardData): AdaptiveCard {
  const all = [
    ...data.errors.map((e) => ({ ...e, label: 'Error', color: 'Attention' })),
    ...data.warnings.map((e) => ({ ...e, label: 'Warning', color: 'Default' })),
  ];
  const shown = all.slice(0, MAX_MESSAGES);
  const files = new Map<string, { name: string; messages: { label: string; code: string; message: string; color: string }[] }>();
  for (const item of shown) {
    const name = item.target || 'All files';
    if (!files.has(name)) files.set(name, { name, messages: [] });
    files.get(name)!.messages.push({ label: item.label, code: item.code, message: item.message, color: item.color });
  }
  const hidden = all.length - shown.length;
  return expandCard(template, {
    title: data.title, subtitle: data.subtitle, style: STYLE[data.tone], problem: data.problem, facts: data.facts,
    files: [...files.values()], more: hidden > 0 ? `${hidden} more message${hidden === 1 ? '' : 's'} not shown.` : '',
    actions: rowActions(data.buttons.map(commandAction)),
  });
}
