import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { GRAMMAR } from '../../bot/commands/grammar';
import { DEMO } from '../../bot/emulator';
import { showPlaceholders } from '../../cards/render';
import { REPO_ROOT } from '../../scripts/playground';
import { actionsOf, onlyCard, type Card } from '../support/cards';
import { confirmWithInputs, jobPatch } from '../support/jobHelpers';
import { PEOPLE } from '../support/provisioningHelpers';
import { clickCard, patchState, propose } from '../support/sdsHelpers';
import type { Where } from '../support/activities';
import { cardOfPost, ManualClock, notifyBot, pollOnce } from '../integration/notify.support';
import { launchChromium } from './support/chatWindow';
import { CardBench } from './support/cardBench';

/**
 * Every kind of card, made by the real bot over HTTP, rendered by the official Adaptive Cards renderer
 * in Chromium at the widths Teams gives a card: about 414 px in the desktop chat column and 320 px on a
 * phone. Nothing may be cut off or stick out; a screenshot of each goes to test/artifacts/e2e/cards/.
 */
const SHOTS = path.join(REPO_ROOT, 'test', 'artifacts', 'e2e', 'cards');
const WIDTHS = [414, 320] as const;
const P = DEMO.profiles;
const SP = DEMO.servicePrincipals;
const QUARANTINED = DEMO.jobs.cloudSyncFabrikam;
const CHANNEL: Where = { scope: 'channel' };

const clock = new ManualClock('2026-03-14T10:00:00.000Z');
const bot = notifyBot(clock);
const cards = new Map<string, Card>();
let browser: Browser;
let bench: CardBench;

async function cardOf(text: string, where: Where = CHANNEL): Promise<Card> {
  return onlyCard(await bot.say(text, where));
}

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  await bot.start();
  cards.set('help', await cardOf('help'));
  cards.set('profile-list', await cardOf('profiles'));
  cards.set('profile-status', await cardOf(`profile ${P.woodgroveOneRoster}`));
  cards.set('profile-errors', await cardOf(`errors profile ${P.woodgroveOneRoster}`));
  const start = await propose(bot, `start profile ${P.contosoHighSummer}`, CHANNEL);
  cards.set('profile-proposal', start.card);
  cards.set('verification-result', await clickCard(bot, start.confirm, CHANNEL));
  cards.set('apps', await cardOf('apps contoso'));
  cards.set('jobs', await cardOf(`jobs ${SP.contosoCloudSync}`));
  cards.set('quarantined-cloud-sync-job', await cardOf(`job ${QUARANTINED.jobId} for ${QUARANTINED.servicePrincipalId}`));
  const restart = await propose(bot, `restart job ${QUARANTINED.jobId} for ${QUARANTINED.servicePrincipalId} scope Watermark, ForceDeletes`, CHANNEL);
  cards.set('restart-picker', restart.card);
  cards.set('waiting-for-approval', await clickCard(bot, confirmWithInputs(restart, { acknowledge: 'true' }), CHANNEL));
  const later = await propose(bot, `pause profile ${P.fabrikamMiddleCsv} in 30m`, CHANNEL);
  cards.set('scheduled-change', await clickCard(bot, later.confirm, CHANNEL));
  cards.set('scheduled-list', await cardOf('scheduled'));
  await cardOf(`watch app ${SP.contosoCloudSync}`);
  await cardOf(`watch profile ${P.woodgroveOneRoster}`);
  cards.set('watch-list', await cardOf('watching'));
  cards.set('provisioning-logs', await cardOf(`logs job ${DEMO.jobs.serviceNow.jobId} for ${SP.serviceNow}`));
  cards.set('why', await cardOf(`why ${PEOPLE.nestor.upn} in ServiceNow`));
  cards.set('audit', await cardOf('audit'));
  cards.set('sds-runs', await cardOf('sds runs'));
  cards.set('sds-run', await cardOf('sds run latest'));
  cards.set('sds-flows', await cardOf('sds flows'));
  await pollOnce(bot, clock);
  await patchState(bot, jobPatch(DEMO.jobs.cloudSyncContoso, { status: { code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', currentBegan: '2026-03-14T10:00:30Z', nextAttempt: '2026-03-14T22:00:00Z', seriesBegan: '2026-03-14T10:00:30Z', seriesCount: 1, error: { code: 'AzureDirectoryB2BManagementPolicyCheckFailure', message: 'The tenant contoso.onmicrosoft.com refused AD2AADProvisioning.fc96887f36da47508c935c28a0c0b6da.', tenantActionable: true } } } }));
  const { posts } = await pollOnce(bot, clock);
  cards.set('notification', cardOfPost(posts.find((p) => p.kind !== 'update')!));
  browser = await launchChromium();
  bench = await CardBench.open(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await bot.stop();
});

const KINDS = ['help', 'profile-list', 'profile-status', 'profile-errors', 'profile-proposal', 'verification-result', 'apps', 'jobs',
  'quarantined-cloud-sync-job', 'restart-picker', 'waiting-for-approval', 'scheduled-change', 'scheduled-list', 'watch-list', 'provisioning-logs', 'why', 'sds-runs', 'sds-run', 'sds-flows', 'audit', 'notification'];

describe.each(WIDTHS)('at %i px', (width) => {
  test.each(KINDS)('the %s card shows every value whole', async (kind) => {
    const card = cards.get(kind);
    expect(card).toBeDefined();
    const overflows = await bench.render(card, width, path.join(SHOTS, `${kind}-${width}.png`));
    expect(overflows).toEqual([]);
    const labels = actionsOf(card!).map((a) => a.title);
    expect(labels.filter((label, i) => labels.indexOf(label) !== i)).toEqual([]);
  });
});

describe.each(WIDTHS)('the help card at %i px', (width) => {
  test('shows each command as one bullet, its usage in bold, and no Markdown as typed', async () => {
    await bench.render(cards.get('help'), width, path.join(SHOTS, `help-${width}.png`));
    const { text, listItems, bold } = await bench.shown();
    expect(listItems).toHaveLength(GRAMMAR.length);
    for (const row of GRAMMAR) expect(listItems.filter((item) => item === `${showPlaceholders(row.usage)}: ${row.summary}`)).toHaveLength(1);
    expect(bold).toEqual(expect.arrayContaining(GRAMMAR.map((row) => showPlaceholders(row.usage))));
    expect(text).not.toMatch(/\*\*|^- /m);
  });
});
