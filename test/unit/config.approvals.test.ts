import { loadConfig } from '../../bot/config';

const GRACE = '5f7e9a1b-3c2d-4e6f-8a9b-0c1d2e3f4a5b';

describe('APPROVAL_REQUIRED and APPROVERS', () => {
  it.each([
    ['the documented default when unset', {}, ['restart-job-destructive', 'reset-sds-flow']],
    ['nothing for none, in any case', { APPROVAL_REQUIRED: 'None' }, []],
    ['the listed operations, trimmed and in any case', { APPROVAL_REQUIRED: ' Reset-Profile , restart-job ' }, ['reset-profile', 'restart-job']],
  ])('reads %s', (_case, env, required) => {
    expect(loadConfig(env).approvals.required).toEqual(required);
  });

  it('names an unknown operation in the start-up error', () => {
    expect(() => loadConfig({ APPROVAL_REQUIRED: 'reset-profile,delete-everything' }))
      .toThrow(/APPROVAL_REQUIRED: must be 'none' or a comma-separated list of reset-profile, restart-job, restart-job-destructive, reset-sds-flow, start-sds-run, got 'delete-everything'/);
  });

  it('reads APPROVERS as lower-case Entra object ids, empty when unset', () => {
    expect(loadConfig({}).approvals.approvers).toEqual([]);
    expect(loadConfig({ APPROVERS: GRACE.toUpperCase() }).approvals.approvers).toEqual([GRACE]);
    expect(() => loadConfig({ APPROVERS: 'grace@contoso.edu' })).toThrow(/APPROVERS: every entry must be a GUID/);
  });
});
