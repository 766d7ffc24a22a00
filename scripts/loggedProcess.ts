import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** How long a process gets to end after a signal before the next, harder one. */
const GRACE_MS = 5000;

export interface LoggedProcessOptions {
  /** How errors name it, e.g. "the bot". */
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Receives stdout and stderr, line by line. */
  logFile: string;
  /** Files the process writes itself; `tail()` shows them too. */
  ownLogFiles?: readonly string[];
}

/** A child process whose output goes to a file, that can be waited on for a line, and stopped. */
export class LoggedProcess {
  /** Resolves once the process has ended, with how it ended ("exited with code 1"). */
  readonly ended: Promise<string>;
  private readonly child: ChildProcess;
  private readonly lineListeners = new Set<(line: string) => void>();
  private readonly killOnExit = () => this.signal('SIGKILL');
  private endedHow?: string;

  constructor(private readonly options: LoggedProcessOptions) {
    // Not detached: it stays in the terminal's process group, so a Ctrl-C reaches it directly even when
    // the parent is a test runner that dies on the spot.
    this.child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.onLine(line));
    }
    this.ended = new Promise((resolve) => {
      const end = (how: string) => {
        this.endedHow ??= how;
        process.removeListener('exit', this.killOnExit);
        resolve(this.endedHow);
      };
      this.child.once('error', (error) => end(`could not be started: ${error.message}`));
      // 'close', not 'exit': it comes after the last output line, so a tail read then is complete.
      this.child.once('close', (code, signal) => end(signal ? `was stopped by ${signal}` : `exited with code ${code}`));
    });
    // A parent that dies without stop() (a crashed test runner) must not leave the children running.
    process.once('exit', this.killOnExit);
  }

  get name(): string {
    return this.options.name;
  }

  get hasEnded(): boolean {
    return this.endedHow !== undefined;
  }

  /** The first line printed from now on matching `pattern`; fails with the log tail if the process ends or `timeoutMs` passes first. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.lineListeners.delete(onLine);
      };
      const onLine = (line: string) => {
        const match = pattern.exec(line);
        if (match) {
          done();
          resolve(match);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.name} printed nothing matching ${pattern} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.lineListeners.add(onLine);
      void this.ended.then((how) => {
        done();
        reject(new Error(`${this.name} ${how} before printing a line matching ${pattern}`));
      });
    });
  }

  /** The last lines of each of its log files, headed by the file's path. */
  tail(lines = 25): string {
    const files = [this.options.logFile, ...(this.options.ownLogFiles ?? [])];
    return files
      .map((file) => {
        const text = existsSync(file) ? readFileSync(file, 'utf8').trimEnd() : '';
        const last = text === '' ? '(empty)' : text.split('\n').slice(-lines).join('\n');
        return `--- ${this.name}: last ${lines} lines of ${file}\n${last}`;
      })
      .join('\n');
  }

  /**
   * Sends SIGTERM, or with `hasSignal` first waits for the signal it already got (a terminal's Ctrl-C reaches
   * the whole process group: a second signal would cut its own clean shutdown short); SIGKILL as a last resort.
   */
  async stop(hasSignal = false): Promise<void> {
    if (hasSignal && (await this.endsWithin(GRACE_MS))) return;
    this.signal('SIGTERM');
    if (await this.endsWithin(GRACE_MS)) return;
    this.signal('SIGKILL');
    await this.ended;
  }

  private async endsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const hasEnded = await Promise.race([this.ended.then(() => true), timeout]);
    clearTimeout(timer);
    return hasEnded;
  }

  private onLine(line: string): void {
    appendFileSync(this.options.logFile, `${line}\n`);
    for (const listener of this.lineListeners) listener(line);
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined || this.hasEnded) return;
    this.child.kill(signal);
  }
}
