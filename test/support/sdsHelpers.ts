/** Small helpers for the SDS profile conversation tests: emulator state, faults with bodies, clicks and reads of cards. */
import { randomUUID } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';
import { actionsOf, invokeCard, onlyCard, textsOf, titleOf, type Card } from './cards';
import { emulatorRequests, type Fault, type LoggedRequest } from './emulatorControl';
import type { ConnectorCall } from './fakeConnector';
import type { HttpAnswer, TestBot } from './testBot';
import { ADA, type Person, type Scope, type Where } from './activities';

export const PROFILES_PATH = '/beta/education/synchronizationProfiles';

async function control(bot: TestBot, path: string, method: string, body?: unknown): Promise<unknown> {
  const response = await undiciFetch(`${bot.emulatorControl}/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    dispatcher: new Agent({ connect: { ca: bot.emulatorCa } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`emulator control ${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** PATCH /_emulator/state (shape in bot/emulator/control.ts). */
export function patchState(bot: TestBot, patch: unknown): Promise<unknown> {
  return control(bot, 'state', 'PATCH', patch);
}

export interface EmulatedProfile {
  displayName: string;
  state: string;
  status: { status: string | null; statusMessage: string; lastActivityDateTime: string | null; lastSynchronizationDateTime: string | null; errorCount: number };
  errors: { id: string; entryType: string; errorCode: string; errorMessage: string; recordedDateTime: string; reportableIdentifier: string }[];
}

/** One profile as GET /_emulator/state shows it. */
export async function emulatedProfile(bot: TestBot, id: string): Promise<EmulatedProfile> {
  const state = (await control(bot, 'state', 'GET')) as { profiles: Record<string, EmulatedProfile> };
  return state.profiles[id]!;
}

/** A fault that may also replace the Graph error envelope (`body`), so a test can choose Graph's message. */
export function injectGraphFault(bot: TestBot, fault: Fault & { body?: unknown }): Promise<unknown> {
  return control(bot, 'faults', 'POST', fault);
}

/** A Graph error envelope as the service sends it. */
export function graphErrorBody(code: string, message: string): unknown {
  return { error: { code, message, innerError: { date: '2026-01-01T00:00:00', 'request-id': randomUUID(), 'client-request-id': randomUUID() } } };
}

/** Calls that change something at Graph: any POST except a $batch of reads, and any DELETE. */
export async function mutationsAt(bot: TestBot): Promise<LoggedRequest[]> {
  return (await emulatorRequests(bot)).filter((r) => (r.method === 'POST' && !r.path.endsWith('/$batch')) || r.method === 'DELETE');
}

/** The POSTs of one SDS action (`pause`, `start`, …) on one profile. */
export async function postsOf(bot: TestBot, profileId: string, action: string): Promise<LoggedRequest[]> {
  return (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path === `${PROFILES_PATH}/${profileId}/${action}`);
}

/** A conversation of its own for one test, so audit and cursors never mix between tests. */
export function freshConversation(scope: Scope, from: Person = ADA): Where {
  const id = randomUUID().slice(0, 8);
  const conversationId = {
    personal: `a:1personal-${id}`,
    channel: `19:general@thread.tacv2;messageid=${Date.now()}${id}`,
    groupChat: `19:group-${id}@thread.v2`,
  }[scope];
  return { scope, from, conversationId };
}

/** The same conversation, another person. */
export function as(where: Where, from: Person): Where {
  return { ...where, from };
}

/** Everything a person reads on a card, one string. */
export function cardText(card: Card): string {
  return textsOf(card).join('\n');
}

/** The card of one connector call (a reply or an update). */
export function cardOf(call: ConnectorCall): Card {
  return onlyCard([call]);
}

/** A mutable clock for the bot: starts at a fixed minute, so times on cards are known. */
export class TestClock {
  private at: Date;

  constructor(private readonly start = '2026-03-14T10:02:00.000Z') {
    this.at = new Date(start);
  }

  reset(): void {
    this.at = new Date(this.start);
  }

  readonly now = (): Date => new Date(this.at);

  advanceMinutes(minutes: number): void {
    this.at = new Date(this.at.getTime() + minutes * 60_000);
  }
}

/** A confirmation card and what its two buttons carry. */
export interface Proposal {
  card: Card;
  confirm: { verb: string; data: unknown };
  cancel: { verb: string; data: unknown };
}

/** Says a mutating command and expects the confirmation card with Confirm and Cancel. */
export async function propose(bot: TestBot, text: string, where: Where): Promise<Proposal> {
  const card = onlyCard(await bot.say(text, where));
  const actions = actionsOf(card);
  const confirm = actions.find((a) => a.title === 'Confirm');
  const cancel = actions.find((a) => a.title === 'Cancel');
  if (!confirm || !cancel) throw new Error(`expected a confirmation card, got "${titleOf(card)}": ${cardText(card)}`);
  return { card, confirm, cancel };
}

/** Clicks a button and returns the card of the invoke answer. */
export async function clickCard(bot: TestBot, button: { verb: string; data: unknown }, where: Where, replyToId = `msg-${randomUUID().slice(0, 8)}`): Promise<Card> {
  const answer: HttpAnswer = await bot.click(button.verb, button.data, replyToId, where);
  if (answer.status !== 200) throw new Error(`invoke answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return invokeCard(answer.body);
}

/** The updates (PUT) of one message at the fake connector, in order. */
export function updatesOf(bot: TestBot, messageId: string): ConnectorCall[] {
  return bot.connector.calls.filter((c) => c.kind === 'update' && c.activityId === messageId);
}

/** The `audit n` card of a conversation, as headings with their lines. */
export async function auditOf(bot: TestBot, where: Where, count = 20): Promise<{ title: string; entries: string[] }> {
  const card = onlyCard(await bot.say(`audit ${count}`, where));
  const body = card.body as { type: string; items?: { text?: string }[] }[];
  const entries = body.filter((e) => e.type === 'Container').map((e) => (e.items ?? []).map((i) => i.text ?? '').join(' | '));
  return { title: titleOf(card), entries };
}

/** A fact of a card ("Graph request-id"), or undefined. */
export function factOf(card: Card, title: string): string | undefined {
  const line = textsOf(card).find((t) => t.startsWith(`${title}: `));
  return line?.slice(title.length + 2);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
