/**
 * SDS (Classic) is retired (reference §0): every /education/synchronizationProfiles call answers 404 with the
 * retirement message, which the gateway reports as `retired` (so the bot can say "SDS Classic is not
 * available"), never as a missing profile. Provisioning jobs are unaffected.
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
    failure: 'retired', status: 404, message: expect.stringContaining('retired'), requestId: expect.stringMatching(REQUEST_ID),
  });
});

it('still reaches provisioning jobs', async () => {
  expect((await h.gateway.listJobs(DEMO.jobs.workday.servicePrincipalId)).map((job) => job.id)).toEqual([DEMO.jobs.workday.jobId]);
});

it('reads profiles again once SDS is back, so retired comes from Graph\'s answer and not from the path', async () => {
  await h.patchState({ sdsRetired: false });
  expect((await h.gateway.getProfile(id)).id).toBe(id);
  expect((await h.gateway.listProfiles()).length).toBeGreaterThan(0);
});
