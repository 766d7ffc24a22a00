import template from './profiles.json';
import { CARD_DATA_VERSION, expandCard, RUN_VERB, type AdaptiveCard } from './render';

/** One profile's row: clicking it runs `command` (its status card). */
export interface ProfileRow {
  name: string;
  provider: string;
  state: string;
  /** An Adaptive Cards text colour (bot/present/health.ts decides it). */
  color: string;
  command: string;
}

export interface ProfileListCardData {
  title: string;
  rows: readonly ProfileRow[];
  /** Said under the rows when some were left out; '' otherwise. */
  more: string;
}

/** The tenant's SDS profiles with their state; clicking a row opens its status card. */
export function renderProfileListCard(data: ProfileListCardData): AdaptiveCard {
  const profiles = data.rows.map(({ command, ...row }) => ({ ...row, data: { v: CARD_DATA_VERSION, cmd: command }, verb: RUN_VERB }));
  return expandCard(template, { title: data.title, profiles, more: data.more });
}
