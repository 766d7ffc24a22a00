import template from './list.json';
import { commandAction, expandCard, rowActions, type AdaptiveCard, type CommandButton } from './render';

/** One entry of a list card: a bold heading and a few small lines under it. */
export interface ListItem {
  heading: string;
  lines: readonly string[];
  color?: 'Default' | 'Attention' | 'Good';
  /** The item's own buttons, under its lines: each opens that item, so its label need not repeat the name. */
  buttons?: readonly CommandButton[];
}

export interface ListCardData {
  title: string;
  subtitle?: string;
  empty: string;
  items: readonly ListItem[];
  footnote?: string;
  actions: readonly Record<string, unknown>[];
}

/** Template of the list cards (errors, audit); each has its own typed builder over this one. */
export function expandListCard(data: ListCardData): AdaptiveCard {
  return expandCard(template, {
    ...data, subtitle: data.subtitle ?? '', footnote: data.footnote ?? '',
    items: data.items.map((item) => ({ ...item, color: item.color ?? 'Default', buttons: (item.buttons ?? []).map(commandAction) })),
    actions: rowActions(data.actions),
  });
}
