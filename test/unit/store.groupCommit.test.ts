import { GroupCommit } from '../../bot/store/groupCommit';

/** A flush that records what it was given and ends only when the test says so. */
function gatedFlush() {
  const flushes: { key: string; items: string[] }[] = [];
  const gates: { open: () => void; fail: (error: Error) => void }[] = [];
  const flush = (key: string, items: readonly string[]) => new Promise<void>((resolve, reject) => {
    flushes.push({ key, items: [...items] });
    gates.push({ open: resolve, fail: reject });
  });
  return { flushes, gates, flush };
}

const settled = async (promise: Promise<void>) => {
  let state = 'pending';
  promise.then(() => (state = 'resolved'), () => (state = 'rejected'));
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('GroupCommit', () => {
  it('flushes a lone item at once, and resolves only when its flush has ended', async () => {
    const { flushes, gates, flush } = gatedFlush();
    const commit = new GroupCommit(flush);
    const done = commit.add('a', 'one');
    expect(flushes).toEqual([{ key: 'a', items: ['one'] }]);
    expect(await settled(done)).toBe('pending');
    gates[0]!.open();
    expect(await settled(done)).toBe('resolved');
  });

  it('sends everything that arrived during a flush together in the next one, in call order', async () => {
    const { flushes, gates, flush } = gatedFlush();
    const commit = new GroupCommit(flush);
    const first = commit.add('a', '1');
    const rest = ['2', '3', '4'].map((item) => commit.add('a', item));
    expect(flushes).toHaveLength(1);
    gates[0]!.open();
    await first;
    expect(flushes).toEqual([{ key: 'a', items: ['1'] }, { key: 'a', items: ['2', '3', '4'] }]);
    expect(await settled(rest[0]!)).toBe('pending');
    gates[1]!.open();
    await Promise.all(rest);
  });

  it('rejects every caller of a failed flush and no one else, and keeps going', async () => {
    const { flushes, gates, flush } = gatedFlush();
    const commit = new GroupCommit(flush);
    const first = commit.add('a', '1');
    const failed = [commit.add('a', '2'), commit.add('a', '3')];
    gates[0]!.open();
    await first;
    gates[1]!.fail(new Error('disk full'));
    for (const promise of failed) await expect(promise).rejects.toThrow('disk full');
    const after = commit.add('a', '4');
    expect(flushes.at(-1)).toEqual({ key: 'a', items: ['4'] });
    gates[2]!.open();
    await expect(after).resolves.toBeUndefined();
  });

  it('flushes different keys side by side', async () => {
    const { flushes, gates, flush } = gatedFlush();
    const commit = new GroupCommit(flush);
    const both = [commit.add('a', '1'), commit.add('b', '2')];
    expect(flushes.map((f) => f.key)).toEqual(['a', 'b']);
    gates.forEach((gate) => gate.open());
    await Promise.all(both);
  });

  it('turns 200 concurrent items into two flushes', async () => {
    let count = 0;
    const commit = new GroupCommit(async () => {
      count++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    await Promise.all(Array.from({ length: 200 }, (_, i) => commit.add('a', String(i))));
    expect(count).toBe(2);
  });
});
