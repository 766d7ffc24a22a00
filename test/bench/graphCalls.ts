/** Scenario 3: Graph requests per command, counted at the emulator, against each command's minimum. */
import { randomUUID } from 'node:crypto';
import { cardAction, GRACE, message, type Where } from '../support/activities';
import { actionsOf, invokeCard, onlyCard, titleOf, type Card } from '../support/cards';
import type { FakeConnector } from '../support/fakeConnector';
import { commandCases, type CommandCase } from './commandCases';
import { clearRequests, control, describeRequest, requestsAt, resetEmulator, wireRequests, type EmulatorAddress } from './emulatorControl';
import { JSON_HEADERS } from './load';
import type { RunningTarget } from './targets';

export interface CommandCount {
  command: string;
  calls: number;
  minimum: number;
  why: string;
  /** The requests, e.g. `POST /education/synchronizationProfiles/{id}/pause`. */
  requests: string[];
}

/** Runs each command on a freshly reset demo tenant, in a conversation of its own. */
export async function countGraphCalls(target: RunningTarget, connector: FakeConnector): Promise<CommandCount[]> {
  const emulator = target.emulator;
  if (!emulator) throw new Error('Graph calls are counted at the demo tenant');
  await resetEmulator(emulator);
  const counts: CommandCount[] = [];
  for (const item of commandCases(await provisionedProfiles(emulator))) {
    await resetEmulator(emulator);
    counts.push(await countOne(target.url, connector, emulator, item));
  }
  return counts;
}

async function countOne(url: string, connector: FakeConnector, emulator: EmulatorAddress, item: CommandCase): Promise<CommandCount> {
  const id = randomUUID().slice(0, 8);
  const where: Where = item.scope === 'groupChat' ? { scope: 'groupChat', conversationId: `19:bench-count-${id}@thread.v2` } : { scope: 'personal', conversationId: `a:1bench-count-${id}` };
  for (const text of item.before ?? []) await say(url, connector, text, where);
  // Only the last step is counted: the message, or the last click (the proposal's, then a second admin's).
  const clicks = [
    ...(item.click ? [{ button: item.click.button, inputs: item.click.inputs, where }] : []),
    ...(item.secondAdmin ? [{ button: item.secondAdmin.button, inputs: undefined, where: { ...where, from: GRACE } }] : []),
  ];
  if (clicks.length === 0) await clearRequests(emulator);
  let card = await say(url, connector, item.say, where);
  for (const [i, step] of clicks.entries()) {
    const button = actionsOf(card).find((action) => action.title === step.button);
    if (!button) throw new Error(`${item.name}: the card "${titleOf(card)}" has no ${step.button} button`);
    if (i === clicks.length - 1) await clearRequests(emulator);
    card = await click(url, connector, { ...(button.data as object), ...step.inputs }, button.verb, step.where);
  }
  if (!item.title.test(titleOf(card))) throw new Error(`${item.name}: expected a card titled ${item.title}, got "${titleOf(card)}"`);
  const requests = wireRequests(await requestsAt(emulator)).map(describeRequest);
  return { command: item.name, calls: requests.length, minimum: item.minimum, why: item.why, requests };
}

/** Posts a message and returns the card the bot replied with. */
async function say(url: string, connector: FakeConnector, text: string, where: Where): Promise<Card> {
  const activity = message(connector.url, text, where);
  await post(url, activity);
  const replies = connector.calls.filter((call) => call.activityId === activity.id);
  connector.clear();
  return onlyCard(replies);
}

async function click(url: string, connector: FakeConnector, data: unknown, verb: string, where: Where): Promise<Card> {
  const answer = await post(url, cardAction(connector.url, verb, data, 'msg-count', where));
  connector.clear();
  return invokeCard(answer);
}

async function post(url: string, activity: unknown): Promise<unknown> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(activity) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

async function provisionedProfiles(emulator: EmulatorAddress): Promise<number> {
  const state = (await control(emulator, 'GET', 'state')) as { profiles: Record<string, { state: string }> };
  return Object.values(state.profiles).filter((profile) => profile.state === 'provisioned').length;
}
