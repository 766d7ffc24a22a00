import { ADA, GRACE } from '../support/activities';
import { onlyCard, titleOf } from '../support/cards';
import { J } from '../support/jobHelpers';
import { PEOPLE } from '../support/provisioningHelpers';
import { freshConversation, mutationsAt } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const bot = useTestBot({ ALLOWED_USERS: ADA.aadObjectId });

describe('who may provision on demand', () => {
  it('refuses provision to someone not on ALLOWED_USERS, while logs and why still answer them', async () => {
    const where = freshConversation('channel', GRACE);
    expect(titleOf(onlyCard(await bot.say(`provision ${PEOPLE.nestor.upn} for ServiceNow`, where)))).toBe('You cannot change synchronization from here');
    expect(titleOf(onlyCard(await bot.say(`logs job ${J.serviceNow.jobId} for ServiceNow`, where)))).toMatch(/^ServiceNow: 4 failures/);
    expect(titleOf(onlyCard(await bot.say(`why ${PEOPLE.alex.upn}`, where)))).toMatch(/^Alex Wilber/);
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('proposes it to a listed admin', async () => {
    const card = onlyCard(await bot.say(`provision ${PEOPLE.nestor.upn} for ServiceNow`, freshConversation('channel', ADA)));
    expect(titleOf(card)).toBe(`Provision ${PEOPLE.nestor.upn} to ServiceNow?`);
  });
});
