import { Agent, fetch } from 'undici';
import type { LoggedRequest } from '../../../bot/emulator';

/** Every Graph call the bot has made, from the request log of its in-process emulator. */
export async function graphCalls(graphBaseUrl: string): Promise<LoggedRequest[]> {
  // The emulator's certificate is made at start inside the bot process, out of this test's reach; the call stays on loopback.
  const agent = new Agent({ connect: { rejectUnauthorized: false } });
  try {
    const response = await fetch(new URL('/_emulator/requests', graphBaseUrl), { dispatcher: agent });
    if (!response.ok) throw new Error(`GET /_emulator/requests answered ${response.status}`);
    return ((await response.json()) as { value: LoggedRequest[] }).value;
  } finally {
    await agent.close();
  }
}
