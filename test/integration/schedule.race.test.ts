/**
 * Without the poller's lease (a lease that expired under a hung leader, a clock jump): two schedulers,
 * each on its own store instance of one DATA_DIR as two processes would be, run the same due changes at
 * the same moment. The compare-and-set on each action record lets exactly one of them run each.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config';
import { DEMO } from '../../bot/emulator';
import type { StoredAction } from '../../bot/operations/storedAction';
import { confirmAction, newActionId } from '../../bot/operations/proposeConfirm';
import type { OperationContext } from '../../bot/operations/context';
import { specFor } from '../../bot/operations/dispatch';
import { proposeScheduled } from '../../bot/operations/schedule';
import { Scheduler } from '../../bot/operations/scheduler';
import { FileAuditLog, FileStore } from '../../bot/store';
import { ADA, startGatewayHarness, type GatewayHarness } from '../support/gatewayHarness';
import { captureLogs } from '../support/logCapture';

const GRACE = { ...ADA, aadObjectId: '5f7e9a1b-3c2d-4e6f-8a9b-0c1d2e3f4a5b', name: 'Grace Hopper', teamsId: '29:grace' };
const P = DEMO.profiles;
let harness: GatewayHarness;
beforeAll(async () => {
  harness = await startGatewayHarness();
});
afterAll(() => harness.close());

it('runs each of several due changes once when two processes\' schedulers race', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'syncops-race-'));
  let now = new Date('2026-03-14T10:02:00.000Z');
  const config = loadConfig({ DATA_DIR: dataDir, APPROVAL_REQUIRED: 'none' });
  const processOf = () => ({
    gateway: harness.gateway, store: new FileStore(join(dataDir, 'kv')), audit: new FileAuditLog(join(dataDir, 'audit')),
    config, now: () => now, newActionId, runningAfterMs: 60_000, log: captureLogs().log,
  });
  const ctx: OperationContext = { ...processOf(), actor: ADA, conversationId: 'a:1race' };
  const targets = [P.contosoHighCsv, P.woodgroveOneRoster, P.fabrikamMiddleCsv];
  for (const id of targets) {
    const proposed = await proposeScheduled({ kind: 'resetProfile', profile: { by: 'id', value: id } }, { kind: 'in', minutes: 5 }, specFor({ kind: 'resetProfile', profile: { by: 'id', value: id } }), ctx);
    if (proposed.kind !== 'needsConfirmation') throw new Error(`could not propose a reset of ${id}: ${proposed.kind}`);
    expect(await confirmAction(proposed.action.id, {}, specFor, { ...ctx, actor: GRACE })).toMatchObject({ kind: 'done', action: { state: 'scheduled' } });
  }
  const announced: StoredAction[] = [];
  const schedulerOf = () => new Scheduler({ ...processOf(), specFor, canActAs: () => true, announce: async (action) => { announced.push(action); } });
  await harness.reset();
  now = new Date('2026-03-14T10:07:00.000Z');
  await Promise.all([schedulerOf().runDue(), schedulerOf().runDue(), schedulerOf().runDue()]);

  const resets = (await harness.calls()).filter((call) => call.startsWith('POST') && call.endsWith('/reset'));
  expect(resets.sort()).toEqual(targets.map((id) => `POST /beta/education/synchronizationProfiles/${id}/reset`).sort());
  expect(announced.map((action) => action.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  await schedulerOf().runDue();
  expect((await harness.calls()).filter((call) => call.endsWith('/reset'))).toHaveLength(3);
});
