import { onlyCard, titleOf } from '../support/cards';
import { injectFault } from '../support/emulatorControl';
import { TestBot } from '../support/testBot';

describe('shutting down (what SIGTERM does)', () => {
  it('lets an in-flight request finish, then stops taking new ones', async () => {
    const bot = await new TestBot().start();
    const url = bot.url;
    await injectFault(bot, { method: 'GET', path: 'synchronizationProfiles$', delayMs: 1000, count: 1 });
    const inFlight = bot.say('profiles');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = bot.stop();
    expect(titleOf(onlyCard(await inFlight))).toMatch(/^School Data Sync profiles/);
    await stopped;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(bot.logs.entries().map((e) => e.event)).toContain('stopped');
  });
});
