/**
 * Nothing stays changed without its audit entry: a Confirm or Approve that moves a change to `scheduled` (or
 * to waiting for approval) puts it back when the entry cannot be written. And an Approve whose window closes
 * between the load and the write ends the change as expired. The scheduler's endings (missed, expired)
 * likewise go back to how they were, with their schedule entry, until the entry is written.
 */
import type { Actor } from '../../bot/actor';
import { loadConfig } from '../../bot/config';
import type { GraphGateway } from '../../bot/graph/gateway';
import type { ActionSpec } from '../../bot/operations/actionSpec';
import { approveAction } from '../../bot/operations/approval';
import type { OperationContext } from '../../bot/operations/context';
import { confirmAction } from '../../bot/operations/proposeConfirm';
import { scheduleKey } from '../../bot/operations/schedule';
import { LATE_LIMIT_MINUTES, Scheduler } from '../../bot/operations/scheduler';
import { actionKey, type StoredAction } from '../../bot/operations/storedAction';
import { MemoryAuditLog, MemoryStore } from '../../bot/store';
import type { AuditEntry } from '../../bot/store/auditLog';
import { captureLogs } from '../support/logCapture';

const TENANT = '72f988bf-0000-4000-8000-000000000001';
const ADA: Actor = { teamsId: '29:ada', name: 'Ada', aadObjectId: '0c6b3f3e-2d7a-4f0c-9d55-8f1d2a7e9b11', tenantId: TENANT };
const GRACE: Actor = { teamsId: '29:grace', name: 'Grace', aadObjectId: '5f7e9a1b-3c2d-4e6f-8a9b-0c1d2e3f4a5b', tenantId: TENANT };
const ID = 'a'.repeat(22);
const NOW = Date.parse('2026-03-14T10:02:00.000Z');
const minutes = (n: number) => new Date(NOW + n * 60_000).toISOString();
const SPEC = { kind: 'spec' } as unknown as ActionSpec;

const stored = (over: Partial<StoredAction>): StoredAction => ({
  id: ID, command: { kind: 'resetProfile', profile: { by: 'id', value: 'p' } }, targetLabel: 'P', conversationId: 'c', tenantId: TENANT,
  proposedBy: { name: 'Ada', aadObjectId: ADA.aadObjectId! }, createdAt: minutes(0), expiresAt: minutes(15), state: 'pending',
  plan: { question: 'Reset P?', verb: 'Reset', pastTense: 'Reset', graphCall: 'POST /x', effects: [], warnings: [], facts: [] },
  schedule: { runAt: minutes(120), timeZone: 'UTC', typed: 'in 2h' },
  ...over,
});

/** An audit log that refuses entries of the given events, as storage does when it is down. */
class FailingAudit extends MemoryAuditLog {
  constructor(private readonly failing: readonly AuditEntry['event'][]) {
    super();
  }

  override async append(entry: AuditEntry): Promise<void> {
    if (this.failing.includes(entry.event)) throw new Error('storage is not answering');
    return super.append(entry);
  }
}

async function contextWith(action: StoredAction, actor: Actor, { failing = [] as AuditEntry['event'][], env = {}, now = () => new Date(NOW) } = {}) {
  const store = new MemoryStore();
  await store.write(actionKey(ID), action);
  const ctx: OperationContext = {
    actor, conversationId: 'c', gateway: {} as GraphGateway, store, audit: new FailingAudit(failing), config: loadConfig(env),
    now, newActionId: () => ID, runningAfterMs: 2_000, log: captureLogs().log,
  };
  return { ctx, stateOf: async () => (await store.read<StoredAction>(actionKey(ID)))!.value };
}

describe('Confirm of a scheduled change', () => {
  it('puts it back to pending when the audit entry cannot be written, so the scheduler never runs it unaudited', async () => {
    const { ctx, stateOf } = await contextWith(stored({}), ADA, { failing: ['confirmed'] });
    await expect(confirmAction(ID, {}, () => SPEC, ctx)).rejects.toThrow('storage is not answering');
    expect(await stateOf()).toMatchObject({ state: 'pending' });
    expect((await stateOf()).decidedBy).toBeUndefined();
  });

  it('schedules it when the audit entry is written', async () => {
    const { ctx, stateOf } = await contextWith(stored({}), ADA);
    expect(await confirmAction(ID, {}, () => SPEC, ctx)).toMatchObject({ kind: 'done', action: { state: 'scheduled' } });
    expect(await stateOf()).toMatchObject({ state: 'scheduled', decidedBy: { name: 'Ada' } });
  });

  it('puts a change needing approval back to pending when its entry cannot be written', async () => {
    const { ctx, stateOf } = await contextWith(stored({}), ADA, { failing: ['confirmed'], env: { APPROVAL_REQUIRED: 'reset-profile' } });
    await expect(confirmAction(ID, {}, () => SPEC, ctx)).rejects.toThrow('storage is not answering');
    expect(await stateOf()).toMatchObject({ state: 'pending' });
  });
});

