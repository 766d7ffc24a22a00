/**
 * A Graph emulator whose tenant holds thousands of profiles and apps, for the poll-cycle scenario. The
 * demo tenant of `startEmulator` is fixed at 11 profiles and 9 apps, so this one is put together from the
 * emulator's own parts, with copies of one demo profile and one demo app.
 */
import type { AddressInfo } from 'node:net';
import { batchRoutes } from '../../bot/emulator/batch';
import type { EmulatorContext } from '../../bot/emulator/context';
import { buildDemoApps } from '../../bot/emulator/demoApps';
import { buildDemoProfiles } from '../../bot/emulator/demoProfiles';
import { FaultBook } from '../../bot/emulator/faults';
import { jobRoutes } from '../../bot/emulator/jobs';
import { RequestLog } from '../../bot/emulator/requestLog';
import { sdsRoutes } from '../../bot/emulator/sds';
import { createEmulatorServer } from '../../bot/emulator/server';
import { servicePrincipalRoutes } from '../../bot/emulator/servicePrincipals';
import { createTenantState, type AppRecord, type ProfileRecord, type TenantState } from '../../bot/emulator/state';
import { makeCertificate } from '../../bot/emulator/tls';

export interface TenantSize {
  profiles: number;
  /** Enterprise apps with one provisioning job each: a watched job costs one batched read of its app. */
  apps: number;
}

export interface GrownEmulator {
  origin: string;
  baseUrl: string;
  caCert: string;
  /** Read in place: no need to ship 10,000s of entries through the control API. */
  log: RequestLog;
  close(): Promise<void>;
}

/** GUID-shaped and deterministic, so the process that polls names the same objects as the one that serves them. */
export function benchProfileId(index: number): string {
  return `b0000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

export function benchAppId(index: number): string {
  return `a0000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

export async function startGrownEmulator(size: TenantSize): Promise<GrownEmulator> {
  const certificate = await makeCertificate();
  const closing = new AbortController();
  const buildTenant = (now: Date) => grownTenant(now, size);
  const now = () => new Date();
  const ctx: EmulatorContext = {
    origin: '', permissions: 'current', now, tenant: buildTenant(now()), buildTenant,
    // A poll cycle is counted whole (12,600 calls), past the demo emulator's cap.
    log: new RequestLog(Number.POSITIVE_INFINITY), faults: new FaultBook(), closing: closing.signal,
  };
  const server = createEmulatorServer(ctx, [...sdsRoutes, ...servicePrincipalRoutes, ...jobRoutes, ...batchRoutes], certificate);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  ctx.origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin: ctx.origin, baseUrl: `${ctx.origin}/beta`, caCert: certificate.cert, log: ctx.log,
    close: async () => {
      closing.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function grownTenant(now: Date, size: TenantSize): TenantState {
  const profile = buildDemoProfiles(now)[0]!;
  const app = buildDemoApps(now)[0]!;
  const profiles = Array.from({ length: size.profiles }, (_, i): ProfileRecord => {
    const copy = structuredClone(profile);
    copy.profile.id = benchProfileId(i);
    copy.profile.displayName = `Bench School ${i}`;
    return copy;
  });
  const apps = Array.from({ length: size.apps }, (_, i): AppRecord => {
    const copy = structuredClone(app);
    copy.servicePrincipal.id = benchAppId(i);
    copy.servicePrincipal.appId = benchAppId(i).replace(/^a/, 'c');
    copy.servicePrincipal.displayName = `Bench App ${i}`;
    return copy;
  });
  return createTenantState(profiles, apps, false);
}
