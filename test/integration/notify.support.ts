import { resetEmulator } from '../support/emulatorControl';
/** Helpers for the notification tests: a clock the poller and its rate limiter share, and what a cycle posted. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../bot/emulator';
import { mintDemoAppToken } from '../../bot/emulator/tokens';
import type { CycleResult } from '../../bot/notify';
import { CONVERSATIONS_PREFIX } from '../../bot/notify/keys';
import type { ConversationRecord } from '../../bot/notify/model';
import { FileStore, PreconditionFailedError, type KeyValueStore, type Stored, type WriteCondition } from '../../bot/store';
import { randomUUID } from 'node:crypto';
import { ADA, BOT, TENANT_ID, type Where } from '../support/activities';
import { actionsOf, onlyCard, textsOf, titleOf, type Card } from '../support/cards';
import type { ConnectorCall } from '../support/fakeConnector';
import { TestBot } from '../support/testBot';

export const INTERVAL_SECONDS = 60;

/** Starts at a fixed minute; `sleep` moves it instead of waiting, and records how long was asked for. */
export class ManualClock {
  private at: number;
  readonly sleeps: number[] = [];

  constructor(start = '2026-03-14T10:00:00.000Z') {
    this.at = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.at);

  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.at += ms;
  };

  advance(ms: number): void {
    this.at += ms;
  }
}

/** A bot on the demo tenant whose poller runs only when a test calls `pollOnce`; Graph retries are off so failures show at once. */
export function notifyBot(clock: ManualClock, env: Record<string, string> = {}, options: ConstructorParameters<typeof TestBot>[1] = {}): TestBot {
  return new TestBot(
    { POLL_INTERVAL_SECONDS: String(INTERVAL_SECONDS), GRAPH_RETRY_DEADLINE_MS: '0', ...env },
    { now: clock.now, ...options, notify: { sleep: clock.sleep, ...options.notify } },
  );
}

/**
 * A notify bot for a whole test file (or describe block): started once, emulator and connector reset and
 * watches forgotten around each test; `beforeEachTest` runs after the reset.
 */
export function useNotifyBot(
  clock: ManualClock,
  beforeEachTest: () => void | Promise<void> = () => undefined,
  options: ConstructorParameters<typeof TestBot>[1] = {},
): TestBot {
  const bot = notifyBot(clock, {}, options);
  beforeAll(() => bot.start());
  afterAll(() => bot.stop());
  beforeEach(async () => {
    await resetEmulator(bot);
    bot.connector.clear();
    await beforeEachTest();
  });
  afterEach(() => forgetWatches(bot));
  return bot;
}

export async function pollOnce(bot: TestBot, clock: ManualClock): Promise<{ result: CycleResult; posts: ConnectorCall[] }> {
  clock.advance(INTERVAL_SECONDS * 1000);
  const before = bot.connector.calls.length;
  const result = await bot.poller.runCycle();
  return { result, posts: bot.connector.calls.slice(before) };
}

/** The card of a proactive post: a new thread (createConversation) carries it in `activity`, a message directly. */
export function cardOfPost(call: ConnectorCall): Card {
  const body = call.kind === 'createConversation' ? (call.body.activity as Record<string, unknown>) : call.body;
  return onlyCard([{ ...call, body }]);
}

export function titlesOf(posts: readonly ConnectorCall[]): string[] {
  return posts.map((post) => titleOf(cardOfPost(post)));
}

export function textOfPost(call: ConnectorCall): string {
  return textsOf(cardOfPost(call)).join('\n');
}

/** Each button of a card as "Title → command". */
export function buttonsOf(card: Card): string[] {
  return actionsOf(card).map((action) => `${action.title} → ${(action.data as { cmd?: string }).cmd ?? JSON.stringify(action.data)}`);
}

/**
 * Ends every watch the bot keeps (its notification state in DATA_DIR), so the next test starts with none.
 * How to reach each conversation stays, as it would in a bot whose watches were all removed.
 */
export async function forgetWatches(bot: TestBot): Promise<void> {
  const store = new FileStore(join(bot.dataDir, 'kv'));
  for (const key of await store.list('notify/')) {
    const record = key.startsWith(CONVERSATIONS_PREFIX) ? (await store.read<ConversationRecord>(key))?.value : undefined;
    if (record?.address) await store.write<ConversationRecord>(key, { conversationId: record.conversationId, address: record.address, watches: [] });
    else await store.delete(key);
  }
}

/** The key of a job in PATCH /_emulator/state. */
export function jobKey(job: { servicePrincipalId: string; jobId: string }): string {
  return `${job.servicePrincipalId}/${job.jobId}`;
}

