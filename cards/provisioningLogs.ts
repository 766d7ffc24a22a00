import { rfc3339 } from '../bot/present/times';
import template from './provisioningLogs.json';
import type { NoticeTone } from './notice';
import { commandAction, expandCard, rowActions, type AdaptiveCard, type CommandButton } from './render';

export interface ProvisioningLogsCardData {
  title: string;
  subtitle: string;
  tone: NoticeTone;
  /** ISO time the events start from; the card renders it in each reader's own zone. */
  since: string;
  outcomes: readonly { title: string; value: string }[];
  actionCounts: readonly { title: string; value: string }[];
  errors: readonly { heading: string; reason?: string; action?: string }[];
  failures: readonly { who: string; at: string; what: string }[];
  footnote?: string;
  /** One button per person under the failures ("Why Lee Gu?"), each on its own row: names do not fit side by side. */
  choices?: readonly CommandButton[];
  buttons: readonly CommandButton[];
}

const STYLE: Record<NoticeTone, string> = { info: 'emphasis', good: 'good', warning: 'warning', attention: 'attention' };

/** A job's provisioning logs: counts by outcome and action, the top errors with Microsoft's advice, who failed last. */
export function renderProvisioningLogsCard(data: ProvisioningLogsCardData): AdaptiveCard {
  return expandCard(template, {
    title: data.title, subtitle: data.subtitle, style: STYLE[data.tone], since: graphTime(data.since),
    outcomes: data.outcomes, actionCounts: data.actionCounts,
    errors: data.errors.map((e) => ({ heading: e.heading, reason: e.reason ?? '', action: e.action ?? '' })),
    failures: data.failures.map((f) => ({ ...f, at: graphTime(f.at) })),
    footnote: data.footnote ?? '',
    choices: (data.choices ?? []).map(commandAction),
    actions: rowActions(data.buttons.map(commandAction)),
  });
}

/**
 * Adaptive Cards' DATE() and TIME() read only `yyyy-mm-ddThh:mm:ssZ` (no milliseconds), then show the time
 * in the reader's own zone (https://learn.microsoft.com/adaptive-cards/authoring-cards/text-features).
 */
export function graphTime(iso: string): string {
  return rfc3339(iso) ?? '1970-01-01T00:00:00Z';
}
