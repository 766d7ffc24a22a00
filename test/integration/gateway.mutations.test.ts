/**
 * The gateway's mutations against the emulator: what each sends, what it reports back, what changed in the
 * emulated tenant, and the documented refusals as one GraphError that leaves the tenant as it was.
 */
import { DEMO } from '../../bot/emulator';
import {
  ADA, ADA_CALLER, exactly, graphFailure, jobPath, profilePath, REQUEST_ID, startGatewayHarness, type GatewayHarness,
} from '../support/gatewayHarness';

const P = DEMO.profiles;
const J = DEMO.jobs;
const UNKNOWN_ID = '99999999-9999-4999-8999-999999999999';

let h: GatewayHarness;
beforeAll(async () => { h = await startGatewayHarness(); });
afterAll(() => h.close());
beforeEach(() => h.reset());

const profileStatus = async (id: string): Promise<string> => (await h.state()).profiles[id].status.status;
const job = async (ref: { servicePrincipalId: string; jobId: string }) => (await h.state()).jobs[`${ref.servicePrincipalId}/${ref.jobId}`];
const receipt = { requestId: expect.stringMatching(REQUEST_ID) };

describe('pauseProfile', () => {
  it('pauses a syncing profile with one POST under the admin\'s token and returns the request-id', async () => {
    expect(await h.gateway.pauseProfile(P.contosoHighCsv, ADA_CALLER)).toEqual(receipt);
    expect(await profileStatus(P.contosoHighCsv)).toBe('paused');
    expect((await h.requests()).map((r) => [r.method, r.path, r.tokenKind, r.user])).toEqual([
      ['POST', profilePath(P.contosoHighCsv, 'pause'), 'delegated', ADA.aadObjectId],
    ]);
  });

  it('refuses to pause a paused profile with badRequest and Graph\'s message', async () => {
    const error = await graphFailure(h.gateway.pauseProfile(P.contosoHighSummer, ADA_CALLER));
    expect(error).toMatchObject({
      failure: 'badRequest', status: 400, graphCode: 'invalidRequest', message: 'The profile is already paused.',
      requestId: expect.stringMatching(REQUEST_ID),
    });
  });

  it('refuses to pause a profile that is still provisioning, leaving its status alone', async () => {
    const error = await graphFailure(h.gateway.pauseProfile(P.lakeshoreCsv, ADA_CALLER));
    expect(error).toMatchObject({ failure: 'badRequest', message: expect.stringContaining("state 'provisioning'") });
    expect(await profileStatus(P.lakeshoreCsv)).toBeNull();
  });
});

describe('resumeProfile', () => {
  it('resumes a paused profile', async () => {
    expect(await h.gateway.resumeProfile(P.contosoHighSummer, ADA_CALLER)).toEqual(receipt);
    expect(await profileStatus(P.contosoHighSummer)).toBe('inProgress');
  });

  it('refuses to resume a profile that is not paused with badRequest', async () => {
    const error = await graphFailure(h.gateway.resumeProfile(P.contosoHighCsv, ADA_CALLER));
    expect(error).toMatchObject({ failure: 'badRequest', status: 400, message: 'The profile is not paused.' });
    expect(await profileStatus(P.contosoHighCsv)).toBe('success');
  });
});

describe('resetProfile', () => {
  it('resets a profile: its errors are gone and it syncs again', async () => {
    expect(await h.gateway.resetProfile(P.woodgroveOneRoster, ADA_CALLER)).toEqual(receipt);
    const { status, errors } = (await h.state()).profiles[P.woodgroveOneRoster];
    expect([status.status, errors]).toEqual(['inProgress', []]);
  });

  it('answers an unknown profile with notFound', async () => {
    const error = await graphFailure(h.gateway.resetProfile(UNKNOWN_ID, ADA_CALLER));
    expect(error).toMatchObject({ failure: 'notFound', status: 404, graphCode: 'itemNotFound', requestId: expect.stringMatching(REQUEST_ID) });
  });
});

