import { AuthenticationConstants, AuthenticationError } from 'botframework-connector';

/**
 * Checks of the inbound Bearer token that need no signing keys. botbuilder fetches the Bot Framework
 * OpenID keys before it looks at the token's algorithm (jwtTokenExtractor: getKey, then verify, then
 * the `algorithms` check), so an unsigned `alg: none` token would cost a key fetch, and a 500 when the
 * keys are unreachable. The allowed algorithms are botbuilder's own list (RS256/RS384/RS512, teams-bot.md (f)).
 * Returns why the token is refused, or undefined to let botbuilder verify it.
 */
export function tokenRefusal(authorization: string): string | undefined {
  const match = /^Bearer\s+([^.\s]+)\.[^.\s]*\.[^.\s]*$/i.exec(authorization.trim());
  if (!match) return authorization ? 'the Authorization header is not a Bearer JWT' : undefined;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8'));
  } catch {
    return 'the token header is not JSON';
  }
  const alg = typeof header === 'object' && header !== null ? (header as { alg?: unknown }).alg : undefined;
  if (typeof alg !== 'string' || !AuthenticationConstants.AllowedSigningAlgorithms.includes(alg)) return `signing algorithm ${String(alg).slice(0, 20)} is not allowed`;
  return undefined;
}

/** Connection failures of node-fetch, which botbuilder uses to load the OpenID document and keys. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ETIMEDOUT']);

/**
 * True when the token could not be checked because the signing keys could not be loaded: botbuilder
 * reports a non-2xx key or metadata answer as an AuthenticationError with status 500, and a network
 * failure as node-fetch's FetchError. That is our outage, not the caller's fault: 503, not 401 or 500.
 */
export function isKeyFetchFailure(error: unknown): boolean {
  if (error instanceof AuthenticationError) return error.statusCode >= 500;
  const { name, code, errno } = (error ?? {}) as { name?: string; code?: string; errno?: string };
  return name === 'FetchError' || NETWORK_CODES.has(String(code ?? errno));
}