describe('Approve of a scheduled change', () => {
  const waiting = () => stored({ state: 'awaitingApproval', decidedBy: { name: 'Ada', aadObjectId: ADA.aadObjectId! }, approval: { operation: 'reset-profile', until: minutes(60) } });

  it('puts it back to waiting for approval when the audit entry cannot be written', async () => {
    const { ctx, stateOf } = await contextWith(waiting(), GRACE, { failing: ['approved'] });
    await expect(approveAction(ID, () => SPEC, ctx)).rejects.toThrow('storage is not answering');
    expect(await stateOf()).toMatchObject({ state: 'awaitingApproval' });
    expect((await stateOf()).approval?.approvedBy).toBeUndefined();
  });

  it('schedules it when the audit entry is written', async () => {
    const { ctx, stateOf } = await contextWith(waiting(), GRACE);
    expect(await approveAction(ID, () => SPEC, ctx)).toMatchObject({ kind: 'done', action: { state: 'scheduled' } });
    expect(await stateOf()).toMatchObject({ state: 'scheduled', approval: { approvedBy: { name: 'Grace' } } });
  });

  it('ends it as expired when the approval window closes between the load and the write', async () => {
    let calls = 0;
    // The load sees 10:02, inside the window; every later reading is past it (until 11:02).
    const now = () => new Date(calls++ === 0 ? NOW : NOW + 61 * 60_000);
    const { ctx, stateOf } = await contextWith(waiting(), GRACE, { now });
    const outcome = await approveAction(ID, () => SPEC, ctx);
    expect(outcome).toMatchObject({ kind: 'done', isRefusal: true, note: 'Nobody approved it by {{TIME(2026-03-14T11:02:00Z)}}, so it expired and nothing ran. Propose it again.' });
    expect(await stateOf()).toMatchObject({ state: 'expired' });
  });
});

describe('Scheduler ending a change it did not run', () => {
  async function schedulerWith(action: StoredAction, failing: AuditEntry['event'][], at: number) {
    const { ctx, stateOf } = await contextWith(action, ADA, { failing, now: () => new Date(at) });
    await ctx.store.write(scheduleKey(ID), { actionId: ID, runAt: action.schedule!.runAt, conversationId: 'c' });
    const announced: string[] = [];
    const scheduler = new Scheduler({ ...ctx, specFor: () => SPEC, canActAs: () => false, announce: async (ended) => void announced.push(ended.state) });
    return { scheduler, stateOf, announced, hasEntry: async () => (await ctx.store.read(scheduleKey(ID))) !== undefined };
  }
  const late = NOW + (120 + LATE_LIMIT_MINUTES + 1) * 60_000;

  it('puts a missed change back to scheduled and keeps its entry when the audit entry cannot be written', async () => {
    const { scheduler, stateOf, announced, hasEntry } = await schedulerWith(stored({ state: 'scheduled', decidedBy: { name: 'Ada' } }), ['missed'], late);
    expect(await scheduler.runDue()).toBe(1);
    expect(await stateOf()).toMatchObject({ state: 'scheduled' });
    expect(announced).toEqual([]);
    expect(await hasEntry()).toBe(true);
  });

  it('records, announces and forgets a missed change when the audit entry is written', async () => {
    const { scheduler, stateOf, announced, hasEntry } = await schedulerWith(stored({ state: 'scheduled', decidedBy: { name: 'Ada' } }), [], late);
    await scheduler.runDue();
    expect(await stateOf()).toMatchObject({ state: 'missed' });
    expect(announced).toEqual(['missed']);
    expect(await hasEntry()).toBe(false);
  });

  it('keeps a change nobody approved waiting, and its entry, when its expiry cannot be audited', async () => {
    const waiting = stored({ state: 'awaitingApproval', decidedBy: { name: 'Ada' }, approval: { operation: 'reset-profile', until: minutes(60) } });
    const { scheduler, stateOf, announced, hasEntry } = await schedulerWith(waiting, ['expired'], NOW + 121 * 60_000);
    await scheduler.runDue();
    expect(await stateOf()).toMatchObject({ state: 'awaitingApproval' });
    expect(announced).toEqual([]);
    expect(await hasEntry()).toBe(true);
  });
});
