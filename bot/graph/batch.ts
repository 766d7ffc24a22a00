import type { Caller } from '../actor';
import type { GraphRequester } from './requester';
import { GraphError, graphErrorFromResponse, parseRetryAfter } from './errors';

/** Graph JSON batching takes at most 20 requests (reference §2.7). */
export const BATCH_LIMIT = 20;
/** Items Graph throttled or could not serve are sent again, this many times at most. */
const ITEM_RETRIES = 2;
const RETRYABLE = new Set([429, 503, 504]);

export type BatchGet = { url: string; headers?: Record<string, string> };
export type BatchResponse = { id?: string; status?: number; headers?: Record<string, string>; body?: unknown };
/** One item of a batched read: its value, or the GraphError Graph answered for that item alone. */
export type BatchRead<T> = { ok: true; value: T } | { ok: false; error: GraphError };

/**
 * GETs through POST /$batch, 20 per request. Graph throttles each item on its own (an inner 429 with its
 * own Retry-After, reference §2.7), so such items are sent again after the longest Retry-After, within
 * the retry deadline; the outer request has the client's own retry policy.
 */
export class BatchReader {
  constructor(
    private readonly graph: GraphRequester,
    private readonly retryDeadlineMs: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Each item's own answer, by position; `undefined` where Graph gave none. */
  async answers(items: readonly BatchGet[], caller: Caller): Promise<(BatchResponse | undefined)[]> {
    const answers: (BatchResponse | undefined)[] = new Array(items.length).fill(undefined);
    const giveUpAt = Date.now() + this.retryDeadlineMs;
    let pending = items.map((_, index) => index);
    for (let round = 0; pending.length > 0; round++) {
      for (let start = 0; start < pending.length; start += BATCH_LIMIT) {
        await this.send(pending.slice(start, start + BATCH_LIMIT), items, answers, caller);
      }
      pending = pending.filter((index) => RETRYABLE.has(answers[index]?.status ?? 0));
      const waitMs = Math.max(0, ...pending.map((index) => retryAfterMs(answers[index]!)));
      if (round >= ITEM_RETRIES || pending.length === 0 || Date.now() + waitMs > giveUpAt) break;
      await this.sleep(waitMs);
    }
    return answers;
  }

  private async send(indexes: readonly number[], items: readonly BatchGet[], answers: (BatchResponse | undefined)[], caller: Caller): Promise<void> {
    const requests = indexes.map((index, i) => ({ id: String(i), method: 'GET', ...items[index] }));
    const result = await this.graph.send({
      method: 'POST', path: '/$batch', caller, isRead: true, body: { requests }, headers: { 'Content-Type': 'application/json' },
    });
    for (const response of (result.body as { responses?: BatchResponse[] } | undefined)?.responses ?? []) {
      const i = Number(response.id);
      if (Number.isInteger(i) && i >= 0 && i < indexes.length) answers[indexes[i]!] = response;
    }
  }
}

/** Every item with its outcome: a failed item becomes the GraphError its own status, body and headers describe. */
export function readAnswers<T>(keys: readonly string[], urls: readonly string[], answers: readonly (BatchResponse | undefined)[], map: (body: unknown) => T): Map<string, BatchRead<T>> {
  const out = new Map<string, BatchRead<T>>();
  keys.forEach((key, i) => {
    const answer = answers[i] ?? { status: 503 }; // no answer for the item: as unavailable as an outage
    out.set(key, answer.status === 200 ? { ok: true, value: map(answer.body) } : { ok: false, error: batchItemError(answer, urls[i]!) });
  });
  return out;
}

/** Only the items that worked; when every item failed, the first failure is thrown ("no access" is not "nothing there"). */
export function successfulAnswers<T>(keys: readonly string[], urls: readonly string[], answers: readonly (BatchResponse | undefined)[], map: (body: unknown) => T): Map<string, T> {
  const out = new Map<string, T>();
  let failure: GraphError | undefined;
  for (const [key, read] of readAnswers(keys, urls, answers, map)) {
    if (read.ok) out.set(key, read.value);
    else failure ??= read.error;
  }
  if (failure && out.size === 0) throw failure;
  return out;
}

function batchItemError(answer: BatchResponse, url: string): GraphError {
  return graphErrorFromResponse(answer.status ?? 0, answer.body, new Headers(answer.headers ?? {}), url);
}

function retryAfterMs(answer: BatchResponse): number {
  const header = Object.entries(answer.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  return (parseRetryAfter(header) ?? 1) * 1000;
}
