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

/** A demo token lives an hour; each is reused for 50 minutes, as @azure/identity and MSAL reuse real ones. */
const DEMO_TOKEN_REUSE_MS = 50 * 60_000;
/** People whose delegated demo tokens are kept; past this the oldest is dropped (a demo has a handful). */
const DEMO_USERS_KEPT = 100;

/**
 * The emulator reads claims without checking signatures, so a delegated token can name the person who typed
 * the command, and the emulator's request log shows who acted. Tokens are signed once per caller and reused,
 * as a real token source caches them (app tokens by @azure/identity, on-behalf-of tokens by MSAL per user),
 * instead of for every call: signing was 1% of a `profiles` answer and 0.6% of a Confirm click.
 */
export function demoTokenSource(mint: Pick<typeof import('./emulator'), 'mintDemoAppToken' | 'mintDemoUserToken'>): TokenSource {
  const kept = new Map<string, { token: string; renewAt: number }>();
  const reuse = (key: string, sign: () => string): string => {
    const known = kept.get(key);
    if (known && Date.now() < known.renewAt) return known.token;
    kept.delete(key);
    if (kept.size >= DEMO_USERS_KEPT) kept.delete(kept.keys().next().value!);
    const token = sign();
    kept.set(key, { token, renewAt: Date.now() + DEMO_TOKEN_REUSE_MS });
    return token;
  };
  return {
    async getAccessToken(caller) {
      if (caller.kind === 'app') return reuse('app', () => mint.mintDemoAppToken());
      const { actor } = caller;
      const claims = {
        ...(actor.aadObjectId ? { oid: actor.aadObjectId } : {}),
        ...(actor.tenantId ? { tid: actor.tenantId } : {}),
        name: actor.name,
      };
      return reuse(`user ${JSON.stringify(claims)}`, () => mint.mintDemoUserToken(claims));
    },
  };
}
