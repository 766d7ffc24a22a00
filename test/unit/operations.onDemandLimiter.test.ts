import { MAX_WAIT_MS, ON_DEMAND_WINDOW_MS, onDemandWaitMs, reserveOnDemandSlot } from '../../bot/operations/onDemandLimiter';
import { MemoryStore } from '../../bot/store/memoryStore';

const T0 = Date.parse('2026-03-14T10:02:00Z');

function tenant(id: string, store = new MemoryStore()) {
  let now = T0;
  return {
    store, actor: { teamsId: '29:ada', name: 'Ada', tenantId: id },
    now: () => new Date(now),
    advance: (ms: number) => { now += ms; },
  };
}

describe('the provision-on-demand book (5 per 10 s per tenant)', () => {
  it('lets five go now and makes the sixth wait for the first slot to leave the window, with a margin', async () => {
    const ctx = tenant('t1');
    for (let i = 0; i < 5; i++) expect(await reserveOnDemandSlot(ctx)).toEqual({ kind: 'now' });
    expect(await onDemandWaitMs(ctx)).toBeGreaterThanOrEqual(ON_DEMAND_WINDOW_MS);
    const sixth = await reserveOnDemandSlot(ctx);
    expect(sixth.kind).toBe('wait');
    expect(sixth.kind === 'wait' && sixth.ms).toBeGreaterThanOrEqual(ON_DEMAND_WINDOW_MS);
  });

  it('frees slots as time passes', async () => {
    const ctx = tenant('t1');
    for (let i = 0; i < 5; i++) await reserveOnDemandSlot(ctx);
    ctx.advance(MAX_WAIT_MS);
    expect(await onDemandWaitMs(ctx)).toBe(0);
    expect(await reserveOnDemandSlot(ctx)).toEqual({ kind: 'now' });
  });

  it('says busy, reserving nothing, when others already wait a whole window', async () => {
    const ctx = tenant('t1');
    for (let i = 0; i < 10; i++) expect((await reserveOnDemandSlot(ctx)).kind).not.toBe('busy');
    const busy = await reserveOnDemandSlot(ctx);
    expect(busy.kind).toBe('busy');
    expect(busy.kind === 'busy' && busy.retryInMs).toBeGreaterThan(0);
    expect((await reserveOnDemandSlot(ctx)).kind).toBe('busy');
  });

  it('keeps one book per tenant in a shared store', async () => {
    const shared = new MemoryStore();
    const first = tenant('t1', shared);
    for (let i = 0; i < 5; i++) await reserveOnDemandSlot(first);
    expect(await reserveOnDemandSlot(tenant('t2', shared))).toEqual({ kind: 'now' });
    expect((await reserveOnDemandSlot(tenant('t1', shared))).kind).toBe('wait');
  });

  it('gives each of many concurrent callers (two bot instances) its own slot', async () => {
    const shared = new MemoryStore();
    const results = await Promise.all(Array.from({ length: 7 }, () => reserveOnDemandSlot(tenant('t1', shared))));
    expect(results.filter((r) => r.kind === 'now')).toHaveLength(5);
    expect(results.filter((r) => r.kind === 'wait')).toHaveLength(2);
  });
});
