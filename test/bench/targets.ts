/** The bots under load: an echo bot and SyncOps, each on the same restify + CloudAdapter stack. */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageFactory, TeamsActivityHandler, type Activity } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import { createAdapter } from '../../bot/teams/adapter';
import { startApp } from '../../bot/app';
import { loadConfig, type LogLevel } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { MAX_BODY_BYTES } from '../../bot/teams/server';
import type { BlobStorageSpec } from './pollCycle';

export type TargetKind = 'echo' | 'syncops';

export interface TargetOptions {
  /** SyncOps log level: `info` as deployed (to a discarded stdout in the bench), `silent` inside jest. */
  logLevel: LogLevel;
  /** How long a Confirm waits for Graph before answering "Running…"; long, so an invoke measures the whole call. */
  runningAfterMs: number;
  /** SyncOps only: its state in this Azure Blob container (Azurite) instead of a fresh DATA_DIR. */
  storage?: BlobStorageSpec;
}

export interface RunningTarget {
  url: string;
  /** SyncOps only: the demo tenant's Graph emulator (control API at `${origin}/_emulator`). */
  emulator?: { origin: string; caCert: string };
  close(): Promise<void>;
}

export function startTarget(kind: TargetKind, options: TargetOptions): Promise<RunningTarget> {
  return kind === 'echo' ? startEchoBot(options) : startSyncOps(options);
}

/** SyncOps exactly as `npm start` builds it (demo tenant, file store), with a fresh DATA_DIR, or on Blob state. */
async function startSyncOps(options: TargetOptions): Promise<RunningTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'syncops-bench-'));
  // An explicit environment: a developer's .env or shell must not turn the demo tenant into a real one.
  const blobEnv = options.storage ? { AZURE_STORAGE_CONNECTION_STRING: options.storage.connectionString, AZURE_STORAGE_CONTAINER: options.storage.container } : {};
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: options.logLevel, ...blobEnv });
  const app = await startApp(config, { log: createLogger(config.logLevel), runningAfterMs: options.runningAfterMs });
  return {
    url: app.url,
    ...(app.emulator ? { emulator: { origin: app.emulator.origin, caCert: app.emulator.caCert } } : {}),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Answers every message with `echo: <text>`: the cost of the stack alone. */
class EchoBot extends TeamsActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(MessageFactory.text(`echo: ${context.activity.text ?? ''}`));
      await next();
    });
  }
}

/** The same restify set-up, body parser and SyncOpsCloudAdapter as bot/teams/server.ts, with the echo bot behind it. */
async function startEchoBot(options: TargetOptions): Promise<RunningTarget> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: options.logLevel });
  const adapter = createAdapter(config, createLogger(config.logLevel));
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    const answer = await adapter.serve(req.body as Activity, String(req.headers.authorization ?? ''), (context) => bot.run(context));
    res.send(answer.status, answer.body);
  });
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}
