import { DEMO } from '../../bot/emulator';
import { ADA, GRACE } from '../support/activities';
import { actionsOf, onlyCard, titleOf } from '../support/cards';
import { as, auditOf, clickCard, factOf, freshConversation, injectGraphFault, propose, TestClock } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const P = DEMO.profiles;
const clock = new TestClock();
const bot = useTestBot({}, { now: clock.now });

const CONTOSO = `Contoso High School CSV (${P.contosoHighCsv})`;
const FABRIKAM = `Fabrikam Middle School CSV (${P.fabrikamMiddleCsv})`;
const headingsOf = (entries: string[]) => entries.map((e) => e.split(' | ')[0]);

describe.each(['personal', 'channel'] as const)('audit, in a %s conversation', (scope) => {
  it('shows one line per action, newest first, with its latest state, who proposed and who decided', async () => {
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
    expect(title).toBe('Audit: last 4 actions here');
    expect(headingsOf(entries)).toEqual([
      'refused · click',
      `failed · pauseProfile · ${FABRIKAM}`,
      `cancelled · resetProfile · ${FABRIKAM}`,
      `succeeded · pauseProfile · ${CONTOSO}`,
    ]);
    expect(entries[1]).toContain(`proposed by Ada Lovelace (${ADA.aadObjectId}) · confirmed by Grace Hopper (${GRACE.aadObjectId})`);
    expect(entries[2]).toContain(`proposed by Ada Lovelace (${ADA.aadObjectId}) · cancelled by Ada Lovelace`);
    expect(entries[3]).toContain(requestId);
  });

  it('shows only the newest n actions for audit n, and a button for more', async () => {
    const where = freshConversation(scope);
    for (const name of ['Contoso High School CSV', 'Fabrikam Middle School CSV']) {
      const { confirm } = await propose(bot, `pause profile ${name}`, where);
      await clickCard(bot, confirm, where);
    }
    const card = onlyCard(await bot.say('audit 1', where));
    expect(titleOf(card)).toBe('Audit: last 1 action here');
    expect(actionsOf(card)).toEqual([{ title: 'Show the last 50', verb: 'run', data: { v: 1, cmd: 'audit 50' } }]);
    const { entries } = await auditOf(bot, where, 2);
    expect(headingsOf(entries)).toEqual([`succeeded · pauseProfile · ${FABRIKAM}`, `succeeded · pauseProfile · ${CONTOSO}`]);
  });

  it('offers no "more" button when every action is shown', async () => {
    const where = freshConversation(scope);
    const { confirm } = await propose(bot, 'pause profile Contoso High School CSV', where);
    await clickCard(bot, confirm, where);
    expect(actionsOf(onlyCard(await bot.say('audit 5', where)))).toEqual([]);
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
    expect((await auditOf(bot, here)).entries).toHaveLength(1);
  });
});
