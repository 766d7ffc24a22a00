/** The emulator's new SDS (/beta/external/industryData): shapes, 202 + Location, permissions, the start limit, time. */
import { mintDemoAppToken, mintDemoUserToken, SDS_DEMO } from '../../bot/emulator';
import { useEmulatorClient } from '../support/emulatorClient';

const ROOT = '/beta/external/industryData';
const { client, advance } = useEmulatorClient();

describe('reads', () => {
  it('lists runs with the documented shape and statuses, and expands a run\'s activities', async () => {
    const runs = (await client.call('GET', `${ROOT}/runs`)).body.value;
    expect(runs.map((r: { status: string }) => r.status)).toEqual(['completed', 'completedWithWarnings', 'completedWithErrors', 'failed']);
    expect(runs[3]).toMatchObject({ '@odata.type': '#microsoft.graph.industryData.industryDataRun', blockingError: { code: 'RequiredFileNotFound', target: 'orgs.csv' } });
    expect(runs[0].activities).toBeUndefined();
    const run = (await client.call('GET', `${ROOT}/runs/${SDS_DEMO.runs.withErrors}?$expand=activities`)).body;
    expect(run.activities.map((a: { '@odata.type': string }) => a['@odata.type'].split('.').pop())).toEqual(['inboundFlowActivity', 'inboundFlowActivity', 'outboundFlowActivity', 'outboundFlowActivity']);
  });

  it('answers statistics per run, and 404 for an unknown run', async () => {
    const stats = (await client.call('GET', `${ROOT}/runs/${SDS_DEMO.runs.withErrors}/getStatistics`)).body;
    expect(stats).toMatchObject({ runId: SDS_DEMO.runs.withErrors, status: 'completedWithErrors', inboundTotals: { errors: 12, warnings: 9 } });
    expect((await client.call('GET', `${ROOT}/runs/00000000-0000-4000-8000-000000000000/getStatistics`)).status).toBe(404);
  });

  it('expands an inbound flow\'s year and data connector', async () => {
    const flows = (await client.call('GET', `${ROOT}/inboundFlows?$expand=year,dataConnector`)).body.value;
    expect(flows.map((f: { '@odata.type': string }) => f['@odata.type'])).toEqual(['#microsoft.graph.industryData.inboundFileFlow', '#microsoft.graph.industryData.inboundApiFlow']);
    expect(flows[0]).toMatchObject({ year: { displayName: '2025-2026' }, dataConnector: { '@odata.type': '#microsoft.graph.industryData.azureDataLakeConnector' } });
    expect(flows[0].dataConnectorId).toBeUndefined();
  });
});

