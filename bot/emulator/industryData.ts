/**
 * The new SDS engine, /external/industryData (beta), as Microsoft documents it:
 * https://learn.microsoft.com/graph/api/resources/industrydata-overview?view=graph-rest-beta
 * Long-running actions answer 202 (runs/start, validate with a `Location` operation, provisioning flow reset).
 */
import { pageOf } from './paging';
import { GraphFailure, type GraphResponse } from './protocol';
import type { GraphCall, Route } from './routing';
import { RUN_START_LIMIT, RUN_START_WINDOW_MS, settleIndustryData, startRun, startsInWindow, startValidation, type IndustryDataState, type RunRecord } from './industryDataState';
import { isoSeconds } from './time';

const ROOT = '/external/industryData';
const ID = '([^/()]+)';
const PAGE = { allowCount: true, badRequestCode: 'BadRequest' };

function stateOf(call: GraphCall): IndustryDataState {
  const state = call.ctx.tenant.industryData;
  settleIndustryData(state, call.now);
  return state;
}

function context(call: GraphCall, fragment: string): string {
  return `${call.ctx.origin}/beta/$metadata#external/industryData/${fragment}`;
}

function notFound(kind: string, id: string | undefined): GraphFailure {
  return new GraphFailure(404, 'ResourceNotFound', `The ${kind} with id '${id ?? ''}' was not found.`);
}

function runOf(call: GraphCall): RunRecord {
  const record = stateOf(call).runs.find((r) => r.run.id === call.params[0]);
  if (!record) throw notFound('industryDataRun', call.params[0]);
  return record;
}

/** `$expand=activities` is the run's one relationship (industrydata-industrydatarun-get). */
function runBody(record: RunRecord, call: GraphCall): Record<string, unknown> {
  const expand = (call.request.query.$expand ?? '').split(',').map((s) => s.trim());
  return { ...record.run, ...(expand.includes('activities') ? { activities: record.activities } : {}) };
}

function listRuns(call: GraphCall): GraphResponse {
  const runs = stateOf(call).runs.map((record) => runBody(record, call));
  return { status: 200, body: { '@odata.context': context(call, 'runs'), ...pageOf(runs, call.ctx.origin, call.request, PAGE) } };
}

function getRun(call: GraphCall): GraphResponse {
  return { status: 200, body: { '@odata.context': context(call, 'runs/$entity'), ...runBody(runOf(call), call) } };
}

function getStatistics(call: GraphCall): GraphResponse {
  return { status: 200, body: { '@odata.context': `${call.ctx.origin}/beta/$metadata#microsoft.graph.industryData.industryDataRunStatistics`, ...runOf(call).statistics } };
}

/**
 * The docs say only that the service allows five successful runs every 12 hours, not how it refuses a sixth.
 * The emulator's choice: 429 TooManyRequests with Retry-After = seconds until the oldest counted run leaves
 * the window, counting every run started in the last 12 hours that did not fail.
 */
function start(call: GraphCall): GraphResponse {
  const state = stateOf(call);
  const counted = startsInWindow(state, call.now);
  if (counted.length >= RUN_START_LIMIT) {
    const oldest = Math.min(...counted.map((r) => Date.parse(r.run.startDateTime)));
    const seconds = Math.max(1, Math.ceil((oldest + RUN_START_WINDOW_MS - call.now.getTime()) / 1000));
    throw new GraphFailure(429, 'TooManyRequests', `At most ${RUN_START_LIMIT} runs can start every 12 hours; try again after ${isoSeconds(new Date(oldest + RUN_START_WINDOW_MS))}.`, { 'Retry-After': String(seconds) });
  }
  startRun(state, call.now);
  return { status: 202 };
}

/** `$expand=dataConnector,year` resolves the flow's two relationships. */
function flowBody(flow: IndustryDataState['inboundFlows'][number], state: IndustryDataState, expand: string[]): Record<string, unknown> {
  const { dataConnectorId, yearId, ...visible } = flow;
  return {
    ...visible,
    ...(expand.includes('dataConnector') ? { dataConnector: state.connectors.find((c) => c.id === dataConnectorId) ?? null } : {}),
    ...(expand.includes('year') ? { year: state.years.find((y) => y.id === yearId) ?? null } : {}),
  };
}

