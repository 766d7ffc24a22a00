import template from './sdsFlows.json';
import { commandAction, expandCard, type AdaptiveCard, type CommandButton } from './render';

export interface SdsFlowsCardData {
  inbound: readonly { name: string; readiness: string; color: string; details: string; window: string; warning: string }[];
  flowSets: readonly { name: string; flows: readonly string[] }[];
  buttons: readonly CommandButton[];
}

/** The new SDS's inbound flows (readiness, year, window) and outbound flow sets with their flows. */
export function renderSdsFlowsCard(data: SdsFlowsCardData): AdaptiveCard {
  return expandCard(template, { inbound: data.inbound, flowSets: data.flowSets, actions: data.buttons.map(commandAction) });
}
