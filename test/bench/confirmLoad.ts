/**
 * Scenario 2: Confirm clicks end to end (compare-and-set in the store, the Graph call and its read-back, the
 * audit entries, the shared card update). Each click needs a pending action of its own, so every connection
 * drives pairs: propose `pause profile <id>`, click Confirm, then `resume profile <id>`, click Confirm, …
 * Each connection holds one demo profile at a time, so every Confirm can succeed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type autocannon from 'autocannon';
import { cardAction, message, type Where } from '../support/activities';
import { actionsOf, invokeCard, onlyCard, titleOf } from '../support/cards';
import type { FakeConnector } from '../support/fakeConnector';
import { control, resetEmulator, type EmulatorAddress } from './emulatorControl';
import type { IsolatedTarget } from './isolation';
import { JSON_HEADERS, runAutocannon, type Scenario, type Slice } from './load';

export interface ConfirmScenario extends Scenario {
  connections: number;
  /** The proposals driven alongside, for reference. */
  proposals: Slice[];
}

interface Slot {
  profileId: string;
  verb: 'pause' | 'resume';
  where: Where;
}

interface PairContext {
  slot?: Slot;
  sentAt?: number;
}

const DONE_TITLE = /^(Paused|Resumed) by /;

export async function confirmScenario(target: IsolatedTarget, connector: FakeConnector, wanted: number): Promise<ConfirmScenario> {
  const emulator = target.emulator;
  if (!emulator) throw new Error('confirm clicks need the demo tenant');
  const connections = Math.min(wanted, (await slotsOf(emulator)).length);
  const proposals: Slice[] = [];
  return {
    target, connections, proposals,
    async runSlice(durationMs) {
      const { confirms, proposed } = await runPairs(target.url, connector, emulator, connections, durationMs);
      proposals.push(proposed);
      return confirms;
    },
  };
}

/** One slice: a fresh demo tenant, then pairs until the time is up. */
async function runPairs(url: string, connector: FakeConnector, emulator: EmulatorAddress, connections: number, durationMs: number): Promise<{ confirms: Slice; proposed: Slice }> {
  await resetEmulator(emulator);
  connector.clear();
  const pool = (await slotsOf(emulator)).slice(0, connections);
  const confirms: Slice = { latencies: [], failures: 0, seconds: 0 };
  const proposed: Slice = { latencies: [], failures: 0, seconds: 0 };
  const result = await runAutocannon({ url, connections, duration: durationMs / 1000, requests: pairRequests(pool, connector, confirms, proposed) });
  await sleep(250); // clicks cut off by the end of the slice finish in the bot before the next reset
  connector.clear();
  confirms.failures += result.errors;
  confirms.seconds = proposed.seconds = result.duration;
  return { confirms, proposed };
}

/** The proposal takes a free profile from `pool`; the Confirm puts it back with the opposite action next. */
function pairRequests(pool: Slot[], connector: FakeConnector, confirms: Slice, proposed: Slice): autocannon.Request[] {
  const propose: autocannon.Request = {
    method: 'POST', path: '/api/messages', headers: JSON_HEADERS,
    setupRequest: (request, context: PairContext) => {
      const slot = pool.shift();
      if (!slot) throw new Error('a connection found no free profile');
      context.slot = slot;
      context.sentAt = performance.now();
      return { ...request, body: JSON.stringify(message(connector.url, `${slot.verb} profile ${slot.profileId}`, slot.where)) };
    },
    onResponse: (status, _body, context: PairContext) => {
      if (status === 200) proposed.latencies.push(performance.now() - context.sentAt!);
      else proposed.failures++;
    },
  };
  const confirm: autocannon.Request = {
    method: 'POST', path: '/api/messages', headers: JSON_HEADERS,
    setupRequest: (request, context: PairContext) => {
      const slot = context.slot!;
      const button = takeConfirmButton(connector, slot.where.conversationId!);
      if (!button) {
        confirms.failures++;
        pool.push(slot);
        return undefined as unknown as autocannon.Request; // autocannon starts the pair again
      }
      context.sentAt = performance.now();
      return { ...request, body: JSON.stringify(cardAction(connector.url, button.verb, button.data, 'msg-bench', slot.where)) };
    },
    onResponse: (status, body, context: PairContext) => {
      const slot = context.slot!;
      if (status === 200 && isDone(body)) {
        confirms.latencies.push(performance.now() - context.sentAt!);
        slot.verb = slot.verb === 'pause' ? 'resume' : 'pause';
      } else confirms.failures++;
      pool.push(slot);
    },
  };
  return [propose, confirm];
}

/** The provisioned demo profiles, each with the action its current status allows. */
async function slotsOf(emulator: EmulatorAddress): Promise<Slot[]> {
  const state = (await control(emulator, 'GET', 'state')) as { profiles: Record<string, { state: string; status: { status: string | null } }> };
  return Object.entries(state.profiles)
    .filter(([, profile]) => profile.state === 'provisioned')
    .map(([profileId, profile], i) => ({
      profileId, verb: profile.status.status === 'paused' ? 'resume' as const : 'pause' as const,
      where: { scope: 'personal' as const, conversationId: `a:1bench-confirm-${i}` },
    }));
}

/** The Confirm button of the conversation's last card; the conversation's calls are dropped from the connector. */
function takeConfirmButton(connector: FakeConnector, conversationId: string): { verb: string; data: unknown } | undefined {
  const calls = connector.calls;
  let card;
  for (let i = calls.length - 1; i >= 0; i--) {
    if (calls[i]!.conversationId !== conversationId) continue;
    if (!card && calls[i]!.kind === 'reply') card = onlyCard([calls[i]!]);
    calls.splice(i, 1);
  }
  return card && actionsOf(card).find((action) => action.title === 'Confirm');
}

function isDone(body: string): boolean {
  try {
    return DONE_TITLE.test(titleOf(invokeCard(JSON.parse(body))));
  } catch {
    return false; // not a card answer: counted as a failure by the caller
  }
}
