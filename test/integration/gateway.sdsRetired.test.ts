/**
 * SDS (Classic) is retired (industry-data reference §0): every /education/synchronizationProfiles call answers as
 * Graph answers a segment it no longer has (400 "Resource not found for the segment …"), which the gateway
 * reports as `retired` on every path, read or write, single or in $batch, never as a bad request or a missing
 * profile. Provisioning jobs are unaffected.
 */
import { DEMO } from '../../bot/emulator';
import type { GraphGateway } from '../../bot/graph/gateway';
import {
  ADA_CALLER, graphFailure, REQUEST_ID, startGatewayHarness, type GatewayHarness,
} from '../support/gatewayHarness';

const id = DEMO.profiles.contosoHighCsv;

let h: GatewayHarness;
beforeAll(async () => { h = await startGatewayHarness({ sdsRetired: true }); });
afterAll(() => h.close());
beforeEach(() => h.reset());

const SDS_CALLS: [string, (g: GraphGateway) => Promise<unknown>][] = [
  ['listProfiles', (g) => g.listProfiles()],
  ['getProfile', (g) => g.getProfile(id)],
  ['getProfileStatus', (g) => g.getProfileStatus(id)],
  ['listProfileErrors', (g) => g.listProfileErrors(id)],
  ['pauseProfile', (g) => g.pauseProfile(id, ADA_CALLER)],
  ['resumeProfile', (g) => g.resumeProfile(id, ADA_CALLER)],
  ['resetProfile', (g) => g.resetProfile(id, ADA_CALLER)],
  ['startProfile', (g) => g.startProfile(id, ADA_CALLER)],
];

it.each(SDS_CALLS)('%s reports retired with Graph\'s message and request-id', async (_name, call) => {
  const error = await graphFailure(call(h.gateway));
  expect(error).toMatchObject({
    failure: 'retired', status: 400, graphCode: 'BadRequest', message: "Resource not found for the segment 'synchronizationProfiles'.", requestId: expect.stringMatching(REQUEST_ID),
  });
});

it('reports retired for each item of a $batch read', async () => {
  const states = await h.gateway.readSyncStates([id, DEMO.profiles.woodgroveOneRoster], []);
  for (const read of states.profiles.values()) expect(read).toMatchObject({ ok: false, error: { failure: 'retired', status: 400 } });
});

it('still tells a missing profile (404 itemNotFound) from a retired API when Classic is live', async () => {
  await h.patchState({ sdsRetired: false });
  expect(await graphFailure(h.gateway.getProfile('00000000-0000-4000-8000-0000000000ff'))).toMatchObject({ failure: 'notFound', status: 404 });
  await h.patchState({ sdsRetired: true });
});

it('still reaches provisioning jobs', async () => {
  expect((await h.gateway.listJobs(DEMO.jobs.workday.servicePrincipalId)).map((job) => job.id)).toEqual([DEMO.jobs.workday.jobId]);
});

it('reads profiles again once SDS is back, so retired comes from Graph\'s answer and not from the path', async () => {
  await h.patchState({ sdsRetired: false });
  expect((await h.gateway.getProfile(id)).id).toBe(id);
  expect((await h.gateway.listProfiles()).length).toBeGreaterThan(0);
});
