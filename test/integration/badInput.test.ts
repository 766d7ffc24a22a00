import { message } from '../support/activities';
import { onlyCard, titleOf } from '../support/cards';
import { TestBot } from '../support/testBot';

const bot = new TestBot();
beforeAll(() => bot.start());
afterAll(() => bot.stop());

/** After every bad request, the server must still answer a good one. */
async function expectStillServing(): Promise<void> {
  expect(titleOf(onlyCard(await bot.say('help')))).toBe('What SyncOps can do');
}

function rejectionsLogged(): number {
  return bot.logs.entries().filter((e) => e.event === 'activity.rejected' || e.event === 'request.rejected').length;
}

describe('bad requests to /api/messages', () => {
  const valid = () => message(bot.connector.url, 'help');

  it.each([
    ['a body that is not JSON', () => '{"type": "message", ', 400],
    ['an empty body (the Playground\'s readiness probe)', () => '', 400],
    ['a JSON array', () => [1, 2], 400],
    ['an activity without conversation', () => ({ ...valid(), conversation: undefined }), 400],
    ['an activity without serviceUrl', () => ({ ...valid(), serviceUrl: undefined }), 400],
    ['an activity with a serviceUrl that is not http(s)', () => ({ ...valid(), serviceUrl: 'file:///etc/passwd' }), 400],
    ['an unknown activity type', () => ({ ...valid(), type: 'teleport' }), 400],
    ['a body over 256 KB', () => ({ ...valid(), text: 'x'.repeat(300 * 1024) }), 413],
  ])('answers %s with a 4xx, logs it once, and keeps serving', async (_case, body, status) => {
    const before = rejectionsLogged();
    const answer = await bot.post(body());
    expect(answer.status).toBe(status);
    expect(JSON.stringify(answer.body ?? '')).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    expect(rejectionsLogged()).toBe(before + 1);
    await expectStillServing();
  });

  it('answers an invoke with an unknown name as botbuilder documents (501), and keeps serving', async () => {
    const answer = await bot.post({ ...valid(), type: 'invoke', name: 'foo/bar', value: {} });
    expect(answer.status).toBe(501);
    await expectStillServing();
  });

  it('answers a card click without an action type with the documented invoke error', async () => {
    const answer = await bot.post({ ...valid(), type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb: 'run' } } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    await expectStillServing();
  });
});

describe('the readiness probe', () => {
  it('answers 200 once the bot is up', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is not a catch-all: an unknown path is a 404', async () => {
    expect((await fetch(`${bot.url}/nothing-here`)).status).toBe(404);
  });
});

describe('logs', () => {
  it('never contain a bearer token the bot was sent, and name the activity of each command', async () => {
    const secret = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2VuLXZhbHVl.c2lnbmF0dXJlLXNlY3JldA';
    const activity = message(bot.connector.url, 'profiles');
    const answer = await bot.post(activity, { authorization: `Bearer ${secret}` });
    expect(answer.status).toBe(200);
    expect(bot.logs.lines.join('\n')).not.toContain(secret);
    expect(bot.logs.entries()).toEqual(expect.arrayContaining([
      expect.objectContaining({ event: 'command', command: 'listProfiles', activityId: activity.id, outcome: 'info' }),
    ]));
  });
});
