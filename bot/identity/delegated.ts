import { OnBehalfOfCredential, type AccessToken, type TokenCredential } from '@azure/identity';
import type { Actor } from '../actor';
import { GRAPH_SCOPE } from '../graph/tokens';
import { SyncOpsError } from '../errors';

/** Tokens are refreshed this long before they expire, so a call never starts with a dying token. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/** Makes the on-behalf-of credential for one user's SSO token; tests inject a fake at this boundary. */
export type OboCredentialFactory = (ssoToken: string, actor: Actor) => TokenCredential;

/** The admin must sign in (Teams SSO) before SyncOps can act as them. */
export class SignInRequiredError extends SyncOpsError {
  constructor() {
    super('signInRequired', 'Sign in so that SyncOps can act as you: changes run with your own Microsoft Graph rights.');
  }
}

/** The real on-behalf-of exchange: the bot's app registration trades the user's SSO token for a Graph token. */
export function onBehalfOfFactory(bot: { appId: string; appPassword: string; appTenantId: string }): OboCredentialFactory {
  return (ssoToken, actor) => new OnBehalfOfCredential({
    tenantId: bot.appTenantId || actor.tenantId || 'organizations',
    clientId: bot.appId,
    clientSecret: bot.appPassword,
    userAssertionToken: ssoToken,
  });
}

/**
 * Delegated Graph tokens per admin (Entra object id), from Teams SSO + on-behalf-of, kept in memory
 * until shortly before they expire. Memory, not the store: a token is a secret and cheap to get again
 * (the next click carries a fresh SSO token).
 */
export class DelegatedTokens {
  private readonly cache = new Map<string, AccessToken>();

  constructor(
    private readonly createCredential: OboCredentialFactory,
    private readonly now: () => number = Date.now,
  ) {}

  /** Exchanges the SSO token Teams gave for this admin; rejects when Entra refuses (consent, wrong audience). */
  async exchange(actor: Actor, ssoToken: string): Promise<void> {
    const key = keyOf(actor);
    const token = await this.createCredential(ssoToken, actor).getToken(GRAPH_SCOPE);
    if (!token) throw new Error('on-behalf-of returned no token');
    // The audit names the clicking admin, so Graph must see that same person.
    const subject = claimsOf(token.token).oid;
    if (subject && subject !== actor.aadObjectId) throw new Error('the exchanged token belongs to another user');
    this.cache.set(key, token);
  }

  /** Whether a usable token is cached, so a click can ask for sign-in before it consumes the action. */
  has(actor: Actor): boolean {
    return this.valid(actor) !== undefined;
  }

  async getToken(actor: Actor): Promise<string> {
    const token = this.valid(actor);
    if (!token) throw new SignInRequiredError();
    return token.token;
  }

  private valid(actor: Actor): AccessToken | undefined {
    if (!actor.aadObjectId) return undefined;
    const token = this.cache.get(keyOf(actor));
    return token && token.expiresOnTimestamp - EXPIRY_MARGIN_MS > this.now() ? token : undefined;
  }
}

/** The payload of a JWT, without checking it (Entra did, at the exchange); {} when it is not one. */
function claimsOf(token: string): { oid?: string } {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { oid?: string };
  } catch {
    return {}; // an opaque token: nothing to compare
  }
}

function keyOf(actor: Actor): string {
  if (!actor.aadObjectId) throw new SignInRequiredError();
  return `${actor.tenantId ?? ''}/${actor.aadObjectId}`;
}
