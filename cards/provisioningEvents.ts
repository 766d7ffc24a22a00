import type { NoticeTone } from './notice';
import template from './provisioningEvents.json';
import { graphTime } from './provisioningLogs';
import { commandAction, expandCard, rowActions, type AdaptiveCard, type CommandButton } from './render';

export interface ProvisioningEventsCardData {
  title: string;
  subtitle: string;
  tone: NoticeTone;
  empty: string;
  events: readonly {
    heading: string;
    color: 'Default' | 'Good' | 'Attention';
    at: string;
    where: string;
    /** The error code, Microsoft's reason and recommended action; empty for a success. */
    problem: readonly string[];
    steps: readonly string[];
  }[];
  buttons: readonly CommandButton[];
}

const STYLE: Record<NoticeTone, string> = { info: 'emphasis', good: 'good', warning: 'warning', attention: 'attention' };

/** One identity's newest provisioning events, each with its steps: the answer to "why did this user fail?". */
export function renderProvisioningEventsCard(data: ProvisioningEventsCardData): AdaptiveCard {
  return expandCard(template, {
    title: data.title, subtitle: data.subtitle, style: STYLE[data.tone], empty: data.empty,
    events: data.events.map((e) => ({ ...e, at: graphTime(e.at) })),
    actions: rowActions(data.buttons.map(commandAction)),
  });
}