/** A bot that reads an emulator the test owns, so Graph's state outlives a restart of the bot (and is shared by two bots). */
export function notifyBotOn(emulator: RunningEmulator, clock: ManualClock, env: Record<string, string> = {}, options: ConstructorParameters<typeof TestBot>[1] = {}): TestBot {
  return notifyBot(clock, { GRAPH_BASE_URL: emulator.baseUrl, GRAPH_ACCESS_TOKEN: mintDemoAppToken(), ...env }, { emulator, graphCaCert: emulator.caCert, ...options });
}

/** Two instances of one deployment: two bots on one DATA_DIR and one emulator the test owns. */
export interface BotPair {
  emulator: RunningEmulator;
  first: TestBot;
  second: TestBot;
  stop(): Promise<void>;
}

export async function startBotPair(clock: ManualClock, env: Record<string, string> = {}): Promise<BotPair> {
  const emulator = await startEmulator();
  const shared = { DATA_DIR: mkdtempSync(join(tmpdir(), 'syncops-pair-')), ...env };
  const first = await notifyBotOn(emulator, clock, shared).start();
  const second = await notifyBotOn(emulator, clock, shared).start();
  return {
    emulator, first, second,
    async stop() {
      await first.stop();
      await second.stop();
      await emulator.close();
      rmSync(shared.DATA_DIR, { recursive: true, force: true });
    },
  };
}

/** Thrown by CrashingStore: the process "dies" at that write (the test then restarts the bot). */
export class SimulatedCrash extends Error {}

/** A store that fails the first write `isFatal` picks, as if the process stopped right before it. */
export class CrashingStore implements KeyValueStore {
  isFatal?: (key: string, next: unknown, current: unknown) => boolean;

  constructor(private readonly inner: KeyValueStore) {}

  read<T>(key: string): Promise<Stored<T> | undefined> {
    return this.inner.read<T>(key);
  }

  async write<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    if (this.isFatal?.(key, value, (await this.inner.read(key))?.value)) {
      this.isFatal = undefined;
      throw new SimulatedCrash(`crashed before writing ${key}`);
    }
    return this.inner.write(key, value, condition);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }
}

/** A store that records the keys read and written, and can let another writer in just before a write. */
export class RecordingStore implements KeyValueStore {
  readonly reads: string[] = [];
  readonly writes: { key: string; condition?: WriteCondition }[] = [];
  /** Conditional writes refused because someone wrote the key since it was read. */
  lostRaces = 0;
  /** Runs once, before the first write to a key it picks: another process writing that key first. */
  beforeWrite?: { isPicked: (key: string) => boolean; run: () => Promise<void> };

  constructor(private readonly inner: KeyValueStore) {}

  clear(): void {
    this.reads.length = 0;
    this.writes.length = 0;
    this.lostRaces = 0;
  }

  read<T>(key: string): Promise<Stored<T> | undefined> {
    this.reads.push(key);
    return this.inner.read<T>(key);
  }

  async write<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    const interloper = this.beforeWrite;
    if (interloper?.isPicked(key)) {
      this.beforeWrite = undefined;
      await interloper.run();
    }
    this.writes.push({ key, ...(condition ? { condition } : {}) });
    try {
      return await this.inner.write(key, value, condition);
    } catch (error) {
      if (error instanceof PreconditionFailedError) this.lostRaces += 1;
      throw error;
    }
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }
}

/** What Teams sends when the app is added to (or removed from) a conversation. */
export function installation(bot: TestBot, where: Where, action: 'add' | 'add-upgrade' | 'remove' = 'add') {
  const scope = where.scope ?? 'personal';
  return bot.post({
    type: 'installationUpdate', action, id: `act-${randomUUID()}`, channelId: 'msteams', serviceUrl: bot.connector.url,
    timestamp: new Date().toISOString(), from: ADA, recipient: BOT,
    conversation: { id: where.conversationId, conversationType: scope, tenantId: TENANT_ID, ...(scope === 'personal' ? {} : { isGroup: true }) },
    channelData: { tenant: { id: TENANT_ID }, ...(scope === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: '19:general@thread.tacv2' } } : {}) },
  });
}

/** Says a watch command and fails the test unless the bot confirms it. */
export async function watchFrom(bot: TestBot, where: Where, text: string): Promise<void> {
  const title = titleOf(onlyCard(await bot.say(text, where)));
  if (!title.startsWith('Watching ')) throw new Error(`"${text}" answered "${title}"`);
}