describe('long-running actions', () => {
  it('validate answers 202 with a Location whose operation runs, then fails with errors and warnings by file', async () => {
    const answer = await client.call('POST', `${ROOT}/inboundFlows/${SDS_DEMO.inboundFlows.csv}/dataConnector/validate`);
    expect(answer.status).toBe(202);
    const location = answer.headers.get('location')!;
    expect(location).toMatch(new RegExp(`${ROOT}/operations/[0-9a-f-]{36}$`));
    expect((await client.call('GET', location)).body).toMatchObject({ '@odata.type': '#microsoft.graph.industryData.fileValidateOperation', status: 'running' });
    advance(10_000);
    expect((await client.call('GET', location)).body).toMatchObject({
      status: 'failed', errors: [{ code: 'RequiredFileNotFound', target: 'orgs.csv' }], warnings: [{ code: 'OptionalFileNotFound', target: 'classes.csv' }],
    });
  });

  it('refuses to validate a connector that is not a file upload', async () => {
    expect((await client.call('POST', `${ROOT}/dataConnectors/${SDS_DEMO.connectors.oneRoster}/validate`)).status).toBe(400);
  });

  it('starts runs with 202 and refuses the sixth in 12 hours with 429 and Retry-After (the emulator\'s documented choice)', async () => {
    // The demo district's scheduled run 2 hours ago counts: four on-demand starts reach five.
    for (let i = 0; i < 4; i++) expect((await client.call('POST', `${ROOT}/runs/start`)).status).toBe(202);
    const refused = await client.call('POST', `${ROOT}/runs/start`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(9 * 3600);
    expect((await client.call('GET', `${ROOT}/runs`)).body.value.filter((r: { status: string }) => r.status === 'running')).toHaveLength(4);
    advance(12 * 3_600_000);
    const later = mintDemoUserToken({ exp: Math.floor(Date.now() / 1000) + 13 * 3600 });
    expect((await client.call('POST', `${ROOT}/runs/start`, { token: later })).status).toBe(202);
  });

  it('ends a started run after its planned time', async () => {
    await client.control('PATCH', 'state', { industryData: { nextRun: { status: 'completedWithWarnings', afterMs: 60_000 } } });
    await client.call('POST', `${ROOT}/runs/start`);
    const newest = async () => (await client.call('GET', `${ROOT}/runs`)).body.value[0];
    expect(await newest()).toMatchObject({ status: 'running', endDateTime: null });
    advance(60_000);
    expect(await newest()).toMatchObject({ status: 'completedWithWarnings', endDateTime: expect.any(String) });
  });

  it('resets a provisioning flow with 202 and no body', async () => {
    const answer = await client.call('POST', `${ROOT}/outboundProvisioningFlowSets/${SDS_DEMO.flowSets.main}/provisioningFlows/${SDS_DEMO.provisioningFlows.users}/reset`);
    expect(answer.status).toBe(202);
    expect(answer.text).toBe('');
  });
});

describe('permissions (delegated and application, per each operation\'s page)', () => {
  const user = (scp: string) => mintDemoUserToken({ scp });
  const app = (roles: string[]) => mintDemoAppToken({ roles });

  it.each([
    ['GET', 'runs', 'IndustryData-Run.Read.All'],
    ['GET', 'runs', 'IndustryData-Run.Start'],
    ['POST', 'runs/start', 'IndustryData-Run.Start'],
    ['GET', 'inboundFlows', 'IndustryData-InboundFlow.Read.All'],
    ['GET', 'outboundProvisioningFlowSets', 'IndustryData-OutboundFlow.Read.All'],
    ['POST', `inboundFlows/${SDS_DEMO.inboundFlows.csv}/dataConnector/validate`, 'IndustryData-DataConnector.Upload'],
    ['POST', `outboundProvisioningFlowSets/${SDS_DEMO.flowSets.main}/provisioningFlows/${SDS_DEMO.provisioningFlows.users}/reset`, 'IndustryData-OutboundFlow.ReadWrite.All'],
  ])('%s %s passes with %s, delegated and application', async (method, path, permission) => {
    expect((await client.call(method, `${ROOT}/${path}`, { token: user(permission) })).status).toBeLessThan(300);
    expect((await client.call(method, `${ROOT}/${path}`, { token: app([permission]) })).status).toBeLessThan(300);
  });

  it.each([
    ['POST', 'runs/start', 'IndustryData-Run.Read.All'],
    ['POST', `outboundProvisioningFlowSets/${SDS_DEMO.flowSets.main}/provisioningFlows/${SDS_DEMO.provisioningFlows.users}/reset`, 'IndustryData-OutboundFlow.Read.All'],
    ['GET', 'runs', 'EduAdministration.ReadWrite'],
  ])('%s %s is refused with 403 accessDenied for %s alone, changing nothing', async (method, path, permission) => {
    const answer = await client.call(method, `${ROOT}/${path}`, { token: user(permission) });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: 'accessDenied', message: expect.stringContaining('Missing permission') });
    expect((await client.call('GET', `${ROOT}/runs`)).body.value).toHaveLength(4);
  });

  it('answers 401 InvalidAuthenticationToken without a token', async () => {
    const answer = await client.call('GET', `${ROOT}/runs`, { token: null });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('InvalidAuthenticationToken');
  });

  it('reads an operation only with IndustryData.ReadBasic.All', async () => {
    const location = (await client.call('POST', `${ROOT}/inboundFlows/${SDS_DEMO.inboundFlows.csv}/dataConnector/validate`)).headers.get('location')!;
    expect((await client.call('GET', location, { token: user('IndustryData-DataConnector.Upload') })).status).toBe(403);
    expect((await client.call('GET', location, { token: user('IndustryData.ReadBasic.All') })).status).toBe(200);
  });
});
