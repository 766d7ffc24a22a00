import template from './sdsRuns.json';
import { CARD_DATA_VERSION, commandAction, expandCard, rowActions, RUN_VERB, type AdaptiveCard, type CommandButton } from './render';

/** One run as its row reads; the presenter (bot/present/sds.ts) decides the words. */
export interface SdsRunRow {
  /** The command a click on the row runs (`sds run <id>`). */
  command: string;
  status: string;
  color: string;
  /** "Started … · running for 14 min", with times as Adaptive Cards DATE/TIME functions. */
  when: string;
  counts: string;
  blockingError: string;
}

export interface SdsRunsCardData {
  title: string;
  budget: string;
  runs: readonly SdsRunRow[];
  more: string;
  buttons: readonly CommandButton[];
}

/** The recent runs of the new SDS, newest first; a row opens that run. */
export function renderSdsRunsCard(data: SdsRunsCardData): AdaptiveCard {
  return expandCard(template, {
    title: data.title, budget: data.budget, more: data.more,
    runs: data.runs.map(({ command, ...row }) => ({ ...row, verb: RUN_VERB, data: { v: CARD_DATA_VERSION, cmd: command } })),
    actions: rowActions(data.buttons.map(commandAction)),
  });
}
