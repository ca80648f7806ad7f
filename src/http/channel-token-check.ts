import { AuthenticationConstants } from 'botframework-connector';
// Not exported from the package root: the extractor's metadata is the SDK's own per-URL cache of
// the signing keys, so this check and the SDK's validation share one fetch and one refresh policy.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor.js';
import jwt, { type Algorithm } from 'jsonwebtoken';

/** What the check found: a token worth handing to the SDK, a forged or broken one, or no keys to check with. */
export type TokenCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 401; readonly reason: TokenRejection }
  | { readonly ok: false; readonly status: 503; readonly reason: 'signing-keys-unavailable' };

export type TokenRejection = 'no-bearer-token' | 'malformed-token' | 'algorithm-not-allowed' | 'wrong-issuer' | 'unknown-key' | 'not-endorsed' | 'invalid-signature' | 'expired-or-not-yet-valid';

type SigningKeys = JwtTokenExtractor['openIdMetadata'];
type SigningKey = Awaited<ReturnType<SigningKeys['getKey']>>;

const ALGORITHMS: readonly Algorithm[] = ['RS256', 'RS384', 'RS512'];
/** How long a request waits for the signing keys (the SDK's fetch has no timeout of its own). */
const KEY_FETCH_TIMEOUT_MS = 10_000;
/** The SDK's clock tolerance for channel tokens (ParameterizedBotFrameworkAuthentication). */
const CLOCK_TOLERANCE_SECONDS = 5 * 60;

/**
 * Checks a Bot Connector bearer token the way the SDK's channel validation does (algorithm,
 * issuer, signing key and its endorsement for the channel, signature, lifetime) before the SDK
 * sees it. The SDK then validates it again and also checks the audience and the service URL, so
 * this check can only refuse, never admit. It exists because the SDK's validator answers a forged
 * signature with a thrown error and prints the signing key and a stack trace to the console: here
 * a forged token is a plain 401 with a reason, and a key set that cannot be fetched a 503.
 */
export class ChannelTokenCheck {
  private readonly keys: SigningKeys;
  /** One key lookup per key id at a time: a burst of requests while the keys are being fetched waits for that one fetch. */
  private readonly lookups = new Map<string, Promise<SigningKey>>();

  constructor(
    metadataUrl: string,
    private readonly issuer: string = AuthenticationConstants.ToBotFromChannelTokenIssuer,
  ) {
    this.keys = new JwtTokenExtractor({}, metadataUrl, [...ALGORITHMS]).openIdMetadata;
  }

  async check(authorization: string | undefined, channelId: string): Promise<TokenCheck> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (token === undefined) return reject('no-bearer-token');
    const decoded = jwt.decode(token, { complete: true });
    if (decoded === null || typeof decoded.payload !== 'object') return reject('malformed-token');
    if (!ALGORITHMS.some((alg) => alg === decoded.header.alg)) return reject('algorithm-not-allowed');
    if (decoded.payload.iss !== this.issuer) return reject('wrong-issuer');
    if (typeof decoded.header.kid !== 'string') return reject('unknown-key');

    let key: SigningKey;
    try {
      key = await this.lookup(decoded.header.kid);
    } catch {
      return { ok: false, status: 503, reason: 'signing-keys-unavailable' };
    }
    if (!key) return reject('unknown-key');
    if (channelId !== '' && Array.isArray(key.endorsements) && key.endorsements.length > 0 && !key.endorsements.includes(channelId)) return reject('not-endorsed');
    try {
      jwt.verify(token, key.key, { algorithms: [...ALGORITHMS], issuer: this.issuer, clockTolerance: CLOCK_TOLERANCE_SECONDS });
    } catch (error) {
      return reject(error instanceof jwt.TokenExpiredError || error instanceof jwt.NotBeforeError ? 'expired-or-not-yet-valid' : 'invalid-signature');
    }
    return { ok: true };
  }

  private lookup(keyId: string): Promise<SigningKey> {
    const pending = this.lookups.get(keyId);
    if (pending) return pending;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error('signing keys did not arrive in time')), KEY_FETCH_TIMEOUT_MS);
    });
    const lookup = Promise.race([this.keys.getKey(keyId), timeout]).finally(() => {
      clearTimeout(timer);
      this.lookups.delete(keyId);
    });
    this.lookups.set(keyId, lookup);
    return lookup;
  }
}

const reject = (reason: TokenRejection): TokenCheck => ({ ok: false, status: 401, reason });
