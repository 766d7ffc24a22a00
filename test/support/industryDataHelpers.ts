/** Helpers for the new SDS (Industry Data) conversation tests: emulator state, Graph calls of the new SDS, a direct start. */
import { Agent, fetch as undiciFetch } from 'undici';
import { mintDemoUserToken } from '../../bot/emulator';
import { emulatorRequests, type LoggedRequest } from './emulatorControl';
import { patchState } from './sdsHelpers';
import type { TestBot } from './testBot';

export const INDUSTRY_DATA_PATH = '/beta/external/industryData';

/** Short follow intervals and bounds, so a test sees a run or a validation end in well under a second. */
export const FAST_FOLLOWING = { validation: { intervalMs: 40, maxMs: 2_000 }, runs: { intervalMs: 40, maxMs: 2_000 } };

/** PATCH /_emulator/state { industryData } (shape in bot/emulator/industryDataControl.ts). */
export function patchIndustryData(bot: TestBot, patch: unknown): Promise<unknown> {
  return patchState(bot, { industryData: patch });
}

/** The new SDS as GET /_emulator/state shows it. */
export async function industryDataState(bot: TestBot): Promise<{ runs: { id: string; status: string; onDemand: boolean }[]; resets: { setId: string; flowId: string }[]; operations: { id: string }[] }> {
  const response = await undiciFetch(`${bot.emulatorControl}/state`, { dispatcher: new Agent({ connect: { ca: bot.emulatorCa } }) });
  return ((await response.json()) as { industryData: never }).industryData;
}

/** The bot's calls to the new SDS (and the $batch requests that carry them), in order, as `METHOD path`. */
export async function sdsCalls(bot: TestBot): Promise<string[]> {
  return (await emulatorRequests(bot))
    .filter((r) => r.path.startsWith(INDUSTRY_DATA_PATH) || r.path === '/beta/$batch')
    .map((r) => `${r.method} ${r.path.replace(INDUSTRY_DATA_PATH, '')}`);
}

/** The POSTs that start a run. */
export async function runStarts(bot: TestBot): Promise<LoggedRequest[]> {
  return (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path === `${INDUSTRY_DATA_PATH}/runs/start`);
}

/** Starts a run at the emulator directly (as the portal or another admin would), answering its status. */
export async function startRunElsewhere(bot: TestBot): Promise<number> {
  const response = await undiciFetch(`${bot.emulatorControl.replace(/\/_emulator$/, '')}${INDUSTRY_DATA_PATH}/runs/start`, {
    method: 'POST', headers: { authorization: `Bearer ${mintDemoUserToken()}` }, dispatcher: new Agent({ connect: { ca: bot.emulatorCa } }),
  });
  await response.text();
  return response.status;
}
