import template from './watching.json';
import { commandAction, expandCard, rowActions, type AdaptiveCard, type CommandButton } from './render';

export interface WatchingCardData {
  title: string;
  /** Shown in warning colour above the list (e.g. notifications were suspended and are back on). */
  notice?: string;
  empty: string;
  watches: readonly { heading: string; detail: string; unwatch: CommandButton }[];
  footnote?: string;
  buttons: readonly CommandButton[];
}

/** A conversation's watches, each with its own Unwatch button. */
export function renderWatchingCard(data: WatchingCardData): AdaptiveCard {
  return expandCard(template, {
    title: data.title,
    notice: data.notice ?? '',
    empty: data.empty,
    watches: data.watches.map((watch) => ({ heading: watch.heading, detail: watch.detail, unwatch: commandAction(watch.unwatch) })),
    footnote: data.footnote ?? '',
    actions: rowActions(data.buttons.map(commandAction)),
  });
}
