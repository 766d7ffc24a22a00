import template from './sdsFlows.json';
import { commandAction, expandCard, rowActions, type AdaptiveCard, type CommandButton } from './render';

export interface SdsFlowsCardData {
  /** `validate`: the flow's own Validate button, under it (flow names do not fit side by side on a phone). */
  inbound: readonly { name: string; readiness: string; color: string; details: string; window: string; warning: string; validate?: CommandButton }[];
  flowSets: readonly { name: string; flows: readonly string[] }[];
  buttons: readonly CommandButton[];
}

/** The new SDS's inbound flows (readiness, year, window) and outbound flow sets with their flows. */
export function renderSdsFlowsCard(data: SdsFlowsCardData): AdaptiveCard {
  return expandCard(template, {
    inbound: data.inbound.map(({ validate, ...flow }) => ({ ...flow, buttons: validate ? [commandAction(validate)] : [] })),
    flowSets: data.flowSets, actions: rowActions(data.buttons.map(commandAction)),
  });
}
