import { DEMO } from '../../bot/emulator';
import { onlyCard, titleOf } from '../support/cards';
import { injectFault } from '../support/emulatorControl';
import { freshConversation } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const bot = useTestBot();

describe.each(['personal', 'channel'] as const)('the typing indicator, in a %s conversation', (scope) => {
  it('shows while a slow Graph read keeps the answer waiting', async () => {
    await injectFault(bot, { method: 'GET', path: `/synchronizationProfiles/${DEMO.profiles.contosoHighCsv}$`, delayMs: 2000, count: 1 });
    const card = onlyCard(await bot.say(`profile ${DEMO.profiles.contosoHighCsv}`, freshConversation(scope)));
    expect(titleOf(card)).toMatch(/^Contoso High School CSV: /);
    const typing = bot.typingFor(bot.lastMessageId!);
    expect(typing.length).toBeGreaterThanOrEqual(1);
    expect(typing[0]!.body).toMatchObject({ type: 'typing' });
  });

  it('does not show for a quick answer', async () => {
    onlyCard(await bot.say('help', freshConversation(scope)));
    expect(bot.typingFor(bot.lastMessageId!)).toEqual([]);
  });
});
