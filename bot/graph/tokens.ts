import {
  ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential,
} from '@azure/identity';
import type { Actor, Caller } from '../actor';
import type { GraphAuth } from '../config';

/** The scope of every Graph token SyncOps asks for: the permissions granted to the app (or admin). */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Hands out the bearer token for one Graph call. */
export interface TokenSource {
  getAccessToken(caller: Caller): Promise<string>;
}

/** One admin's own Graph token (Teams SSO + on-behalf-of, bot/identity/). */
export interface UserTokens {
  getToken(actor: Actor): Promise<string>;
}

export interface TokenSourceParts {
  /** Teams SSO configured: calls made for a person use that admin's own token. */
  delegated?: UserTokens;
  /** The demo tenant's tokens, handed in by the composition root so the gateway never loads the emulator. */
  demo?: TokenSource;
}

/**
 * Builds the token source the configuration asks for. With `delegated` (Teams SSO configured), calls made
 * for a person use that admin's own on-behalf-of token, so Graph applies their roles and logs their name.
 */
export function createTokenSource(auth: GraphAuth, parts: TokenSourceParts = {}): TokenSource {
  const app = appTokenSource(auth, parts.demo);
  const { delegated } = parts;
  if (!delegated) return app;
  return { getAccessToken: (caller) => (caller.kind === 'user' ? delegated.getToken(caller.actor) : app.getAccessToken(caller)) };
}

function appTokenSource(auth: GraphAuth, demo: TokenSource | undefined): TokenSource {
  switch (auth.kind) {
    case 'demo':
      if (!demo) throw new Error('The demo tenant needs its token source');
      return demo;
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
