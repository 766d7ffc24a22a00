/** Cards for the watch commands' views (present.ts maps each view here). */
import { renderNoticeCard } from '../../cards/notice';
import { formatTime, showPlaceholders, type AdaptiveCard, type CommandButton } from '../../cards/render';
import { renderWatchingCard } from '../../cards/watching';
import type { WatchFilter } from '../commands/types';
import type { View } from '../operations/outcome';
import type { Suspension, Watch, WatchTarget } from '../notify/model';
import { unwatchCommand } from './changeWords';

/** Rows on a card: 25 watches with the longest names stay inside the 28 KB design budget (reference (e)). */
const LISTED = 25;

const WATCHED: Record<WatchTarget['kind'], string> = { profile: 'School Data Sync (Classic) profile', app: 'Provisioning jobs of the app', sds: 'School Data Sync runs and flows' };

const WHEN: Record<WatchFilter, string> = {
  all: 'changes state, gains errors, fails a run, or enters or leaves quarantine',
  errors: 'gains errors or fails a run',
  quarantine: 'enters or leaves quarantine',
};

const SDS_WHEN = 'a run ends failed, with errors or with warnings, or an inbound flow fails, expires or is within 14 days of expiring';

const WATCHING_BUTTON: CommandButton = { title: 'What is watched here', command: 'watching' };

export function presentWatchList(view: Extract<View, { kind: 'watchList' }>): AdaptiveCard {
  const shown = view.watches.slice(0, LISTED);
  const more = view.watches.length - shown.length;
  return renderWatchingCard({
    title: view.watches.length ? `Watching ${view.watches.length} here` : 'Nothing is watched here',
    ...(view.resumed ? { notice: resumedText(view.resumed) } : {}),
    empty: showPlaceholders('Try watch profile <name> or watch app <name>: SyncOps then posts here when it changes.'),
    watches: shown.map((watch) => ({ heading: watch.target.name, detail: detailOf(watch), unwatch: { title: unwatchLabel(watch.target.name), command: unwatchCommand(watch.target) } })),
    ...(more > 0 ? { footnote: `…and ${more} more, not listed here.` } : {}),
    buttons: [],
  });
}

export function presentWatchChanged(view: Extract<View, { kind: 'watchChanged' }>): AdaptiveCard {
  const { target, only } = view;
  const kind = target.kind === 'profile' ? 'it' : 'any of its provisioning jobs';
  const when = target.kind === 'sds' ? `SyncOps posts here when ${SDS_WHEN}.` : `SyncOps posts here when ${kind} ${WHEN[only]}.`;
  const titles = {
    added: `Watching ${target.name} here`,
    updated: `Now watching ${target.name} for ${only === 'all' ? 'every change' : `${only} only`}`,
    unchanged: `Already watching ${target.name} here`,
    removed: `Stopped watching ${target.name} here`,
  };
  const isWatching = view.change !== 'removed';
  return renderNoticeCard({
    title: titles[view.change],
    tone: isWatching ? 'good' : 'info',
    text: isWatching ? when : 'SyncOps no longer posts its changes here.',
    ...(view.resumed ? { lines: [resumedText(view.resumed)] } : {}),
    facts: [
      { title: 'Watched', value: WATCHED[target.kind] },
      ...(view.current ? [{ title: 'Now', value: view.current }] : []),
      ...(target.kind === 'sds' ? [] : [{ title: target.kind === 'profile' ? 'Profile id' : 'App id', value: target.id }]),
    ],
    buttons: isWatching ? [WATCHING_BUTTON, { title: 'Stop watching', command: unwatchCommand(target) }] : [WATCHING_BUTTON],
  });
}

export function presentNotWatching(view: Extract<View, { kind: 'notWatching' }>): AdaptiveCard {
  return renderNoticeCard({
    title: `No watched ${view.what} here matches "${view.query}"`,
    tone: 'warning',
    ...(view.watched.length ? { text: `Watched ${view.what}s here:`, lines: view.watched.slice(0, LISTED) } : { text: `No ${view.what} is watched in this conversation.` }),
    buttons: [WATCHING_BUTTON],
  });
}

function detailOf(watch: Watch): string {
  const only = watch.target.kind === 'sds' ? 'failed runs, errors, warnings and flows' : watch.only === 'all' ? 'every change' : `${watch.only} only`;
  return `${WATCHED[watch.target.kind]} · ${only} · since ${formatTime(watch.since)} by ${watch.by}`;
}

function resumedText(suspension: Suspension): string {
  return `Notifications here had stopped at ${formatTime(suspension.at)} because Teams refused them (${suspension.status} ${suspension.code}); they are back on.`;
}

/** Longest unwatch label that fits a phone's card width beside nothing else. */
const MAX_UNWATCH_LABEL = 36;

/** "Unwatch Contoso High": each button of the list names what it stops, so no two read the same. */
function unwatchLabel(name: string): string {
  const label = `Unwatch ${name}`;
  return label.length <= MAX_UNWATCH_LABEL ? label : `${label.slice(0, MAX_UNWATCH_LABEL - 1)}…`;
}
