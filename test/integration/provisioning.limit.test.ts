import { randomUUID } from 'node:crypto';
import { titleOf } from '../support/cards';
import { injectFault } from '../support/emulatorControl';
import { J } from '../support/jobHelpers';
import { onDemandPosts, PEOPLE } from '../support/provisioningHelpers';
import { cardOf, cardText, clickCard, factOf, freshConversation, propose, type Proposal } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

// The real clock: Graph's limit is 5 provisionOnDemand per 10 seconds, and this test lives through one window.
// A short retry deadline keeps the throttled case quick.
const bot = useTestBot({ GRAPH_RETRY_DEADLINE_MS: '1500' });
const PROVISION = `provision ${PEOPLE.nestor.upn} for ServiceNow`;

describe('provision keeps Graph\'s limit of 5 per 10 seconds for the tenant', () => {
  it('runs five at once, says the sixth must wait, then sends it when a slot frees and says how long it waited', async () => {
    // A tenant of its own: the book is per tenant, and the other test may have used a slot of the shared one.
    const where = { ...freshConversation('channel'), tenantId: randomUUID() };
    const proposals: Proposal[] = [];
    for (let i = 0; i < 6; i++) proposals.push(await propose(bot, PROVISION, where));
    for (const proposal of proposals.slice(0, 5)) expect(titleOf(await clickCard(bot, proposal.confirm, where))).toMatch(/^Provisioned by Ada Lovelace/);
    const sixth = await propose(bot, PROVISION, where);
    expect(cardText(sixth.card)).toMatch(/Graph allows 5 provision-on-demand requests per 10 seconds in a tenant, and they are used up right now: after Confirm this request waits about \d+ s\./);

    const running = await clickCard(bot, proposals[5]!.confirm, where, 'msg-sixth');
    expect(titleOf(running)).toBe(`Running… provision ${PEOPLE.nestor.upn} (ServiceNow)`);
    const final = await bot.connector.waitFor((c) => c.kind === 'update' && c.activityId === 'msg-sixth' && /^Provisioned by/.test(titleOf(cardOf(c))), 15_000);
    expect(cardText(cardOf(final))).toMatch(/Waited \d+ s first: Graph allows 5 provision-on-demand requests per 10 seconds in a tenant\./);

    const posts = await onDemandPosts(bot, J.serviceNow);
    expect(posts.map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(Date.parse(posts[5]!.at) - Date.parse(posts[0]!.at)).toBeGreaterThanOrEqual(10_000);
  }, 30_000);

  it('sends the POST once on a 429, even one whose Retry-After fits the retry deadline: the limiter counts every request', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PROVISION, where);
    await injectFault(bot, { method: 'POST', path: '/provisionOnDemand$', status: 429, retryAfter: 1, count: 1 });
    expect(titleOf(await clickCard(bot, confirm, where))).toBe('Provision failed');
    expect((await onDemandPosts(bot, J.serviceNow)).map((p) => p.status)).toEqual([429]);
  });

  it('reports Graph\'s own throttling (another client used the tenant\'s quota) with when to try again', async () => {
    const where = freshConversation('personal');
    const { confirm } = await propose(bot, PROVISION, where);
    await injectFault(bot, { method: 'POST', path: '/provisionOnDemand$', status: 429, retryAfter: 5, count: 5 });
    const card = await clickCard(bot, confirm, where);
    expect(titleOf(card)).toBe('Provision failed');
    expect(factOf(card, 'Graph answer')).toMatch(/^429 TooManyRequests/);
    expect(cardText(card)).toContain('Try again in 5 s.');
  });
});
