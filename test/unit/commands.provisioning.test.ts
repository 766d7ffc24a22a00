import { parseCommand, type ParseResult } from '../../bot/commands';

const ID = '7d1c0e2a-4b3f-4c5d-8e6f-000000000a00';

describe('parseCommand: logs job, why, provision', () => {
  it.each<[string, ParseResult]>([
    ['logs job scim.1', { ok: true, command: { kind: 'showJobLogs', jobId: 'scim.1', sinceHours: 24 } }],
    ['logs job scim.1 since 6h', { ok: true, command: { kind: 'showJobLogs', jobId: 'scim.1', sinceHours: 6 } }],
    ['LOGS JOB scim.1 SINCE 3D', { ok: true, command: { kind: 'showJobLogs', jobId: 'scim.1', sinceHours: 72 } }],
    ['logs job scim.1 for Fabrikam SCIM Gateway since 30d', { ok: true, command: { kind: 'showJobLogs', jobId: 'scim.1', app: { by: 'name', value: 'Fabrikam SCIM Gateway' }, sinceHours: 720 } }],
    ['why alex@contoso.edu', { ok: true, command: { kind: 'explainIdentity', identity: 'alex@contoso.edu' } }],
    [`why ${ID} in "Service Now"`, { ok: true, command: { kind: 'explainIdentity', identity: ID, app: { by: 'name', value: 'Service Now' } } }],
    ['provision alex@contoso.edu for ServiceNow', { ok: true, command: { kind: 'provisionUser', identity: 'alex@contoso.edu', app: { by: 'name', value: 'ServiceNow' } } }],
    [`provision ${ID} for ${ID.toUpperCase()}`, { ok: true, command: { kind: 'provisionUser', identity: ID, app: { by: 'id', value: ID } } }],
  ])('reads "%s"', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each<[string, ParseResult['ok'] extends true ? never : unknown]>([
    ['logs job', { reason: 'missingArgument', usage: 'logs job <jobId> [for <app>] [since <n>h|<n>d]', argument: 'jobId' }],
    ['logs job scim.1 since', { reason: 'missingArgument', usage: 'logs job <jobId> [for <app>] [since <n>h|<n>d]', argument: '<n>h|<n>d' }],
    ['logs job scim.1 since 721h', { reason: 'badDuration', word: '721h', usage: 'logs job <jobId> [for <app>] [since <n>h|<n>d]', maxHours: 720 }],
    ['logs job scim.1 since 2w', { reason: 'badDuration', word: '2w', usage: 'logs job <jobId> [for <app>] [since <n>h|<n>d]', maxHours: 720 }],
    ['logs job scim.1 since 2d for ServiceNow', { reason: 'unexpectedWords', words: ['for', 'ServiceNow'], usage: 'logs job <jobId> [for <app>] [since <n>h|<n>d]' }],
    ['why', { reason: 'missingArgument', usage: 'why <user upn|object id> [in <app>]', argument: 'user upn|object id' }],
    ['why alex bob', { reason: 'unexpectedWords', words: ['bob'], usage: 'why <user upn|object id> [in <app>]' }],
    ['provision alex@contoso.edu', { reason: 'missingArgument', usage: 'provision <user upn|object id> for <app>', argument: 'app' }],
    ['provision alex@contoso.edu for', { reason: 'missingArgument', usage: 'provision <user upn|object id> for <app>', argument: 'app' }],
    ['provision alex@contoso.edu in ServiceNow', { reason: 'unexpectedWords', words: ['in', 'ServiceNow'], usage: 'provision <user upn|object id> for <app>' }],
  ])('refuses "%s" with a reason', (text, error) => {
    expect(parseCommand(text)).toEqual({ ok: false, error });
  });
});
