import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIRM_VERB } from '../../cards/action';
import { CARD_DATA_VERSION } from '../../cards/render';
import { onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests, injectFault } from '../support/emulatorControl';
import { makeReadOnly } from '../support/readOnlyDir';
import { auditOf, clickCard, propose } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const bot = useTestBot();
const PAUSE = 'pause profile Contoso High School CSV';
const STORAGE_FAILED = 'SyncOps could not write to its storage';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

function readOnlyAudit(): void {
  restore = makeReadOnly(join(bot.dataDir, 'audit'));
}
function writableAgain(): void {
  restore?.();
  restore = undefined;
}

const pauseCalls = async () => (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path.endsWith('/pause'));
const storedActions = () => readdirSync(join(bot.dataDir, 'kv', 'actions')).filter((f) => f.endsWith('.json')).length;

describe('when the result of a change cannot be written (disk full, read-only)', () => {
  it('does not leave it "running": the next click reads the state back and ends it as "outcome unknown", sending nothing again', async () => {
    const { confirm } = await propose(bot, PAUSE, {});
    await injectFault(bot, { method: 'POST', path: '/pause$', delayMs: 1500, count: 1 });
    expect(titleOf(await clickCard(bot, confirm, {}))).toMatch(/^Running… pause /);
    restore = makeReadOnly(join(bot.dataDir, 'kv', 'actions'));
    await waitFor(() => bot.logs.entries().some((e) => e.event === 'action.record.failed'));
    writableAgain();
    const card = await clickCard(bot, confirm, {});
    expect(titleOf(card)).toBe('Outcome unknown');
    expect(textsOf(card).some((t) => t.startsWith('State now: Paused'))).toBe(true);
    expect(await pauseCalls()).toHaveLength(1);
    expect((await auditOf(bot, {}, 3)).entries.join('\n')).toMatch(/outcomeUnknown/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('with the audit directory read-only', () => {
  it('refuses to propose: no pending action is stored, and the card says storage failed and nothing was done', async () => {
    await propose(bot, PAUSE, {}); // makes sure the actions folder exists
    const before = storedActions();
    readOnlyAudit();
    const card = onlyCard(await bot.say(PAUSE));
    expect(titleOf(card)).toBe(STORAGE_FAILED);
    expect(textsOf(card)[1]).toMatch(/^Nothing was done\./);
    expect(storedActions()).toBe(before);
  });

  it('does not cancel: the action stays pending, and a later Confirm runs it once', async () => {
    const { cancel, confirm } = await propose(bot, PAUSE, {});
    readOnlyAudit();
    expect(titleOf(await clickCard(bot, cancel, {}))).toBe(STORAGE_FAILED);
    writableAgain();
    expect(titleOf(await clickCard(bot, confirm, {}))).toMatch(/^Paused by Ada Lovelace at /);
    expect(await pauseCalls()).toHaveLength(1);
    const { entries } = await auditOf(bot, {}, 5);
    expect(entries.join('\n')).not.toMatch(/cancelled/);
  });

  it('does not confirm: Graph is never called, and once storage works the same card runs it once', async () => {
    const { confirm } = await propose(bot, PAUSE, {});
    readOnlyAudit();
    const card = await clickCard(bot, confirm, {});
    expect(titleOf(card)).toBe(STORAGE_FAILED);
    expect(await pauseCalls()).toHaveLength(0);
    writableAgain();
    expect(titleOf(await clickCard(bot, confirm, {}))).toMatch(/^Paused by Ada Lovelace at /);
    expect(titleOf(await clickCard(bot, confirm, {}))).toMatch(/^Paused by Ada Lovelace at /);
    expect(await pauseCalls()).toHaveLength(1);
  });

  it('answers a stale click with the storage card, since its refusal cannot be audited', async () => {
    readOnlyAudit();
    const card = await clickCard(bot, { verb: CONFIRM_VERB, data: { v: CARD_DATA_VERSION, actionId: 'A'.repeat(22) } }, {});
    expect(titleOf(card)).toBe(STORAGE_FAILED);
  });

  it('still answers reads, which change nothing', async () => {
    readOnlyAudit();
    expect(titleOf(onlyCard(await bot.say('profiles')))).toMatch(/^School Data Sync profiles/);
  });
});
