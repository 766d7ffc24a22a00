/** The items of one flush, and the promise every one of their callers waits on. */
interface Batch<T> {
  items: T[];
  done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

interface Queue<T> {
  /** Items that arrived while a flush was on its way to disk: they go together in the next one. */
  next?: Batch<T>;
}

/**
 * Group commit: one flush per key at a time, and everything that arrives for that key while a flush is
 * running shares the next one. An fsync costs the same for one line as for fifty, so under contention
 * each caller waits for at most the flush in progress and its own, instead of one flush per caller ahead
 * of it. Each caller's promise settles when the flush holding its item has ended, so "resolved" still
 * means "durable"; when that flush fails, every caller in it is told. Items keep call order.
 */
export class GroupCommit<T> {
  private readonly queues = new Map<string, Queue<T>>();

  constructor(private readonly flush: (key: string, items: readonly T[]) => Promise<void>) {}

  add(key: string, item: T): Promise<void> {
    let queue = this.queues.get(key);
    const isIdle = !queue;
    if (!queue) {
      queue = {};
      this.queues.set(key, queue);
    }
    queue.next ??= newBatch<T>();
    queue.next.items.push(item);
    const { done } = queue.next;
    // An idle key flushes at once: a lone caller pays no added latency for the grouping.
    if (isIdle) void this.drain(key, queue);
    return done;
  }

  private async drain(key: string, queue: Queue<T>): Promise<void> {
    for (let batch = queue.next; batch; batch = queue.next) {
      queue.next = undefined;
      try {
        await this.flush(key, batch.items);
        batch.resolve();
      } catch (error) {
        batch.reject(error);
      }
    }
    this.queues.delete(key);
  }
}

function newBatch<T>(): Batch<T> {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { items: [], done, resolve, reject };
}
