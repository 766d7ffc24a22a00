/**
 * The `current` permission profile (today's docs): SDS pause and reset accept the app's
 * EduAdministration.ReadWrite.All as well as the admin's delegated token (reference §1 row 4).
 */
import { DEMO } from '../../bot/emulator';
import {
  ADA_CALLER, APP, fixedTokens, graphFailure, REQUEST_ID, startGatewayHarness, appToken, type GatewayHarness,
} from '../support/gatewayHarness';
import type { Caller } from '../../bot/actor';

const profileId = DEMO.profiles.contosoHighCsv;

let h: GatewayHarness;
beforeAll(async () => { h = await startGatewayHarness({ permissions: 'current' }); });
afterAll(() => h.close());
beforeEach(() => h.reset());

const profileStatus = async () => (await h.state()).profiles[profileId].status.status;

describe.each([
  ['pauseProfile', (caller: Caller) => h.gateway.pauseProfile(profileId, caller), 'paused'],
  ['resetProfile', (caller: Caller) => h.gateway.resetProfile(profileId, caller), 'inProgress'],
])('%s under the current profile', (_name, act, after) => {
  it.each([
    ['the app\'s token', APP, 'app'],
    ['the admin\'s delegated token', ADA_CALLER, 'delegated'],
  ])('succeeds with %s', async (_who, caller, tokenKind) => {
    expect(await act(caller)).toEqual({ requestId: expect.stringMatching(REQUEST_ID) });
    expect(await profileStatus()).toBe(after);
    expect((await h.requests()).map((request) => request.tokenKind)).toEqual([tokenKind]);
  });
});

it('still refuses an app token that lacks EduAdministration.ReadWrite.All as forbidden', async () => {
  const gateway = h.gatewayWith({ tokens: fixedTokens({ app: appToken({ roles: ['EduAdministration.Read.All'] }) }) });
  const error = await graphFailure(gateway.pauseProfile(profileId, APP));
  expect(error).toMatchObject({ failure: 'forbidden', status: 403 });
  expect(await profileStatus()).toBe('success');
});
