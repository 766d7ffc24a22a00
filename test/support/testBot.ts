import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type AppOptions, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import type { RunningEmulator } from '../../bot/emulator';
import { cardAction, message, type Where } from './activities';
import { resetEmulator } from './emulatorControl';
import { FakeConnector, type ConnectorCall } from './fakeConnector';
import { captureLogs } from './logCapture';

export interface TestBotOptions {
  /** A Graph emulator started by the test (when GRAPH_BASE_URL points at it instead of the demo tenant). */
  emulator?: RunningEmulator;
  /** Signs each posted activity as the Bot Connector would (when MicrosoftAppId is set). */
  inboundToken?: (activity: { serviceUrl: string }) => string;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/**
 * The real server (restify + CloudAdapter + bot) on a free port, the in-process Graph emulator of the demo
 * tenant, and a fake Bot Connector, wired like production. Tests talk to it the way Teams does.
 */
export class TestBot {
  readonly connector = new FakeConnector();
  readonly logs = captureLogs();
  private app?: RunningApp;

  constructor(
    private readonly env: Record<string, string> = {},
    private readonly options: Partial<Omit<AppOptions, 'log'>> & TestBotOptions = {},
  ) {
    this.isOwnDataDir = env.DATA_DIR === undefined;
    this.dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'syncops-test-'));
  }

  /** A DATA_DIR this bot made is removed when it stops; a shared one belongs to the test. */
  private readonly isOwnDataDir: boolean;

  /** A fresh DATA_DIR per bot, unless the test shares one (restart tests). */
  readonly dataDir: string;

  async start(): Promise<this> {
    await this.connector.start();
    await this.launch();
    return this;
  }

  get url(): string {
    return this.app!.url;
  }

  /** Base URL of the emulator's control API (`…/_emulator`). */
  get emulatorControl(): string {
    return `${this.emulator.origin}/_emulator`;
  }

  get emulatorCa(): string {
    return this.emulator.caCert;
  }

  /** The notification poller of the running app: `runCycle()` polls once, with the bot's injected clock. */
  get poller(): RunningApp['poller'] {
    return this.app!.poller;
  }

  private get emulator(): RunningEmulator {
    const emulator = this.app?.emulator ?? this.options.emulator;
    if (!emulator) throw new Error('this test bot has no Graph emulator');
    return emulator;
  }

  /** Posts a message and returns what the bot sent back in reply to it (typing indicators aside: `typingFor` has them). */
  async say(text: string, where: Where = {}): Promise<ConnectorCall[]> {
    const activity = message(this.connector.url, text, where);
    const answer = await this.post(activity);
    if (answer.status !== 200) throw new Error(`POST /api/messages answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    this.lastMessageId = activity.id;
    return this.connector.calls.filter((c) => c.activityId === activity.id && c.body.type !== 'typing');
  }

  /** The id of the last message `say` posted. */
  lastMessageId?: string;

  /** The typing indicators the bot sent while answering a message. */
  typingFor(messageId: string): ConnectorCall[] {
    return this.connector.calls.filter((c) => c.activityId === messageId && c.body.type === 'typing');
  }

  /** Clicks an Action.Execute button; returns the HTTP answer (the invoke response). */
  click(verb: string, data: unknown, replyToId = 'msg-card', where: Where = {}): Promise<HttpAnswer> {
    return this.post(cardAction(this.connector.url, verb, data, replyToId, where));
  }

  async post(body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const activity = body as { serviceUrl?: unknown };
    if (this.options.inboundToken && !headers.authorization && typeof activity?.serviceUrl === 'string')
      headers = { ...headers, authorization: `Bearer ${this.options.inboundToken({ serviceUrl: activity.serviceUrl })}` };
    const response = await fetch(`${this.url}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text; // non-JSON answers (restify errors as text) are asserted as text
    }
    return { status: response.status, body: parsed };
  }

  /** Stops the bot and starts a new one on the same DATA_DIR (and connector): a process restart. */
  async restart(): Promise<void> {
    await this.app?.close();
    await this.launch();
  }

  private async launch(): Promise<void> {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'debug', DATA_DIR: this.dataDir, ...this.env });
    this.app = await startApp(config, { ...this.options, log: this.logs.log });
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.connector.close();
    if (this.isOwnDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * One started TestBot for a whole test file (jest hooks), with the demo tenant reset before each test:
 * the setup nearly every conversation test needs.
 */
export function useTestBot(
  env: Record<string, string> = {},
  options: ConstructorParameters<typeof TestBot>[1] = {},
  beforeEachTest: () => void | Promise<void> = () => undefined,
): TestBot {
  const bot = new TestBot(env, options);
  beforeAll(() => bot.start());
  afterAll(() => bot.stop());
  beforeEach(async () => {
    await beforeEachTest();
    await resetEmulator(bot);
  });
  return bot;
}
