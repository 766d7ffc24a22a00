import type { Actor } from '../../bot/actor';
import { loadConfig } from '../../bot/config';
import type { StoredAction } from '../../bot/operations/storedAction';
import { approvalRefusal } from '../../bot/operations/approval';

const TENANT = '72f988bf-0000-4000-8000-000000000001';
const person = (name: string, aadObjectId: string): Actor => ({ teamsId: `29:${name}`, name, aadObjectId, tenantId: TENANT });
const ADA = person('Ada', '0c6b3f3e-2d7a-4f0c-9d55-8f1d2a7e9b11');
const GRACE = person('Grace', '5f7e9a1b-3c2d-4e6f-8a9b-0c1d2e3f4a5b');
const LINUS = person('Linus', '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d');

const waiting = (over: Partial<StoredAction> = {}): StoredAction => ({
  id: 'a'.repeat(22), command: { kind: 'resetProfile', profile: { by: 'id', value: 'p' } }, targetLabel: 'P', conversationId: 'c', tenantId: TENANT,
  proposedBy: { name: 'Ada', aadObjectId: ADA.aadObjectId! }, decidedBy: { name: 'Ada', aadObjectId: ADA.aadObjectId! },
  createdAt: '2026-03-14T10:02:00.000Z', expiresAt: '2026-03-14T10:17:00.000Z', state: 'awaitingApproval',
  plan: { question: 'Reset P?', verb: 'Reset', pastTense: 'Reset', graphCall: 'POST /x', effects: [], warnings: [], facts: [] },
  approval: { operation: 'reset-profile', until: '2026-03-14T11:02:00.000Z' },
  ...over,
});

describe('approvalRefusal: one ordered chain, first refusal wins', () => {
  it.each([
    ['an admin of another tenant', { ...GRACE, tenantId: '11111111-0000-4000-8000-000000000002' }, {}, 'wrongTenant'],
    ['no tenant while ALLOWED_TENANTS is set', { ...GRACE, tenantId: undefined } as Actor, { ALLOWED_TENANTS: TENANT }, 'wrongTenant'],
    ['someone ALLOWED_USERS does not list', LINUS, { ALLOWED_USERS: `${ADA.aadObjectId},${GRACE.aadObjectId}` }, 'notAllowed'],
    ['no Entra object id', { ...GRACE, aadObjectId: undefined } as Actor, {}, 'notAllowed'],
    ['someone APPROVERS does not list', LINUS, { APPROVERS: GRACE.aadObjectId! }, 'notApprover'],
    ['the proposer, even on APPROVERS', ADA, { APPROVERS: ADA.aadObjectId! }, 'ownChange'],
  ] as const)('refuses %s', (_case, actor, env, code) => {
    expect(approvalRefusal(actor, waiting(), loadConfig(env))).toMatchObject({ code });
  });

  it('refuses whoever confirmed someone else\'s proposal', () => {
    expect(approvalRefusal(GRACE, waiting({ decidedBy: { name: 'Grace', aadObjectId: GRACE.aadObjectId! } }), loadConfig({}))).toMatchObject({ code: 'confirmedIt' });
  });

  it('lets a second admin approve, by object id in any case', () => {
    expect(approvalRefusal({ ...GRACE, aadObjectId: GRACE.aadObjectId!.toUpperCase() }, waiting(), loadConfig({ APPROVERS: GRACE.aadObjectId! }))).toBeUndefined();
  });

  it('refuses when a check throws (guards fail closed)', () => {
    const broken = { ...loadConfig({}), approvals: null } as never;
    expect(approvalRefusal(GRACE, waiting(), broken)).toEqual({ code: 'checkFailed', reason: 'the approval check failed' });
  });
});
