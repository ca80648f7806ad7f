import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer the Bot Connector puts in the tokens it sends to bots (botframework-connector's ToBotFromChannelTokenIssuer). */
export const BOT_CONNECTOR_ISSUER = 'https://api.botframework.com';

/** How a test token is signed: properly, or one of the forgeries an attacker tries. */
export type Signing = 'valid' | 'alg-none' | 'wrong-key' | 'hs256-with-public-key' | 'expired';

export interface TokenClaims {
  /** The bot's MicrosoftAppId. */
  readonly audience: string;
  /** Must equal the activity's serviceUrl. */
  readonly serviceUrl: string;
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * A local stand-in for the Bot Connector's token signing: an OpenID metadata document and its
 * JWKS served over HTTP, and tokens signed with the matching RSA key, so the bot's real Bot
 * Framework authentication can be run against tokens a test makes (valid and forged).
 */
export class FakeOpenIdIssuer {
  readonly keyId = 'baliewijzer-test-key';
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server: Server | undefined;
  /** How often the metadata document or the key set was fetched. */
  fetches = 0;

  /** Starts serving; resolves with the metadata URL (the bot's ToBotFromChannelOpenIdMetadataUrl). */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.fetches += 1;
      const base = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(JSON.stringify({ issuer: BOT_CONNECTOR_ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/v1/.well-known/keys') {
        const jwk = this.keys.publicKey.export({ format: 'jwk' });
        res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: this.keyId, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A bearer token for one request, as the Bot Connector would send it, or forged the way `signing` says. */
  token(claims: TokenClaims, signing: Signing = 'valid'): string {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: BOT_CONNECTOR_ISSUER,
      aud: claims.audience,
      serviceurl: claims.serviceUrl,
      nbf: now - 60,
      exp: signing === 'expired' ? now - 3600 : now + 3600,
    };
    const alg = signing === 'alg-none' ? 'none' : signing === 'hs256-with-public-key' ? 'HS256' : 'RS256';
    const signed = `${base64url(JSON.stringify({ alg, typ: 'JWT', kid: this.keyId }))}.${base64url(JSON.stringify(payload))}`;
    return `${signed}.${this.signature(signed, signing)}`;
  }

  private signature(signed: string, signing: Signing): string {
    switch (signing) {
      case 'alg-none':
        return '';
      case 'hs256-with-public-key':
        // The classic key-confusion forgery: HMAC with the issuer's public key as the shared secret.
        return createHmac('sha256', this.publicKeyPem()).update(signed).digest('base64url');
      case 'wrong-key':
        return rsaSign(signed, this.otherKeys.privateKey);
      case 'valid':
      case 'expired':
        return rsaSign(signed, this.keys.privateKey);
    }
  }

  private publicKeyPem(): string {
    return this.keys.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }
}

function rsaSign(signed: string, key: KeyObject): string {
  return sign('sha256', Buffer.from(signed), key).toString('base64url');
}
