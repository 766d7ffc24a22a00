import { Agent, fetch as undiciFetch } from 'undici';
import type { TestBot } from './testBot';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  tokenKind: 'delegated' | 'app' | 'none';
  user: string | null;
  status: number;
  at: string;
}

export interface Fault {
  method: string;
  path: string;
  status?: number;
  retryAfter?: number;
  delayMs?: number;
  hang?: boolean;
  count: number;
}

async function control(bot: TestBot, path: string, init: { method: string; body?: unknown } = { method: 'GET' }): Promise<unknown> {
  const response = await undiciFetch(`${bot.emulatorControl}/${path}`, {
    method: init.method,
    headers: { 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    dispatcher: new Agent({ connect: { ca: bot.emulatorCa } }),
  });
  if (!response.ok) throw new Error(`emulator control ${path} answered ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

/** What the bot asked Graph for, in order. */
export async function emulatorRequests(bot: TestBot): Promise<LoggedRequest[]> {
  return ((await control(bot, 'requests')) as { value: LoggedRequest[] }).value;
}

export function injectFault(bot: TestBot, fault: Fault): Promise<unknown> {
  return control(bot, 'faults', { method: 'POST', body: fault });
}

export function resetEmulator(bot: TestBot): Promise<unknown> {
  return control(bot, 'reset', { method: 'POST' });
}
