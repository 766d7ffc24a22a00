/** The Graph emulator: the documented SDS and provisioning-job API over HTTPS, with a demo tenant and a control API. */
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { PermissionProfile } from './auth';
import { batchRoutes } from './batch';
import type { EmulatorContext } from './context';
import { buildDemoTenant } from './demoTenant';
import { FaultBook } from './faults';
import { industryDataRoutes } from './industryData';
import { jobRoutes } from './jobs';
import { provisioningLogRoutes } from './provisioningLogs';
import { provisionOnDemandRoutes } from './provisionOnDemand';
import { RequestLog } from './requestLog';
import type { Route } from './routing';
import { sdsRoutes } from './sds';
import { createEmulatorServer } from './server';
import { servicePrincipalRoutes } from './servicePrincipals';
import { makeCertificate } from './tls';

export type { PermissionProfile } from './auth';
export { DEMO, DIRECTORY_ROLES, LOG_READER_ROLES, SDS_DEMO } from './demoTenant';
export { mintDemoAppToken, mintDemoUserToken, type GraphTokenClaims } from './tokens';
export type { LoggedRequest, TokenKind } from './requestLog';

export interface EmulatorOptions {
  host?: string;
  port?: number;
  permissions?: PermissionProfile;
  now?: () => Date;
  /** SDS Classic answers as retired from the start (GRAPH_EMULATOR_SDS_CLASSIC=retired); reset keeps it. */
  sdsRetired?: boolean;
}

export interface RunningEmulator {
  origin: string;
  baseUrl: string;
  caCert: string;
  close(): Promise<void>;
}

const ROUTES: Route[] = [...sdsRoutes, ...industryDataRoutes, ...servicePrincipalRoutes, ...jobRoutes, ...provisionOnDemandRoutes, ...provisioningLogRoutes, ...batchRoutes];

/** The host part of the origin: a wildcard bind is reached on the loopback address the certificate names. */
function originHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date());
  const sdsRetired = options.sdsRetired ?? false;
  const certificate = await makeCertificate();
  const closing = new AbortController();
  // Every delayed or hanging request listens for close; there may be many at once.
  setMaxListeners(0, closing.signal);
  const buildTenant = (at: Date) => buildDemoTenant(at, sdsRetired);
  const ctx: EmulatorContext = {
    origin: '',
    permissions: options.permissions ?? 'current',
    now,
    tenant: buildTenant(now()),
    buildTenant,
    log: new RequestLog(),
    faults: new FaultBook(),
    closing: closing.signal,
  };
  const server = createEmulatorServer(ctx, ROUTES, certificate);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  ctx.origin = `https://${originHost(host)}:${(server.address() as AddressInfo).port}`;
  return {
    origin: ctx.origin,
    baseUrl: `${ctx.origin}/beta`,
    caCert: certificate.cert,
    close: async () => {
      closing.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
