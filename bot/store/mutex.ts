/** Runs tasks for the same key one after another, in call order; different keys run in parallel. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** `task` is told whether it had to wait for an earlier task on the key (one that may have changed what it read). */
  async run<R>(key: string, task: (hasWaited: boolean) => Promise<R>): Promise<R> {
    const hasWaited = this.tails.has(key);
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task(hasWaited);
    } finally {
      release();
      // Forget the key once nobody queued behind us, so the map does not grow with every key ever used.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
