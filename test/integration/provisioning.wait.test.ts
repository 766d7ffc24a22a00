/**
 * The sixth provision in 10 s waits for a slot on the host's sleep, which shutdown cuts short: a restart
 * during the wait neither hangs for the rest of the window nor sends the request afterwards.
 */
import { randomUUID } from 'node:crypto';
import { titleOf } from '../support/cards';
import { PEOPLE } from '../support/provisioningHelpers';
import { auditOf, clickCard, freshConversation, propose } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

// The real clock: the emulator keeps Graph's 5 per 10 s in real time too.
const bot = useTestBot();
const PROVISION = `provision ${PEOPLE.nestor.upn} for ServiceNow`;

it('stops waiting for a provision-on-demand slot on shutdown, sends nothing, and records why', async () => {
  const where = { ...freshConversation('channel'), tenantId: randomUUID() };
  for (let i = 0; i < 5; i++) expect(titleOf(await clickCard(bot, (await propose(bot, PROVISION, where)).confirm, where))).toMatch(/^Provisioned by/);
  const sixth = await propose(bot, PROVISION, where);
  expect(titleOf(await clickCard(bot, sixth.confirm, where))).toBe(`Running… provision ${PEOPLE.nestor.upn} (ServiceNow)`);
  const stopping = Date.now();
  await bot.restart();
  expect(Date.now() - stopping).toBeLessThan(4_000);
  expect((await auditOf(bot, where)).entries[0]).toMatch(/^failed · provisionUser · .*Not sent: SyncOps was shutting down/);
}, 30_000);
