/**
 * Runs `task` on every item with at most `size` running at once, and returns when all have ended. If some
 * failed, no new item starts, and the first failure is thrown once the running ones have ended.
 */
export async function forEachInPool<T>(items: readonly T[], size: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let hasFailed = false;
  const worker = async () => {
    while (!hasFailed && next < items.length) {
      const index = next++;
      try {
        await task(items[index]!, index);
      } catch (error) {
        hasFailed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(size, items.length) }, worker));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}
