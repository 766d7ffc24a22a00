import { DEMO } from '../../bot/emulator';
import { onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests, injectFault } from '../support/emulatorControl';
import { confirmWithInputs, emulatedJob, J, jobPath, jobPosts } from '../support/jobHelpers';
import {
  auditOf, cardText, clickCard, factOf, freshConversation, graphErrorBody, injectGraphFault, mutationsAt, propose, UUID,
} from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const SP = DEMO.servicePrincipals;
// Short enough that a held request times out quickly, long enough for every local read.
const bot = useTestBot({ GRAPH_TIMEOUT_MS: '800' });

const WORKDAY = `${J.workday.jobId} for ${SP.workday}`;
const RESTART_PATH = `${J.workday.jobId}/restart$`;
/** What sync endpoints answer a valid token that lacks the permission or the admin role (reference §1 row 16). */
const MISSING_PERMISSION = { status: 401, body: graphErrorBody('UnknownError', '') };

async function confirmRestart(where = freshConversation('channel')) {
  const proposal = await propose(bot, `restart job ${WORKDAY}`, where);
  return clickCard(bot, confirmWithInputs(proposal), where);
}

const restarts = () => jobPosts(bot, J.workday, 'restart');

describe('a missing permission or role (401 UnknownError)', () => {
  it('is named in words, with the request-id, when reading a job', async () => {
    await injectGraphFault(bot, { method: 'GET', path: `${J.workday.jobId}$`, count: 1, ...MISSING_PERMISSION });
    const card = onlyCard(await bot.say(`job ${WORKDAY}`, freshConversation('personal')));
    expect(titleOf(card)).toBe('Microsoft Graph refused: missing permission or role');
    expect(cardText(card)).toContain('lacks the permission or directory role');
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
  });

  it('is not mistaken for a bad sign-in: a 401 InvalidAuthenticationToken says the sign-in was refused', async () => {
    await injectFault(bot, { method: 'GET', path: `${J.workday.jobId}$`, status: 401, count: 1 });
    const card = onlyCard(await bot.say(`job ${WORKDAY}`, freshConversation('personal')));
    expect(titleOf(card)).toBe('Microsoft Graph did not accept the bot\'s sign-in');
  });

  it('is named in words, with the request-id, when the restart itself is refused', async () => {
    await injectGraphFault(bot, { method: 'POST', path: RESTART_PATH, count: 1, ...MISSING_PERMISSION });
    const card = await confirmRestart();
    expect(cardText(card)).toMatch(/missing permission or role/i);
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect((await restarts()).map((r) => r.status)).toEqual([401]);
  });
});

describe('not found', () => {
  it('says which job is not in the app, and proposes nothing', async () => {
    const card = onlyCard(await bot.say(`restart job Workday.ffffffffffffffffffffffffffffffff for ${SP.workday}`, freshConversation('channel')));
    expect(titleOf(card)).toBe('No job named "Workday.ffffffffffffffffffffffffffffffff in Workday to AD User Provisioning"');
    expect(await mutationsAt(bot)).toEqual([]);
  });

  it('says the app does not exist, and proposes nothing', async () => {
    const card = onlyCard(await bot.say(`pause job ${J.workday.jobId} for 0e0e0e0e-0000-4000-8000-000000000000`, freshConversation('channel')));
    expect(titleOf(card)).toBe('No app named "0e0e0e0e-0000-4000-8000-000000000000"');
    expect(await mutationsAt(bot)).toEqual([]);
  });
});

