import { APP_CALLER } from '../../bot/actor';
import { GraphRequester } from '../../bot/graph/requester';

describe('a Graph call whose token never comes (Entra hung)', () => {
  it('fails as "could not be reached" within GRAPH_TIMEOUT_MS instead of hanging: nothing was sent', async () => {
    const graph = new GraphRequester({
      // Nothing listens here; the request must never get as far as trying.
      baseUrl: 'https://127.0.0.1:9/beta',
      tokens: { getAccessToken: () => new Promise<string>(() => undefined) },
      timeoutMs: 100,
      retryDeadlineMs: 0,
    });
    const started = Date.now();
    await expect(graph.send({ method: 'POST', path: '/education/synchronizationProfiles/p1/pause', caller: APP_CALLER }))
      .rejects.toMatchObject({ failure: 'unreachable', graphCode: 'DeadlineError' });
    expect(Date.now() - started).toBeLessThan(2000);
    await graph.close();
  });
});
