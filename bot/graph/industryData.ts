/**
 * The new SDS engine, `/external/industryData` (beta): one typed method per Graph operation the bot uses.
 * https://learn.microsoft.com/graph/api/resources/industrydata-overview?view=graph-rest-beta
 */
import { APP_CALLER, type Caller } from '../actor';
import { BatchReader, readAnswers, type BatchRead } from './batch';
import type { GraphRequester } from './requester';
import { GraphError } from './errors';
import { toFileValidation, toFlowSet, toInboundFlow, toSdsRun, toSdsRunStatistics } from './industryDataMappers';
import type { FileValidation, FlowSet, InboundFlow, SdsRun, SdsRunStatistics, ValidationStarted } from './industryDataTypes';
import { toPage } from './mappers';
import type { MutationReceipt, Page } from './types';

export const INDUSTRY_DATA = '/external/industryData';

export class IndustryDataGateway {
  private readonly batch: BatchReader;

  constructor(private readonly graph: GraphRequester) {
    this.batch = new BatchReader(graph, graph.retryDeadlineMs);
  }

  /** GET /external/industryData/runs, every page (two runs a day, plus on-demand ones). */
  async listRuns(caller: Caller = APP_CALLER): Promise<SdsRun[]> {
    const runs: SdsRun[] = [];
    let path: string | undefined = `${INDUSTRY_DATA}/runs`;
    while (path) {
      const page: Page<SdsRun> = toPage((await this.graph.send({ method: 'GET', path, caller })).body, toSdsRun);
      runs.push(...page.items);
      path = page.nextLink;
    }
    return runs;
  }

  /** GET /external/industryData/runs/{id}?$expand=activities */
  async getRun(id: string, caller: Caller = APP_CALLER): Promise<SdsRun> {
    const result = await this.graph.send({ method: 'GET', path: runPath(id), query: { $expand: 'activities' }, caller });
    return toSdsRun(result.body);
  }

  /** GET /external/industryData/runs/{id}/getStatistics */
  async getRunStatistics(id: string, caller: Caller = APP_CALLER): Promise<SdsRunStatistics> {
    return toSdsRunStatistics((await this.graph.send({ method: 'GET', path: `${runPath(id)}/getStatistics`, caller })).body);
  }

  /** GET …/runs/{id}/getStatistics for many runs through $batch (⌈n/20⌉ requests); each with its own outcome. */
  async readRunStatistics(ids: readonly string[], caller: Caller = APP_CALLER): Promise<Map<string, BatchRead<SdsRunStatistics>>> {
    const urls = ids.map((id) => `${runPath(id)}/getStatistics`);
    return readAnswers(ids, urls, await this.batch.answers(urls.map((url) => ({ url })), caller), toSdsRunStatistics);
  }

  /**
   * POST /external/industryData/runs/start (202, no body). Never retried, not even on 429: the service allows
   * five runs in 12 hours and says no more about how it refuses, so a refusal is shown, not pressed on.
   */
  async startRun(caller: Caller): Promise<MutationReceipt> {
    const result = await this.graph.send({ method: 'POST', path: `${INDUSTRY_DATA}/runs/start`, caller, mayRetry: false });
    return { requestId: result.requestId };
  }

  /** GET /external/industryData/inboundFlows?$expand=year, every page. */
  async listInboundFlows(caller: Caller = APP_CALLER): Promise<InboundFlow[]> {
    const flows: InboundFlow[] = [];
    let path: string | undefined = `${INDUSTRY_DATA}/inboundFlows`;
    let query: Record<string, string> | undefined = { $expand: 'year' };
    while (path) {
      const page: Page<InboundFlow> = toPage((await this.graph.send({ method: 'GET', path, caller, ...(query ? { query } : {}) })).body, toInboundFlow);
      flows.push(...page.items);
      path = page.nextLink;
      query = undefined; // the nextLink carries the query
    }
    return flows;
  }

  /** GET /external/industryData/outboundProvisioningFlowSets?$expand=provisioningFlows (one page: a tenant has a handful). */
  async listFlowSets(caller: Caller = APP_CALLER): Promise<FlowSet[]> {
    const result = await this.graph.send({ method: 'GET', path: `${INDUSTRY_DATA}/outboundProvisioningFlowSets`, query: { $expand: 'provisioningFlows' }, caller });
    return toPage(result.body, toFlowSet).items;
  }

  /**
   * POST /external/industryData/inboundFlows/{id}/dataConnector/validate: 202 with `Location` naming a
   * fileValidateOperation (industrydata-industrydataconnector-validate). Only its id is kept: the bot reads it
   * back at its own Graph base URL rather than sending its token wherever a header points.
   */
  async validateInboundFlow(flowId: string, caller: Caller): Promise<ValidationStarted> {
    const path = `${INDUSTRY_DATA}/inboundFlows/${encodeURIComponent(flowId)}/dataConnector/validate`;
    const result = await this.graph.send({ method: 'POST', path, caller });
    const operationId = /\/operations\/([^/?#]+)/.exec(result.headers.get('location') ?? '')?.[1];
    if (!operationId) throw new GraphError('badRequest', result.status, 'NoLocation', 'Graph accepted the validation but named no operation to follow.', result.requestId);
    return { requestId: result.requestId, operationId: decodeURIComponent(operationId) };
  }

  /** GET /external/industryData/operations/{id} (a fileValidateOperation). */
  async getValidation(operationId: string, caller: Caller = APP_CALLER): Promise<FileValidation> {
    return toFileValidation((await this.graph.send({ method: 'GET', path: `${INDUSTRY_DATA}/operations/${encodeURIComponent(operationId)}`, caller })).body);
  }

  /** POST /external/industryData/outboundProvisioningFlowSets/{setId}/provisioningFlows/{flowId}/reset (202, no body). */
  async resetProvisioningFlow(setId: string, flowId: string, caller: Caller): Promise<MutationReceipt> {
    const result = await this.graph.send({ method: 'POST', path: provisioningFlowResetPath(setId, flowId), caller });
    return { requestId: result.requestId };
  }
}

/** The reset request as a confirmation card shows it: the same path the gateway calls. */
export function provisioningFlowResetPath(setId: string, flowId: string): string {
  return `${INDUSTRY_DATA}/outboundProvisioningFlowSets/${encodeURIComponent(setId)}/provisioningFlows/${encodeURIComponent(flowId)}/reset`;
}

function runPath(id: string): string {
  return `${INDUSTRY_DATA}/runs/${encodeURIComponent(id)}`;
}
