/** The Graph emulator's control API (`/_emulator/…`) and its request log, as the bench reads them. */
import { Agent, fetch as undiciFetch } from 'undici';
import type { LoggedRequest } from '../../bot/emulator';

export interface EmulatorAddress {
  origin: string;
  caCert: string;
}

/** One call to the control API; the answer's JSON, or undefined for 204. */
export async function control(emulator: EmulatorAddress, method: string, path: string): Promise<unknown> {
  const dispatcher = new Agent({ connect: { ca: emulator.caCert } });
  try {
    const response = await undiciFetch(`${emulator.origin}/_emulator/${path}`, { method, dispatcher });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator control ${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : undefined;
  } finally {
    await dispatcher.close();
  }
}

/** Demo tenant as at start: profiles, jobs, request log and faults. */
export async function resetEmulator(emulator: EmulatorAddress): Promise<void> {
  await control(emulator, 'POST', 'reset');
}

export async function clearRequests(emulator: EmulatorAddress): Promise<void> {
  await control(emulator, 'DELETE', 'requests');
}

export async function requestsAt(emulator: EmulatorAddress): Promise<LoggedRequest[]> {
  return ((await control(emulator, 'GET', 'requests')) as { value: LoggedRequest[] }).value;
}

/** The requests that crossed the wire: the emulator also logs each item of a $batch, right after the batch. */
export function wireRequests(log: readonly LoggedRequest[]): LoggedRequest[] {
  const out: LoggedRequest[] = [];
  for (let i = 0; i < log.length; i++) {
    const entry = log[i]!;
    out.push(entry);
    if (isBatch(entry)) i += ((entry.body as { requests?: unknown[] } | null)?.requests ?? []).length;
  }
  return out;
}

export function isBatch(entry: LoggedRequest): boolean {
  return entry.method === 'POST' && entry.path.endsWith('/$batch');
}

/** `GET /education/synchronizationProfiles/{id}/profileStatus`: ids folded, so calls read alike across runs. */
export function describeRequest(entry: LoggedRequest): string {
  const path = entry.path.replace(/^\/beta/, '').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}').replace(/\/jobs\/[^/]+/, '/jobs/{jobId}');
  const items = isBatch(entry) ? ` (${((entry.body as { requests?: unknown[] } | null)?.requests ?? []).length} reads)` : '';
  return `${entry.method} ${path}${items}`;
}