describe('startProfile', () => {
  it('starts when verification finds warnings only (200) and returns them', async () => {
    const result = await h.gateway.startProfile(P.contosoHighCsv, ADA_CALLER);
    expect(result).toEqual({
      ...receipt, isStarted: true,
      messages: [
        { type: 'warning', fileName: 'student.csv', description: '3 duplicates found in column Username which requires values to be Unique.' },
        { type: 'warning', fileName: 'teacher.csv', description: '1 row(s) have an empty optional field - Teacher Number' },
      ],
    });
    expect(await profileStatus(P.contosoHighCsv)).toBe('validating');
  });

  it('starts with no messages when the files are clean (200, empty value)', async () => {
    expect(await h.gateway.startProfile(P.fabrikamMiddleCsv, ADA_CALLER)).toEqual({ ...receipt, isStarted: true, messages: [] });
  });

  it('reports isStarted false with the verification messages when Graph answers 400 with value[]', async () => {
    const result = await h.gateway.startProfile(P.contosoHighSummer, ADA_CALLER);
    expect(result.isStarted).toBe(false);
    expect(result.requestId).toMatch(REQUEST_ID);
    expect(result.messages.map((m) => [m.type, m.fileName])).toEqual([
      ['error', 'section.csv'], ['error', 'studentenrollment.csv'], ['warning', 'student.csv'],
    ]);
    expect(await profileStatus(P.contosoHighSummer)).toBe('validationError');
  });

  it('reads lower-case message types too (reference §1 row 7)', async () => {
    await h.patchState({ profiles: { [P.fabrikamMiddleCsv]: { pendingVerification: [{ type: 'error', fileName: 'school.csv', description: 'No rows' }] } } });
    const result = await h.gateway.startProfile(P.fabrikamMiddleCsv, ADA_CALLER);
    expect([result.isStarted, result.messages]).toEqual([false, [{ type: 'error', fileName: 'school.csv', description: 'No rows' }]]);
  });

  it('reports isStarted false for a 200 whose messages hold an Error (the seed 002 example)', async () => {
    const value = [{ type: 'Error', fileName: 'section.csv', description: '5 row(s) have missing data for the field - SIS ID' }];
    await h.fault({ method: 'POST', path: exactly(profilePath(P.fabrikamMiddleCsv, 'start')), status: 200, body: { value } });
    expect((await h.gateway.startProfile(P.fabrikamMiddleCsv, ADA_CALLER)).isStarted).toBe(false);
  });

  it('turns a 400 without value[] into one badRequest GraphError with Graph\'s message', async () => {
    const error = await graphFailure(h.gateway.startProfile(P.northwindPowerSchool, ADA_CALLER));
    expect(error).toMatchObject({
      failure: 'badRequest', status: 400, graphCode: 'invalidRequest', requestId: expect.stringMatching(REQUEST_ID),
      message: 'Start is only supported for profiles whose dataProvider is an educationCsvDataProvider.',
    });
  });
});

describe('startJob', () => {
  it('starts a paused job (204) and returns the request-id', async () => {
    expect(await h.gateway.startJob(J.salesforce.servicePrincipalId, J.salesforce.jobId, ADA_CALLER)).toEqual(receipt);
    expect((await job(J.salesforce)).status.code).toBe('Active');
    expect(await h.calls()).toEqual([`POST ${jobPath(J.salesforce, 'start')}`]);
  });

  it('answers an unknown job with notFound', async () => {
    const error = await graphFailure(h.gateway.startJob(J.salesforce.servicePrincipalId, 'salesforce.0000', ADA_CALLER));
    expect(error).toMatchObject({ failure: 'notFound', status: 404, graphCode: 'itemNotFound' });
  });
});

describe('pauseJob', () => {
  it('pauses an active job', async () => {
    expect(await h.gateway.pauseJob(J.workday.servicePrincipalId, J.workday.jobId, ADA_CALLER)).toEqual(receipt);
    const { status, schedule } = await job(J.workday);
    expect([status.code, schedule.state]).toEqual(['Paused', 'Paused']);
  });

  it('answers an unknown service principal with notFound and changes nothing', async () => {
    const error = await graphFailure(h.gateway.pauseJob(UNKNOWN_ID, J.workday.jobId, ADA_CALLER));
    expect(error).toMatchObject({ failure: 'notFound', status: 404, graphCode: 'Request_ResourceNotFound' });
    expect((await job(J.workday)).status.code).toBe('Active');
  });
});

describe('restartJob', () => {
  const restartBody = async () => (await h.requests()).map((r) => [r.method, r.path, r.body]);

  it('sends the documented default scope as "Watermark, Escrows, QuarantineState"', async () => {
    const flags = ['Watermark', 'Escrows', 'QuarantineState'] as const;
    expect(await h.gateway.restartJob(J.fabrikamScim.servicePrincipalId, J.fabrikamScim.jobId, { kind: 'flags', flags }, ADA_CALLER)).toEqual(receipt);
    expect(await restartBody()).toEqual([
      ['POST', jobPath(J.fabrikamScim, 'restart'), { criteria: { resetScope: 'Watermark, Escrows, QuarantineState' } }],
    ]);
    expect(await job(J.fabrikamScim)).toMatchObject({ lastRestart: { flags: 14 }, status: { code: 'Active', quarantine: null } });
  });

  it('sends "Full" for a full restart', async () => {
    await h.gateway.restartJob(J.fabrikamScim.servicePrincipalId, J.fabrikamScim.jobId, { kind: 'full' }, ADA_CALLER);
    expect(await restartBody()).toEqual([['POST', jobPath(J.fabrikamScim, 'restart'), { criteria: { resetScope: 'Full' } }]]);
    expect((await job(J.fabrikamScim)).lastRestart.flags).toBe(15);
  });

  it('joins other flags with ", " in the order given, so ForceDeletes lifts a TooManyDeletes quarantine', async () => {
    const ref = J.cloudSyncFabrikam;
    await h.gateway.restartJob(ref.servicePrincipalId, ref.jobId, { kind: 'flags', flags: ['ForceDeletes', 'Escrows'] }, ADA_CALLER);
    expect((await h.requests())[0].body).toEqual({ criteria: { resetScope: 'ForceDeletes, Escrows' } });
    expect((await job(ref)).status).toMatchObject({ code: 'Active', quarantine: null });
  });

  it('answers an unknown job with notFound and restarts nothing', async () => {
    const error = await graphFailure(h.gateway.restartJob(J.fabrikamScim.servicePrincipalId, 'scim.0000', { kind: 'full' }, ADA_CALLER));
    expect(error).toMatchObject({ failure: 'notFound', status: 404 });
    expect((await job(J.fabrikamScim)).lastRestart).toBeNull();
  });
});
