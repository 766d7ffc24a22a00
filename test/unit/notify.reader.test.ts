import { GraphError } from '../../bot/graph/errors';
import type { GraphGateway, SyncStates } from '../../bot/graph/gateway';
import type { ProfileStatus } from '../../bot/graph/types';
import type { WatchTarget } from '../../bot/notify/model';
import { readWatched } from '../../bot/notify/reader';

const profiles = (count: number): WatchTarget[] => Array.from({ length: count }, (_, i) => ({ kind: 'profile', id: `p${i}`, name: `Profile ${i}` }));
const THROTTLED = new GraphError('throttled', 429, 'TooManyRequests', 'Slow down', undefined, 30);

/** A gateway that answers every profile as synced, except the ids `throttled` picks; it keeps each call's ids. */
function fakeGateway(throttled: (id: string) => boolean = () => false) {
  const calls: string[][] = [];
  const gateway = {
    async readSyncStates(profileIds: readonly string[]): Promise<SyncStates> {
      calls.push([...profileIds]);
      const answer = (id: string) => (throttled(id) ? { ok: false as const, error: THROTTLED } : { ok: true as const, value: { status: 'success' } as ProfileStatus });
      return { profiles: new Map(profileIds.map((id) => [id, answer(id)])), apps: new Map() };
    },
  };
  return { gateway: gateway as unknown as GraphGateway, calls };
}

describe('readWatched', () => {
  it('reads 2,500 objects in slices of 1,000 (multiples of 20, so still ⌈2500/20⌉ $batch requests), each once', async () => {
    const { gateway, calls } = fakeGateway();
    const reading = await readWatched(gateway, profiles(2_500));
    expect(calls.map((ids) => ids.length)).toEqual([1_000, 1_000, 500]);
    expect(new Set(calls.flat()).size).toBe(2_500);
    expect(reading).toMatchObject({ failedReads: 0, isThrottled: false });
    expect(reading.observations.size).toBe(2_500);
  });

  it('stops reading once Graph throttles a slice: the rest waits for the back-off, counted as not read', async () => {
    const { gateway, calls } = fakeGateway((id) => id === 'p7');
    const reading = await readWatched(gateway, profiles(2_500));
    expect(calls.map((ids) => ids.length)).toEqual([1_000]);
    expect(reading).toMatchObject({ failedReads: 1 + 1_500, isThrottled: true, retryAfterSeconds: 30 });
    expect(reading.observations.size).toBe(999);
    expect(reading.observations.has('profile:p7')).toBe(false);
  });
});
