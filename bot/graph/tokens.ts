import {
  ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential,
} from '@azure/identity';
import type { Actor, Caller } from '../actor';
import type { GraphAuth } from '../config';
import { mintDemoAppToken, mintDemoUserToken } from '../emulator/tokens';
import type { DelegatedTokens } from '../identity/delegated';

/** The scope of every Graph token SyncOps asks for: the permissions granted to the app (or admin). */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Hands out the bearer token for one Graph call. */
export interface TokenSource {
  getAccessToken(caller: Caller): Promise<string>;
}

/**
 * Builds the token source the configuration asks for. With `delegated` (Teams SSO configured), calls made
 * for a person use that admin's own on-behalf-of token, so Graph applies their roles and logs their name.
 */
export function createTokenSource(auth: GraphAuth, delegated?: DelegatedTokens): TokenSource {
  const app = appTokenSource(auth);
  if (!delegated) return app;
  return { getAccessToken: (caller) => (caller.kind === 'user' ? delegated.getToken(caller.actor) : app.getAccessToken(caller)) };
}

function appTokenSource(auth: GraphAuth): TokenSource {
  switch (auth.kind) {
    case 'demo':
      return demoTokens();
    case 'token':
      return { getAccessToken: async () => auth.accessToken };
    case 'clientSecret':
      return credentialTokens(new ClientSecretCredential(auth.tenantId, auth.clientId, auth.clientSecret));
    case 'clientCertificate':
      return credentialTokens(new ClientCertificateCredential(auth.tenantId, auth.clientId, auth.certificatePath));
    case 'managedIdentity':
      return credentialTokens(new ManagedIdentityCredential(auth.clientId ? { clientId: auth.clientId } : {}));
  }
}

/** The demo app token lives an hour; it is reused for 50 minutes, as @azure/identity reuses a real one. */
const DEMO_APP_TOKEN_REUSE_MS = 50 * 60_000;

/**
 * Demo tenant: the emulator reads claims without checking signatures, so a delegated token can name the
 * person who typed the command, and the emulator's request log shows who acted. The app token is signed
 * once and reused instead of for every call (a token per call was 1% of a `profiles` answer).
 */
function demoTokens(): TokenSource {
  let app: { token: string; renewAt: number } | undefined;
  return {
    async getAccessToken(caller) {
      if (caller.kind === 'app') {
        if (!app || Date.now() >= app.renewAt) app = { token: mintDemoAppToken(), renewAt: Date.now() + DEMO_APP_TOKEN_REUSE_MS };
        return app.token;
      }
      return demoUserToken(caller.actor);
    },
  };
}

function demoUserToken(actor: Actor): string {
  return mintDemoUserToken({
    ...(actor.aadObjectId ? { oid: actor.aadObjectId } : {}),
    ...(actor.tenantId ? { tid: actor.tenantId } : {}),
    name: actor.name,
  });
}

/**
 * App credentials: every call uses the app token until a signed-in admin's token can be had (Teams SSO +
 * on-behalf-of); @azure/identity caches the token until shortly before it expires.
 */
function credentialTokens(credential: TokenCredential): TokenSource {
  return {
    async getAccessToken() {
      const token = await credential.getToken(GRAPH_SCOPE);
      if (!token) throw new Error('The Azure credential returned no Graph token');
      return token.token;
    },
  };
}
