/**
 * Injected faults: the next `count` Graph calls whose method and path match answer with an error,
 * late, or never. Body of POST /_emulator/faults:
 *
 *   { method?: string,        // e.g. "POST"; omitted or "*" = any method
 *     path: string,           // a regular expression tested against the decoded path, e.g. "/jobs/.+/restart$"
 *     status?: number,        // answer with this status and its Graph error code (429 TooManyRequests,
 *                             // 500 generalException, 503 serviceNotAvailable, 504 gatewayTimeout, ...)
 *     retryAfter?: number,    // seconds, sent as Retry-After
 *     delayMs?: number,       // wait this long first; without status the real answer follows
 *     hang?: boolean,         // never answer (until the client gives up or the emulator closes)
 *     count?: number,         // how many matching calls it applies to (default 1)
 *     body?: unknown }        // replaces the error envelope
 *
 * At least one of status, delayMs or hang is required. Faults apply before the token check, like a
 * front door throttling or failing, and also to the calls inside a $batch.
 */
import { randomUUID } from 'node:crypto';

export interface Fault {
  id: string;
  method: string | null;
  path: string;
  status: number | null;
  retryAfter: number | null;
  delayMs: number;
  hang: boolean;
  count: number;
  remaining: number;
  body?: unknown;
}

export class FaultInputError extends Error {}

export class FaultBook {
  private faults: Fault[] = [];

  add(input: unknown): Fault {
    const fault = parseFault(input);
    this.faults.push(fault);
    return { ...fault };
  }

  /** The first matching fault with uses left, counting this use. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((candidate) =>
      candidate.remaining > 0 &&
      (candidate.method === null || candidate.method === method.toUpperCase()) &&
      new RegExp(candidate.path).test(path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((candidate) => candidate.remaining > 0);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }
}

function parseFault(input: unknown): Fault {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new FaultInputError('A fault must be a JSON object.');
  const spec = input as Record<string, unknown>;
  const path = spec.path;
  if (typeof path !== 'string' || path === '') throw new FaultInputError('"path" must be a non-empty regular expression string.');
  try {
    new RegExp(path);
  } catch (error) {
    throw new FaultInputError(`"path" is not a valid regular expression: ${(error as Error).message}`);
  }
  const method = optional(spec.method, 'method', (value): value is string => typeof value === 'string');
  const status = optional(spec.status, 'status', (value): value is number => Number.isInteger(value) && (value as number) >= 200 && (value as number) <= 599);
  const retryAfter = optional(spec.retryAfter, 'retryAfter', isNonNegativeInteger);
  const delayMs = optional(spec.delayMs, 'delayMs', isNonNegativeInteger) ?? 0;
  const hang = optional(spec.hang, 'hang', (value): value is boolean => typeof value === 'boolean') ?? false;
  const count = optional(spec.count, 'count', (value): value is number => Number.isInteger(value) && (value as number) >= 1) ?? 1;
  if (status === null && delayMs === 0 && !hang) throw new FaultInputError('A fault needs "status", "delayMs" or "hang".');
  return {
    id: randomUUID(),
    method: method === null || method === '*' ? null : method.toUpperCase(),
    path, status, retryAfter, delayMs, hang, count, remaining: count,
    ...(spec.body === undefined ? {} : { body: spec.body }),
  };
}

function optional<T>(value: unknown, name: string, isValid: (value: unknown) => value is T): T | null {
  if (value === undefined || value === null) return null;
  if (!isValid(value)) throw new FaultInputError(`"${name}" has an invalid value: ${JSON.stringify(value)}.`);
  return value;
}

function isNonNegativeInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}
