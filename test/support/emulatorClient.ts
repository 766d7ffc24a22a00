/** A tiny HTTPS client for emulator tests: trusts exactly the emulator's CA and sends the demo user token by default. */
import { Agent, fetch, type Headers } from 'undici';
import { mintDemoUserToken, startEmulator, type EmulatorOptions, type LoggedRequest, type RunningEmulator } from '../../bot/emulator';

// Response bodies are arbitrary JSON; tests index into them freely and assert on the result.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

export interface CallOptions {
  /** Bearer token; null sends no Authorization header. Default: the demo admin's delegated token. */
  token?: string | null;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent verbatim (for malformed bodies). */
  rawBody?: string;
  signal?: AbortSignal;
}

export interface EmulatorClient {
  emulator: RunningEmulator;
  /** `path` is relative to the origin (e.g. `/beta/servicePrincipals`) or an absolute URL such as a nextLink. */
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** A call to `/_emulator/<path>`. */
  control(method: string, path: string, body?: unknown): Promise<Answer>;
  requests(): Promise<LoggedRequest[]>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulatorClient(options: EmulatorOptions = {}): Promise<EmulatorClient> {
  const emulator = await startEmulator(options);
  const agent = new Agent({ connect: { ca: emulator.caCert } });
  const call = async (method: string, path: string, callOptions: CallOptions = {}): Promise<Answer> => {
    const token = callOptions.token === undefined ? mintDemoUserToken() : callOptions.token;
    const headers: Record<string, string> = { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...callOptions.headers };
    let body: string | undefined = callOptions.rawBody;
    if (callOptions.body !== undefined) {
      body = JSON.stringify(callOptions.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const url = /^https:/.test(path) ? path : `${emulator.origin}${path}`;
    const response = await fetch(url, { method, headers, body, dispatcher: agent, signal: callOptions.signal });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, text };
  };
  const control = (method: string, path: string, body?: unknown) =>
    call(method, `/_emulator/${path}`, { token: null, ...(body === undefined ? {} : { body }) });
  return {
    emulator,
    call,
    control,
    requests: async () => (await control('GET', 'requests')).body.value as LoggedRequest[],
    reset: async () => {
      const answer = await control('POST', 'reset');
      if (answer.status !== 204) throw new Error(`emulator reset answered ${answer.status}`);
    },
    close: async () => {
      await emulator.close();
      await agent.close();
    },
  };
}

/**
 * One emulator for a test file, reset before each test, with a clock the tests move forward (`advance`).
 * `client` forwards to the emulator started in beforeAll.
 */
export function useEmulatorClient(): { client: EmulatorClient; advance: (ms: number) => void } {
  let started: EmulatorClient | undefined;
  let offsetMs = 0;
  const current = (): EmulatorClient => {
    if (!started) throw new Error('the emulator is not started yet (use the client inside tests)');
    return started;
  };
  beforeAll(async () => {
    started = await startEmulatorClient({ now: () => new Date(Date.now() + offsetMs) });
  });
  afterAll(() => current().close());
  beforeEach(async () => {
    offsetMs = 0;
    await current().reset();
  });
  const client: EmulatorClient = {
    get emulator() {
      return current().emulator;
    },
    call: (method, path, options) => current().call(method, path, options),
    control: (method, path, body) => current().control(method, path, body),
    requests: () => current().requests(),
    reset: () => current().reset(),
    close: () => current().close(),
  };
  return { client, advance: (ms) => { offsetMs += ms; } };
}
