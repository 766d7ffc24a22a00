import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LoggedProcess } from './loggedProcess';

/**
 * `npm run playground`: SyncOps on the demo tenant, and the Microsoft 365 Agents Playground pointed at it,
 * to try the bot in a Teams-like chat without a tenant. The browser test (test/e2e/) starts the same pair.
 */

/** The repository root: this file runs from dist/scripts/ after a build and from scripts/ under jest. */
export const REPO_ROOT = path.resolve(__dirname, path.basename(path.dirname(__dirname)) === 'dist' ? '../..' : '..');

/** Both print their ready line within seconds; much longer means stuck, and the log says more than waiting would. */
const START_TIMEOUT_MS = 30_000;
const DEFAULT_BOT_PORT = 3978;
/** The Playground's own default; when it is taken, the Playground picks a free port and we read which. */
const DEFAULT_PLAYGROUND_PORT = 56150;

export interface PlaygroundOptions {
  /** 0 = any free port, for both. */
  botPort: number;
  playgroundPort: number;
  /** Holds the bot's DATA_DIR and both logs. */
  workDir: string;
  /** The Playground's cli.js; by default the one of the pinned devDependency. */
  playgroundCli?: string;
}

export interface RunningPlayground {
  /** The Playground's web UI. */
  url: string;
  botUrl: string;
  /** The bot's in-process Graph emulator; its origin + `/_emulator/requests` lists the calls the bot made. */
  graphBaseUrl: string;
  /** Resolves when either process ends, saying which one and how. */
  ended: Promise<string>;
  /** The last lines of both processes' logs. */
  tail(): string;
  /** `hasSignal`: both already got a signal, as from a terminal's Ctrl-C; see LoggedProcess.stop. */
  stop(hasSignal?: boolean): Promise<void>;
}

/** Starts the built bot, then the Playground pointed at it; fails with both log tails if either does not come up. */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  mkdirSync(options.workDir, { recursive: true });
  const bot = startBot(options);
  let started: { url: string; graphBaseUrl: string };
  try {
    started = JSON.parse((await bot.waitForLine(/^\{.*"event":"started".*\}$/, START_TIMEOUT_MS))[0]);
  } catch (error) {
    await bot.stop();
    throw new Error(`SyncOps did not start: ${(error as Error).message}\n${bot.tail()}`);
  }
  const playground = startPlaygroundCli(options, `${started.url}/api/messages`);
  const tail = () => `${playground.tail()}\n${bot.tail()}`;
  let port: string | undefined;
  try {
    port = (await playground.waitForLine(/Listening on (\d+)/, START_TIMEOUT_MS))[1];
  } catch (error) {
    await Promise.all([playground.stop(), bot.stop()]);
    throw new Error(`The Agents Playground did not start: ${(error as Error).message}\n${tail()}`);
  }
  return {
    url: `http://localhost:${port}`,
    botUrl: started.url,
    graphBaseUrl: started.graphBaseUrl,
    ended: Promise.race([bot, playground].map(async (child) => `${child.name} ${await child.ended}`)),
    tail,
    async stop(hasSignal = false) {
      await Promise.all([playground.stop(hasSignal), bot.stop(hasSignal)]);
    },
  };
}

function startBot(options: PlaygroundOptions): LoggedProcess {
  return new LoggedProcess({
    name: 'SyncOps',
    command: process.execPath,
    // DEP0111 is restify's known warning, silenced as `npm start` does.
    args: ['--disable-warning=DEP0111', path.join(REPO_ROOT, 'dist', 'bot', 'index.js')],
    // A directory without a .env and none of the shell's bot settings: always the demo tenant with inbound
    // auth off, which the Playground needs (it sends no Authorization header).
    cwd: options.workDir,
    env: { ...systemEnvironment(), PORT: String(options.botPort), DATA_DIR: path.join(options.workDir, 'data') },
    logFile: path.join(options.workDir, 'bot.log'),
  });
}

function startPlaygroundCli(options: PlaygroundOptions, botEndpoint: string): LoggedProcess {
  const devTools = path.join(options.workDir, 'devTools');
  mkdirSync(devTools);
  // It sends its console output here; a crash is explained only in this file.
  const ownLog = path.join(devTools, 'm365agentsplayground.log');
  return new LoggedProcess({
    name: 'the Agents Playground',
    command: process.execPath,
    args: [
      options.playgroundCli ?? installedPlaygroundCli(),
      '--disable-telemetry', '-e', botEndpoint, '-c', 'msteams', '-p', String(options.playgroundPort),
    ],
    cwd: options.workDir,
    // Without BROWSER=none it runs xdg-open, and on a machine without a desktop that ends it at once.
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: ownLog },
    logFile: path.join(devTools, 'console.log'),
    ownLogFiles: [ownLog],
  });
}

function installedPlaygroundCli(): string {
  const manifest = require.resolve('@microsoft/m365agentsplayground/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return path.join(path.dirname(manifest), bin['agentsplayground']);
}

/** What any process needs from the OS, and nothing else from the shell. */
function systemEnvironment(): NodeJS.ProcessEnv {
  const names = ['PATH', 'HOME', 'TMPDIR', 'SystemRoot'].filter((name) => process.env[name] !== undefined);
  return Object.fromEntries(names.map((name) => [name, process.env[name]]));
}

function portFrom(name: string, fallback: number): number {
  const raw = (process.env[name] ?? '').trim();
  if (raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new Error(`${name}: must be a port number from 0 to 65535, got '${raw}'`);
  return Number(raw);
}

async function main(): Promise<void> {
  const botPort = portFrom('PORT', DEFAULT_BOT_PORT);
  const playgroundPort = portFrom('PLAYGROUND_PORT', DEFAULT_PLAYGROUND_PORT);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'syncops-playground-'));
  let running: RunningPlayground;
  try {
    running = await startPlayground({ botPort, playgroundPort, workDir });
  } catch (error) {
    throw new Error(`${(error as Error).message}\nLogs kept in ${workDir}`);
  }
  console.log([
    `SyncOps is running on the demo tenant at ${running.botUrl} (Graph emulator ${running.graphBaseUrl}).`,
    `Open the Agents Playground: ${running.url}`,
    `Logs: ${workDir}/bot.log and ${workDir}/devTools/`,
    'Press Ctrl-C to stop both.',
  ].join('\n'));

  let isStopping = false;
  const stop = async (exitCode: number, hasSignal = false) => {
    isStopping = true;
    await running.stop(hasSignal);
    if (exitCode === 0) rmSync(workDir, { recursive: true, force: true });
    process.exit(exitCode);
  };
  // Ctrl-C in a terminal signals the whole process group, the bot and the Playground included; a SIGTERM
  // (from a process manager, say) reaches only this process and is passed on.
  process.once('SIGINT', () => {
    console.log('Stopping the Playground and the bot…');
    void stop(0, true);
  });
  process.once('SIGTERM', () => void stop(0));
  void running.ended.then((how) => {
    if (isStopping) return;
    console.error(`${how}, so the other one was stopped too.\n${running.tail()}\nLogs kept in ${workDir}`);
    void stop(1);
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
