import { writeFile } from 'node:fs/promises';
import type { Config } from './config';
import type { RunningEmulator } from './emulator';
import type { TokenSource } from './graph/tokens';

/** The built-in Graph emulator with its sample data, and the tokens it accepts: what `npm start` runs with nothing configured. */
export interface DemoTenant {
  emulator: RunningEmulator;
  tokens: TokenSource;
}

/**
 * The emulator (and its certificate maker) loads only in demo mode: a tenant deployment never pays for it, and
 * the gateway receives the demo tokens from here instead of importing the emulator.
 */
export async function startDemoTenant(config: Config): Promise<DemoTenant> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  const { startEmulator, mintDemoAppToken, mintDemoUserToken } = require('./emulator') as typeof import('./emulator');
  const emulator = await startEmulator({ permissions: config.emulator.permissions, sdsRetired: config.emulator.sdsClassic === 'retired' });
  // Outside tools reach the control API over TLS; GRAPH_EMULATOR_CA_FILE hands them the certificate.
  if (config.emulator.caFile) await writeFile(config.emulator.caFile, emulator.caCert, 'utf8');
  return { emulator, tokens: demoTokenSource({ mintDemoAppToken, mintDemoUserToken }) };
}

/** The demo app token lives an hour; it is reused for 50 minutes, as @azure/identity reuses a real one. */
const DEMO_APP_TOKEN_REUSE_MS = 50 * 60_000;

/**
 * The emulator reads claims without checking signatures, so a delegated token can name the person who typed
 * the command, and the emulator's request log shows who acted. The app token is signed once and reused
 * instead of for every call (a token per call was 1% of a `profiles` answer).
 */
export function demoTokenSource(mint: Pick<typeof import('./emulator'), 'mintDemoAppToken' | 'mintDemoUserToken'>): TokenSource {
  let app: { token: string; renewAt: number } | undefined;
  return {
    async getAccessToken(caller) {
      if (caller.kind === 'app') {
        if (!app || Date.now() >= app.renewAt) app = { token: mint.mintDemoAppToken(), renewAt: Date.now() + DEMO_APP_TOKEN_REUSE_MS };
        return app.token;
      }
      const { actor } = caller;
      return mint.mintDemoUserToken({
        ...(actor.aadObjectId ? { oid: actor.aadObjectId } : {}),
        ...(actor.tenantId ? { tid: actor.tenantId } : {}),
        name: actor.name,
      });
    },
  };
}
