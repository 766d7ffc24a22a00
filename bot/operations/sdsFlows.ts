/** `sds flows`, and finding one inbound or outbound flow by name or id (the chooser for ambiguous names). */
import { formatCommand } from '../commands/format';
import type { Command, Target } from '../commands/types';
import type { FlowSet, InboundFlow, ProvisioningFlow } from '../graph/industryDataTypes';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { matchByName, type Match } from './resolve';

/** `sds flows`: the inbound flows with their year (1 GET) and the outbound flow sets with their flows (1 GET), in parallel. */
export async function listSdsFlows(_command: Extract<Command, { kind: 'listSdsFlows' }>, ctx: OperationContext): Promise<Outcome> {
  const [inbound, flowSets] = await Promise.all([ctx.gateway.industryData.listInboundFlows(), ctx.gateway.industryData.listFlowSets()]);
  inbound.sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { kind: 'info', view: { kind: 'sdsFlows', inbound, flowSets, at: ctx.now().toISOString() } };
}

/** An outbound provisioning flow with the set it belongs to (its reset path names both). */
export interface OutboundFlow {
  set: FlowSet;
  flow: ProvisioningFlow;
}

/** One inbound flow, or the outcome that says why not (none, several). `commandFor` builds each chooser button. */
export async function findInboundFlow(target: Target, ctx: OperationContext, commandFor: (id: string) => Command): Promise<{ kind: 'flow'; flow: InboundFlow } | Outcome> {
  const flows = await ctx.gateway.industryData.listInboundFlows();
  const match = matchFlow(flows, target, (flow) => flow.displayName, (flow) => flow.id);
  return settle(match, 'inbound flow', target, (flow) => flow.displayName, (flow) => commandFor(flow.id), (flow) => ({ kind: 'flow', flow }));
}

/** One outbound provisioning flow across every flow set (1 GET). */
export async function findOutboundFlow(target: Target, ctx: OperationContext, commandFor: (id: string) => Command): Promise<{ kind: 'flow'; outbound: OutboundFlow } | Outcome> {
  const sets = await ctx.gateway.industryData.listFlowSets();
  const flows = sets.flatMap((set) => set.flows.map((flow) => ({ set, flow })));
  const label = (item: OutboundFlow) => `${item.flow.displayName} (${item.set.displayName})`;
  const match = matchFlow(flows, target, (item) => item.flow.displayName, (item) => item.flow.id);
  return settle(match, 'outbound flow', target, label, (item) => commandFor(item.flow.id), (outbound) => ({ kind: 'flow', outbound }));
}

/** Ids are matched exactly (GUIDs in any case); names as everywhere else (exact, prefix, substring). */
function matchFlow<T>(items: readonly T[], target: Target, nameOf: (item: T) => string, idOf: (item: T) => string): Match<T> {
  if (target.by === 'id') {
    const hit = items.find((item) => idOf(item).toLowerCase() === target.value);
    return hit ? { kind: 'one', item: hit } : { kind: 'none', closest: [] };
  }
  return matchByName(items, target.value, nameOf);
}

function settle<T, R>(match: Match<T>, what: 'inbound flow' | 'outbound flow', target: Target, label: (item: T) => string, command: (item: T) => Command, found: (item: T) => R): R | Outcome {
  if (match.kind === 'one') return found(match.item);
  if (match.kind === 'none') return { kind: 'notFound', what, query: target.value, closest: match.closest };
  return { kind: 'chooseOne', what, query: target.value, options: match.items.map((item) => ({ label: label(item), command: formatCommand(command(item)) })) };
}