function expandOf(call: GraphCall): string[] {
  return (call.request.query.$expand ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function listInboundFlows(call: GraphCall): GraphResponse {
  const state = stateOf(call);
  const flows = state.inboundFlows.map((flow) => flowBody(flow, state, expandOf(call)));
  return { status: 200, body: { '@odata.context': context(call, 'inboundFlows'), ...pageOf(flows, call.ctx.origin, call.request, PAGE) } };
}

function getInboundFlow(call: GraphCall): GraphResponse {
  const state = stateOf(call);
  const flow = state.inboundFlows.find((f) => f.id === call.params[0]);
  if (!flow) throw notFound('inboundFlow', call.params[0]);
  return { status: 200, body: { '@odata.context': context(call, 'inboundFlows/$entity'), ...flowBody(flow, state, expandOf(call)) } };
}

/** 202 with `Location` naming the fileValidateOperation (industrydata-industrydataconnector-validate). */
function validate(call: GraphCall): GraphResponse {
  const state = stateOf(call);
  const byFlow = call.request.path.includes('/inboundFlows/');
  const connectorId = byFlow ? state.inboundFlows.find((f) => f.id === call.params[0])?.dataConnectorId : call.params[0];
  const connector = state.connectors.find((c) => c.id === connectorId);
  if (!connector) throw notFound(byFlow ? 'inboundFlow' : 'industryDataConnector', call.params[0]);
  if (!String(connector['@odata.type']).endsWith('azureDataLakeConnector')) {
    throw new GraphFailure(400, 'BadRequest', 'Validation applies only to files uploaded to an azureDataLakeConnector.');
  }
  const operation = startValidation(state, connector.id, call.now);
  return { status: 202, headers: { Location: `${call.ctx.origin}/beta${ROOT}/operations/${operation.operation.id}` } };
}

function getOperation(call: GraphCall): GraphResponse {
  const record = stateOf(call).operations.get(call.params[0] ?? '');
  if (!record) throw notFound('longRunningOperation', call.params[0]);
  return { status: 200, body: { '@odata.context': context(call, 'operations/$entity'), ...record.operation } };
}

function listFlowSets(call: GraphCall): GraphResponse {
  const withFlows = expandOf(call).includes('provisioningFlows');
  const sets = stateOf(call).flowSets.map(({ set, flows }) => ({ ...set, ...(withFlows ? { provisioningFlows: flows } : {}) }));
  return { status: 200, body: { '@odata.context': context(call, 'outboundProvisioningFlowSets'), ...pageOf(sets, call.ctx.origin, call.request, PAGE) } };
}

function setOf(call: GraphCall): IndustryDataState['flowSets'][number] {
  const entry = stateOf(call).flowSets.find(({ set }) => set.id === call.params[0]);
  if (!entry) throw notFound('outboundProvisioningFlowSet', call.params[0]);
  return entry;
}

function listProvisioningFlows(call: GraphCall): GraphResponse {
  const { set, flows } = setOf(call);
  return { status: 200, body: { '@odata.context': context(call, `outboundProvisioningFlowSets('${set.id}')/provisioningFlows`), ...pageOf(flows, call.ctx.origin, call.request, PAGE) } };
}

/** Reprovisions as if first run and clears the flow's errors (industrydata-provisioningflow-reset): 202, no body. */
function reset(call: GraphCall): GraphResponse {
  const { set, flows } = setOf(call);
  const flow = flows.find((f) => f.id === call.params[1]);
  if (!flow) throw notFound('provisioningFlow', call.params[1]);
  flow.lastModifiedDateTime = isoSeconds(call.now);
  call.ctx.tenant.industryData.resets.push({ setId: set.id, flowId: flow.id, at: isoSeconds(call.now) });
  return { status: 202 };
}

const path = (rest: string) => new RegExp(`^${ROOT}/${rest}$`);

export const industryDataRoutes: Route[] = [
  { method: 'GET', pattern: path('runs'), operation: 'industryData.runs.read', area: 'industryData', handle: listRuns },
  { method: 'POST', pattern: path('runs/(?:microsoft\\.graph\\.industryData\\.)?start'), operation: 'industryData.runs.start', area: 'industryData', handle: start },
  { method: 'GET', pattern: path(`runs/${ID}`), operation: 'industryData.runs.read', area: 'industryData', handle: getRun },
  { method: 'GET', pattern: path(`runs/${ID}/(?:microsoft\\.graph\\.industryData\\.)?getStatistics(?:\\(\\))?`), operation: 'industryData.runs.read', area: 'industryData', handle: getStatistics },
  { method: 'GET', pattern: path('inboundFlows'), operation: 'industryData.inboundFlows.read', area: 'industryData', handle: listInboundFlows },
  { method: 'GET', pattern: path(`inboundFlows/${ID}`), operation: 'industryData.inboundFlows.read', area: 'industryData', handle: getInboundFlow },
  { method: 'POST', pattern: path(`inboundFlows/${ID}/dataConnector/(?:microsoft\\.graph\\.industryData\\.)?validate`), operation: 'industryData.connectors.upload', area: 'industryData', handle: validate },
  { method: 'POST', pattern: path(`dataConnectors/${ID}/(?:microsoft\\.graph\\.industryData\\.)?validate`), operation: 'industryData.connectors.upload', area: 'industryData', handle: validate },
  { method: 'GET', pattern: path(`operations/${ID}`), operation: 'industryData.operations.read', area: 'industryData', handle: getOperation },
  { method: 'GET', pattern: path('outboundProvisioningFlowSets'), operation: 'industryData.outbound.read', area: 'industryData', handle: listFlowSets },
  { method: 'GET', pattern: path(`outboundProvisioningFlowSets/${ID}/provisioningFlows`), operation: 'industryData.outbound.read', area: 'industryData', handle: listProvisioningFlows },
  { method: 'POST', pattern: path(`outboundProvisioningFlowSets/${ID}/provisioningFlows/${ID}/(?:microsoft\\.graph\\.industryData\\.)?reset`), operation: 'industryData.outbound.write', area: 'industryData', handle: reset },
];
