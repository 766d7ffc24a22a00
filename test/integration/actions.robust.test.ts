import { DEMO } from '../../bot/emulator/demoIds';
import { actionsOf, invokeCard, onlyCard, textsOf, titleOf } from '../support/cards';
import { emulatorRequests, injectFault } from '../support/emulatorControl';
import { useTestBot } from '../support/testBot';

const bot = useTestBot();

async function confirmPause(): Promise<ReturnType<typeof invokeCard>> {
  const confirm = actionsOf(onlyCard(await bot.say('pause profile Contoso High School CSV'))).find((a) => a.title === 'Confirm')!;
  return invokeCard((await bot.click(confirm.verb, confirm.data)).body);
}

describe('after Graph accepted a change', () => {
  it('still reports success when reading the new state back fails, and audits it as succeeded', async () => {
    // The proposal has read the status already; from here on every status read fails.
    const confirm = actionsOf(onlyCard(await bot.say('pause profile Contoso High School CSV'))).find((a) => a.title === 'Confirm')!;
    await injectFault(bot, { method: 'GET', path: '/profileStatus$', status: 500, count: 5 });
    const card = invokeCard((await bot.click(confirm.verb, confirm.data)).body);
    expect(titleOf(card)).toMatch(/^Paused by Ada Lovelace at /);
    expect(textsOf(card).some((t) => t.startsWith('State now:'))).toBe(false);
    expect(textsOf(onlyCard(await bot.say('audit 1'))).join(' ')).toMatch(/succeeded · pauseProfile/);
  });

  it('reports "outcome unknown", not "failed", for a 502 on the change itself, with one POST only', async () => {
    await injectFault(bot, { method: 'POST', path: '/pause$', status: 502, count: 1 });
    const card = await confirmPause();
    expect(titleOf(card)).toBe('Outcome unknown');
    expect((await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path.endsWith('/pause'))).toHaveLength(1);
  });
});

describe('choosing among apps for a restart', () => {
  it('keeps the reset scope on every choice button', async () => {
    const card = onlyCard(await bot.say(`restart job ${DEMO.jobs.workday.jobId} for Work scope Escrows, Watermark`));
    expect(titleOf(card)).toBe('Which app do you mean?');
    const commands = actionsOf(card).map((a) => (a.data as { cmd: string }).cmd);
    expect(commands.length).toBeGreaterThan(1);
    for (const command of commands) expect(command).toMatch(/ scope Watermark, Escrows$/);
  });
});
