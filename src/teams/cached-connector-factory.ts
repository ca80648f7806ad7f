import { ConnectorFactory, JwtTokenValidation, type ClaimsIdentity, type ConnectorClient } from 'botframework-connector';
import { MadeOnce } from './made-once.js';

/**
 * The SDK's connector clients, made once per bot app, service URL and audience instead of once
 * per turn: CloudAdapter asks the request's connector factory for a new client on every turn,
 * and each new client builds an HTTP pipeline of a dozen policies. A client holds no per-turn
 * state; its credentials fetch tokens through the SDK's own token cache.
 */
export class ConnectorClientCache {
  private readonly clients = new MadeOnce<ConnectorClient>();

  /** A factory that answers from this cache, making clients with `factory` for the app `claims` name. */
  factoryFor(factory: ConnectorFactory, claims: ClaimsIdentity): ConnectorFactory {
    const appId = JwtTokenValidation.getAppIdFromClaims(claims.claims) ?? '';
    return new CachingConnectorFactory(this, factory, appId);
  }

  client(key: string, create: () => Promise<ConnectorClient>): Promise<ConnectorClient> {
    return this.clients.get(key, create);
  }
}

class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly cache: ConnectorClientCache,
    private readonly factory: ConnectorFactory,
    private readonly appId: string,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.client(JSON.stringify([this.appId, serviceUrl, audience ?? '']), () => this.factory.create(serviceUrl, audience));
  }
}
