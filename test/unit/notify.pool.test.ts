import { forEachInPool } from '../../bot/notify/pool';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('forEachInPool', () => {
  it('runs every item once, in order, never more than the pool size at once', async () => {
    const started: number[] = [];
    let running = 0;
    let mostAtOnce = 0;
    await forEachInPool(Array.from({ length: 10 }, (_, i) => i), 3, async (item) => {
      started.push(item);
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await nextTurn();
      running -= 1;
    });
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mostAtOnce).toBe(3);
  });

  it('starts nothing new after a failure, and throws it only once the running ones have ended', async () => {
    const ended: number[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const done = forEachInPool([0, 1, 2, 3], 2, async (item) => {
      if (item === 0) await slow;
      if (item === 1) throw new Error('item 1 failed');
      ended.push(item);
    });
    let isSettled = false;
    done.catch(() => undefined).finally(() => (isSettled = true));
    await nextTurn();
    expect(isSettled).toBe(false);
    release();
    await expect(done).rejects.toThrow('item 1 failed');
    expect(ended).toEqual([0]);
  });

  it('calls nothing for no items', async () => {
    const task = jest.fn(async () => undefined);
    await forEachInPool([], 16, task);
    expect(task).not.toHaveBeenCalled();
  });
});
