import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationConstants, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { CallerIdConstants } from 'botframework-schema';
import jwt from 'jsonwebtoken';

export const CHANNEL_ISSUER = AuthenticationConstants.ToBotFromChannelTokenIssuer;
export const OUTBOUND_TOKEN = 'Bearer test-outbound-token';
export const SIGN_IN_LINK = 'https://token.botframework.test/signin?code=abc';

/**
 * A local stand-in for login.botframework.com: an OpenID document and a JWKS with one RSA key endorsed
 * for msteams, and a signer for channel tokens. Each issuer gets a unique metadata URL because
 * botbuilder caches keys per URL for the whole process.
 */
export class TokenIssuer {
  private readonly keyId = `test-${randomUUID()}`;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** A second key that is not published: tokens signed with it are forged. */
  private readonly forgeryKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  private server?: Server;
  private readonly magicCodes = new Map<string, string>();

  constructor() {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 }));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      res.setHeader('content-type', 'application/json');
      if (path === '/openid') res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.origin}/keys` }));
      else if (path === '/api/botsignin/GetSignInResource') res.end(JSON.stringify({ signInLink: SIGN_IN_LINK }));
      else if (path === '/api/usertoken/GetToken') this.answerToken(new URL(req.url ?? '', this.origin).searchParams, res);
      else if (path === '/keys') res.end(JSON.stringify({ keys: [{ ...this.publicKey.export({ format: 'jwk' }), kid: this.keyId, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The Bot Framework token service's answer to a magic code from the fallback sign-in. */
  private answerToken(query: URLSearchParams, res: ServerResponse): void {
    const token = this.magicCodes.get(query.get('code') ?? '');
    if (!token) {
      res.writeHead(404);
      res.end('{}');
      return;
    }
    res.end(JSON.stringify({ channelId: query.get('channelId'), connectionName: query.get('connectionName'), token, expiration: new Date(Date.now() + 3600_000).toISOString() }));
  }

  /** Makes the token service hand out `token` for this magic code (what a finished sign-in leaves behind). */
  acceptMagicCode(code: string, token: string): void {
    this.magicCodes.set(code, token);
  }

  /** The full set of auth endpoints botbuilder needs once any one is overridden (toolchain §4). */
  authEndpoints(): Record<string, string> {
    const metadata = `${this.origin}/openid?issuer=${this.keyId}`;
    return {
      ToBotFromChannelOpenIdMetadataUrl: metadata,
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: metadata,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      // The Bot Framework token service (sign-in links, magic codes) is this server too.
      OAuthUrl: this.origin,
      CallerId: CallerIdConstants.PublicAzureChannel,
    };
  }

  /** A channel token as the Bot Connector sends it; override claims or options to break it. */
  sign(claims: Record<string, unknown>, options: { forged?: boolean; expiresIn?: number } = {}): string {
    const key = options.forged ? this.forgeryKey : this.privateKey;
    return jwt.sign({ iss: CHANNEL_ISSUER, ...claims }, key, { algorithm: 'RS256', keyid: this.keyId, expiresIn: options.expiresIn ?? 3600 });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Outbound credentials that stamp a known header, so tests can see replies are authenticated. */
export function fakeCredentialsFactory(appId: string): ServiceClientCredentialsFactory {
  return {
    isValidAppId: async (id: string) => id === appId,
    isAuthenticationDisabled: async () => false,
    createCredentials: async () => ({
      signRequest: async (request: { headers: { set(name: string, value: string): void } }) => {
        request.headers.set('authorization', OUTBOUND_TOKEN);
        return request;
      },
    }),
  } as unknown as ServiceClientCredentialsFactory;
}
