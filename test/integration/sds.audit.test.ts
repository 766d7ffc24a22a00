import { DEMO } from '../../bot/emulator';
import { GRACE } from '../support/activities';
import { as, auditOf, clickCard, factOf, freshConversation, injectGraphFault, propose, TestClock } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const clock = new TestClock();
const bot = useTestBot({}, { now: clock.now });

const CONTOSO = `Contoso High School CSV (${P.contosoHighCsv})`;
const FABRIKAM = `Fabrikam Middle School CSV (${P.fabrikamMiddleCsv})`;
const headingsOf = (entries: string[]) => entries.map((e) => e.split(' | ')[0]);

describe.each(['personal', 'channel'] as const)('audit, in a %s conversation', (scope) => {
  it('lists every attempt, newest first: proposed, confirmed, succeeded, cancelled, failed and refused', async () => {
    const where = freshConversation(scope);
    const pause = await propose(bot, 'pause profile Contoso High School CSV', where);
    const requestId = factOf(await clickCard(bot, pause.confirm, where), 'Graph request-id')!;
    const reset = await propose(bot, 'reset profile Fabrikam Middle School CSV', where);
    await clickCard(bot, reset.cancel, where);
    const failing = await propose(bot, 'pause profile Fabrikam Middle School CSV', where);
    await injectGraphFault(bot, { method: 'POST', path: '/pause$', status: 500, count: 1 });
    await clickCard(bot, failing.confirm, as(where, GRACE));
    await clickCard(bot, { verb: 'confirm', data: { v: 2, actionId: 'AAAAAAAAAAAAAAAAAAAAAA' } }, where);

    const { title, entries } = await auditOf(bot, where);
    expect(title).toBe('Audit: last 9 actions here');
    expect(headingsOf(entries)).toEqual([
      'refused · click',
      `failed · pauseProfile · ${FABRIKAM}`,
      `confirmed · pauseProfile · ${FABRIKAM}`,
      `proposed · pauseProfile · ${FABRIKAM}`,
      `cancelled · resetProfile · ${FABRIKAM}`,
      `proposed · resetProfile · ${FABRIKAM}`,
      `succeeded · pauseProfile · ${CONTOSO}`,
      `confirmed · pauseProfile · ${CONTOSO}`,
      `proposed · pauseProfile · ${CONTOSO}`,
    ]);
    expect(entries[1]).toContain(`by Grace Hopper (${GRACE.aadObjectId})`);
    expect(entries[6]).toContain(requestId);
  });

  it('shows only the newest n entries for audit n', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, 'pause profile Contoso High School CSV', where);
    await clickCard(bot, confirm, where);
    const { title, entries } = await auditOf(bot, where, 2);
    expect(title).toBe('Audit: last 2 actions here');
    expect(headingsOf(entries)).toEqual([`succeeded · pauseProfile · ${CONTOSO}`, `confirmed · pauseProfile · ${CONTOSO}`]);
  });
});

describe('audit of another conversation', () => {
  it('does not show this conversation\'s actions', async () => {
    const here = freshConversation('channel');
    const { confirm } = await propose(bot, 'pause profile Contoso High School CSV', here);
    await clickCard(bot, confirm, here);
    const elsewhere = await auditOf(bot, freshConversation('channel'));
    expect(elsewhere.title).toBe('Audit: last 0 actions here');
    expect(elsewhere.entries).toEqual([]);
    expect((await auditOf(bot, here)).entries).toHaveLength(3);
  });
});
