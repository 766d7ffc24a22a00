/**
 * The Graph gateway wired as production wires it (GraphGateway → GraphRequester → https with the emulator's
 * CA), against one emulator, with the emulator's control API beside it for faults, state and the request log.
 */
import type { Actor, Caller } from '../../bot/actor';
import { DEMO, mintDemoAppToken, mintDemoUserToken, type EmulatorOptions, type GraphTokenClaims, type LoggedRequest } from '../../bot/emulator';
import { GraphRequester, type GraphClientOptions } from '../../bot/graph/requester';
import { GraphError } from '../../bot/graph/errors';
import { GraphGateway } from '../../bot/graph/gateway';
import { demoTokenSource } from '../../bot/demoTenant';
import type { TokenSource } from '../../bot/graph/tokens';
import { startEmulatorClient, type EmulatorClient, type Json } from './emulatorClient';

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_RETRY_DEADLINE_MS = 5_000;

/** The admin behind a command; her object id differs from the demo token's default so the log proves whose token went out. */
export const ADA: Actor = {
  aadObjectId: '4d1e6b0a-7c3f-4e2a-9b85-0f6c2d8a1e37',
  teamsId: '29:ada-lovelace',
  name: 'Ada Lovelace',
  tenantId: DEMO.tenantId,
};
export const ADA_CALLER: Caller = { kind: 'user', actor: ADA };
export const APP: Caller = { kind: 'app' };

/** Body of POST /_emulator/faults (bot/emulator/faults.ts). */
export interface FaultSpec {
  method?: string;
  path: string;
  status?: number;
  retryAfter?: number;
  delayMs?: number;
  hang?: boolean;
  count?: number;
  body?: unknown;
}

export interface GatewayHarness {
  emulator: EmulatorClient['emulator'];
  /** The production wiring with the demo token source. */
  gateway: GraphGateway;
  /** Another gateway on the same emulator with some options changed (timeout, deadline, tokens, CA, base URL). */
  gatewayWith(options: Partial<GraphClientOptions>): GraphGateway;
  requests(): Promise<LoggedRequest[]>;
  /** Graph calls only, in order, as `METHOD /beta/path`. */
  calls(): Promise<string[]>;
  fault(spec: FaultSpec): Promise<void>;
  state(): Promise<Json>;
  patchState(patch: unknown): Promise<Json>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startGatewayHarness(options: EmulatorOptions = {}): Promise<GatewayHarness> {
  const client = await startEmulatorClient(options);
  const requesters: GraphRequester[] = [];
  const gatewayWith = (overrides: Partial<GraphClientOptions>): GraphGateway => {
    const requester = new GraphRequester({
      baseUrl: client.emulator.baseUrl,
      tokens: demoTokenSource({ mintDemoAppToken, mintDemoUserToken }),
      timeoutMs: DEFAULT_TIMEOUT_MS,
      retryDeadlineMs: DEFAULT_RETRY_DEADLINE_MS,
      caCert: client.emulator.caCert,
      ...overrides,
    });
    requesters.push(requester);
    return new GraphGateway(requester);
  };
  const control = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const answer = await client.control(method, path, body);
    if (answer.status >= 300) throw new Error(`emulator control ${method} ${path} answered ${answer.status}: ${answer.text}`);
    return answer.body;
  };
  return {
    emulator: client.emulator,
    gateway: gatewayWith({}),
    gatewayWith,
    requests: () => client.requests(),
    calls: async () => (await client.requests()).map((request) => `${request.method} ${request.path}`),
    fault: async (spec) => { await control('POST', 'faults', spec); },
    state: () => control('GET', 'state'),
    patchState: (patch) => control('PATCH', 'state', patch),
    reset: () => client.reset(),
    close: async () => {
      await Promise.all(requesters.map((requester) => requester.close()));
      await client.close();
    },
  };
}

/** A token source that hands out exactly these tokens, to test what the emulator grants. */
export function fixedTokens(tokens: { app?: string; user?: string }): TokenSource {
  return {
    getAccessToken: async (caller) => (caller.kind === 'app' ? tokens.app : tokens.user) ?? '',
  };
}

/** The demo admin's delegated token with some claims changed (`undefined` removes one). */
export function userToken(claims: Partial<GraphTokenClaims> = {}): string {
  return mintDemoUserToken(claims);
}

/** The bot's app-only token with some claims changed (`undefined` removes one). */
export function appToken(claims: Partial<GraphTokenClaims> = {}): string {
  return mintDemoAppToken(claims);
}

/** The GraphError a call failed with; fails the test if it succeeded or threw something else. */
export async function graphFailure(call: Promise<unknown>): Promise<GraphError> {
  let outcome: unknown;
  try {
    outcome = await call;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw new Error(`expected a GraphError, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected a GraphError, but the call succeeded with ${JSON.stringify(outcome)}`);
}

/** A Graph request-id: a GUID. */
export const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A regular expression matching exactly this text (for fault paths). */
export function exactly(path: string): string {
  return `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

export const PROFILES_PATH = '/beta/education/synchronizationProfiles';

export function profilePath(id: string, action?: string): string {
  return `${PROFILES_PATH}/${id}${action ? `/${action}` : ''}`;
}

export function jobsPath(servicePrincipalId: string): string {
  return `/beta/servicePrincipals/${servicePrincipalId}/synchronization/jobs`;
}

export function jobPath(job: { servicePrincipalId: string; jobId: string }, action?: string): string {
  return `${jobsPath(job.servicePrincipalId)}/${job.jobId}${action ? `/${action}` : ''}`;
}