describe('throttling (429)', () => {
  it('retries a throttled restart and then reports it done, with one restart run', async () => {
    await injectFault(bot, { method: 'POST', path: RESTART_PATH, status: 429, retryAfter: 0, count: 1 });
    const card = await confirmRestart();
    expect(titleOf(card)).toMatch(/^Restarted by Ada Lovelace at \{\{TIME\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\}\}$/);
    expect((await restarts()).map((r) => r.status)).toEqual([429, 204]);
    expect((await emulatedJob(bot, J.workday)).lastRestart).not.toBeNull();
  });

  it('says Graph is busy and when to try again when a read stays throttled', async () => {
    await injectFault(bot, { method: 'GET', path: `${J.workday.jobId}$`, status: 429, retryAfter: 120, count: 10 });
    const card = onlyCard(await bot.say(`job ${WORKDAY}`, freshConversation('personal')));
    expect(titleOf(card)).toBe('Microsoft Graph is busy');
    expect(cardText(card)).toContain('Try again in 120 s.');
    // Retry-After is beyond the retry deadline, so the bot does not wait for it.
    expect((await emulatorRequests(bot)).filter((r) => r.path === jobPath(J.workday))).toHaveLength(1);
  });

  it('says Graph is busy and when to try again when the restart stays throttled', async () => {
    await injectFault(bot, { method: 'POST', path: RESTART_PATH, status: 429, retryAfter: 120, count: 10 });
    const card = await confirmRestart();
    expect((await restarts()).map((r) => r.status)).toEqual([429]);
    expect(cardText(card)).toMatch(/busy/i);
    expect(cardText(card)).toMatch(/try again in 120 s/i);
  });
});

describe('throttling while looking for a job in the apps this conversation used', () => {
  const usedAppJobs = `${SP.contosoCloudSync}/synchronization/jobs$`;

  it('retries the throttled read and shows the job', async () => {
    const where = freshConversation('personal');
    await bot.say('jobs Contoso Cloud Sync', where);
    await injectFault(bot, { method: 'GET', path: usedAppJobs, status: 429, retryAfter: 0, count: 1 });
    const card = onlyCard(await bot.say(`job ${J.cloudSyncFabrikam.jobId}`, where));
    expect(titleOf(card)).toBe('Contoso Cloud Sync: Quarantine (TooManyDeletes)');
  });

  it('says Graph is busy rather than that no app it used runs the job, even when another app\'s read worked', async () => {
    const where = freshConversation('personal');
    await bot.say(`jobs ${SP.workday}`, where);
    await bot.say('jobs Contoso Cloud Sync', where);
    await injectFault(bot, { method: 'GET', path: usedAppJobs, status: 429, retryAfter: 120, count: 10 });
    const card = onlyCard(await bot.say(`job ${J.cloudSyncFabrikam.jobId}`, where));
    expect(titleOf(card)).not.toBe(`Which app runs job ${J.cloudSyncFabrikam.jobId}?`);
    expect(cardText(card)).toMatch(/busy/i);
  });
});

describe('server errors (5xx)', () => {
  it('report a failed restart with Graph\'s answer and request-id, without retrying a 500', async () => {
    await injectFault(bot, { method: 'POST', path: RESTART_PATH, status: 500, count: 5 });
    const card = await confirmRestart();
    expect(titleOf(card)).toBe('Restart failed');
    expect(factOf(card, 'Graph answer')).toBe('500 generalException: An unexpected error occurred.');
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect(await restarts()).toHaveLength(1);
  });

  it('say Graph is unavailable when a read keeps failing with 503', async () => {
    await injectFault(bot, { method: 'GET', path: `${J.workday.jobId}$`, status: 503, retryAfter: 0, count: 10 });
    const card = onlyCard(await bot.say(`job ${WORKDAY}`, freshConversation('personal')));
    expect(titleOf(card)).toBe('Microsoft Graph is unavailable right now');
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
  });
});

describe('a restart whose answer never comes', () => {
  it('says the outcome is unknown, shows the status read back, and posts the restart once', async () => {
    await injectFault(bot, { method: 'POST', path: RESTART_PATH, hang: true, count: 5 });
    const where = freshConversation('channel');
    const card = await confirmRestart(where);
    expect(titleOf(card)).toBe('Outcome unknown');
    expect(textsOf(card)).toContain('⚠ The request reached Microsoft Graph but no answer came back: it may or may not have run. Check the state before trying again.');
    expect(factOf(card, 'State now')).toBe('Active');
    expect(await restarts()).toHaveLength(1);
    expect((await auditOf(bot, where)).entries[0]).toMatch(/^outcomeUnknown · restartJob · /);
  });

  it('treats a 504 on the restart as outcome unknown, not as a failure to retry', async () => {
    await injectFault(bot, { method: 'POST', path: RESTART_PATH, status: 504, count: 5 });
    const card = await confirmRestart();
    expect(titleOf(card)).toBe('Outcome unknown');
    expect(factOf(card, 'Graph request-id')).toMatch(UUID);
    expect(await restarts()).toHaveLength(1);
  });
});
