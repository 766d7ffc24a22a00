/** gateway.provisioning against the emulator: paging within a bound, the filter it writes, the on-demand result. */
import { DEMO } from '../../bot/emulator';
import { filterOf } from '../../bot/graph/provisioning';
import { ADA_CALLER, graphFailure, startGatewayHarness, type GatewayHarness } from '../support/gatewayHarness';
import { PEOPLE } from '../support/provisioningHelpers';

const J = DEMO.jobs;
const SP = DEMO.servicePrincipals;
const LONG_AGO = new Date(Date.now() - 29 * 86_400_000);

let h: GatewayHarness;
beforeAll(async () => { h = await startGatewayHarness(); });
afterAll(() => h.close());
beforeEach(() => h.reset());

describe('listEvents', () => {
  it('follows @odata.nextLink verbatim until the last page', async () => {
    const read = await h.gateway.provisioning.listEvents({ jobId: J.serviceNow.jobId, since: LONG_AGO }, 10, 5);
    expect([read.events.length, read.isTruncated]).toEqual([13, false]);
    const calls = await h.requests();
    expect(calls).toHaveLength(3);
    expect(calls.slice(1).every((c) => c.query.$skiptoken !== undefined && c.query.$filter === calls[0]!.query.$filter)).toBe(true);
  });

  it('stops at the page bound and says the rest is unread', async () => {
    const read = await h.gateway.provisioning.listEvents({ jobId: J.serviceNow.jobId, since: LONG_AGO }, 2, 5);
    expect([read.events.length, read.isTruncated]).toEqual([10, true]);
    expect(await h.requests()).toHaveLength(2);
  });

  it('maps an event with its error information and steps', async () => {
    const { events } = await h.gateway.provisioning.listEvents({ sourceId: PEOPLE.alex.id, since: LONG_AGO }, 1);
    expect(events[0]).toEqual(expect.objectContaining({
      jobId: J.serviceNow.jobId, action: 'create', status: 'failure',
      error: expect.objectContaining({ errorCode: 'DuplicateTargetEntries', errorCategory: 'nonServiceFailure' }),
      source: { id: PEOPLE.alex.id, displayName: 'Alex Wilber', identityType: 'User' },
      servicePrincipal: { id: SP.serviceNow, displayName: 'ServiceNow' },
    }));
    expect(events[0]!.steps.map((s) => `${s.type}:${s.status}`)).toEqual(['import:success', 'scoping:success', 'matching:failure', 'export:skipped']);
  });

  it('writes only documented filter forms, doubling quotes inside values', () => {
    expect(filterOf({ jobId: "o'brien.1", servicePrincipalId: 'sp', since: new Date('2026-03-14T10:02:00.456Z') }))
      .toBe("jobId eq 'o''brien.1' and servicePrincipal/id eq 'sp' and activityDateTime gt 2026-03-14T10:02:00Z");
  });
});

describe('provisionOnDemand and the schema', () => {
  it('parses the JSON text of key and value into the result and its steps', async () => {
    const [rule] = await h.gateway.provisioning.getRules(SP.serviceNow, J.serviceNow.jobId);
    const { result, requestId } = await h.gateway.provisioning.provisionOnDemand(SP.serviceNow, J.serviceNow.jobId, rule!.id, { objectId: PEOPLE.alex.id, objectTypeName: 'User' }, ADA_CALLER);
    expect(requestId).not.toBe('');
    expect(result).toEqual(expect.objectContaining({ result: 'failure', errorCode: 'DuplicateTargetEntries', error: expect.objectContaining({ recommendedAction: expect.stringMatching(/^Remove the duplicate user/) }) }));
    expect(result.steps.map((s) => s.type)).toEqual(['import', 'scoping', 'matching', 'export']);
  });

  it('turns a 404 for an unknown user into notFound', async () => {
    expect((await graphFailure(h.gateway.provisioning.getUser('nobody@contoso.edu'))).failure).toBe('notFound');
  });
});
