import { randomUUID } from 'node:crypto';
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult, type BotFrameworkAuthentication, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from './config.js';
import { ChannelTokenCheck, type TokenRejection } from './http/channel-token-check.js';
import type { Logger } from './logging/logger.js';
import { ConnectorClientCache } from './teams/cached-connector-factory.js';

/** Who sent a request, or why that could not be established (401: not the Bot Connector; 503: cannot tell right now). */
export type Authentication =
  | { readonly ok: true; readonly result: AuthenticateRequestResult }
  | { readonly ok: false; readonly status: 401; readonly reason: TokenRejection | 'claims-rejected' }
  | { readonly ok: false; readonly status: 503; readonly reason: 'signing-keys-unavailable' };

/**
 * The Bot Framework CloudAdapter, split in two so the HTTP edge can authenticate a request first
 * and only then look at what the body claims (tenant, conversation): `authenticate`, then
 * `processAuthenticated` with its result. Without MicrosoftAppId every request is anonymous.
 */
export class AuthFirstAdapter extends CloudAdapter {
  private readonly connectorClients = new ConnectorClientCache();

  constructor(
    private readonly auth: BotFrameworkAuthentication,
    private readonly tokenCheck: ChannelTokenCheck | undefined,
  ) {
    super(auth);
  }

  async authenticate(activity: Activity, authorization: string | undefined): Promise<Authentication> {
    if (this.tokenCheck) {
      const checked = await this.tokenCheck.check(authorization, activity.channelId);
      if (!checked.ok) return checked;
    }
    try {
      return { ok: true, result: await this.auth.authenticateRequest(activity, authorization ?? '') };
    } catch (error) {
      // After the token check the SDK refuses only claims it checks itself (audience, service URL);
      // anything else means the keys or the configuration cannot be read right now.
      if (error instanceof AuthenticationError && error.statusCode === 401) return { ok: false, status: 401, reason: 'claims-rejected' };
      return { ok: false, status: 503, reason: 'signing-keys-unavailable' };
    }
  }

  /** Runs the turn for an authenticated request; resolves with the invoke response, if the turn made one. */
  processAuthenticated(authentication: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const { connectorFactory } = authentication;
    const cached = connectorFactory && this.connectorClients.factoryFor(connectorFactory, authentication.claimsIdentity);
    return this.processActivity(cached ? { ...authentication, connectorFactory: cached } : authentication, activity, logic);
  }
}

/** Parts of the adapter a test may swap: the outgoing credentials (a local test cannot sign in to Entra ID). */
export interface AdapterOverrides {
  readonly credentialsFactory?: ServiceClientCredentialsFactory;
}

/**
 * The Bot Framework adapter. Without MicrosoftAppId it accepts unauthenticated requests: fine on a
 * developer's machine, never in production.
 */
export function createAdapter(config: Config, log: Logger, overrides: AdapterOverrides = {}): AuthFirstAdapter {
  if (!config.MicrosoftAppId) {
    log.warn(
      { event: 'auth.disabled' },
      'UNAUTHENTICATED: MicrosoftAppId is empty, so /api/messages accepts requests from anyone. Local use only; production (NODE_ENV=production) refuses to start like this.',
    );
    return new AuthFirstAdapter(new ConfigurationBotFrameworkAuthentication({}), undefined);
  }
  const metadataUrl = config.ToBotFromChannelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl;
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    // Setting one endpoint makes the SDK take all of them from here: the public cloud's, but for the key metadata.
    ...(config.ToBotFromChannelOpenIdMetadataUrl
      ? {
          ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
          ValidateAuthority: true,
        }
      : {}),
  };
  log.info({ event: 'auth.enabled', appType: config.MicrosoftAppType }, 'Bot Framework authentication on');
  return new AuthFirstAdapter(new ConfigurationBotFrameworkAuthentication(auth, overrides.credentialsFactory), new ChannelTokenCheck(metadataUrl));
}

/**
 * One turn-error handler: apologise in Dutch with a short code, log the error under that code.
 * Unlike the samples, conversation state is not cleared: the open case stays as it was before this turn.
 */
export function handleTurnErrors(adapter: CloudAdapter, log: Logger, turnErrorText: string): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const correlationId = randomUUID();
    log.error({ event: 'turn.error', correlationId, err: { name: error.name, message: error.message, stack: error.stack } }, 'turn failed');
    try {
      await context.sendActivity(`${turnErrorText} (code ${correlationId.slice(0, 8)})`);
    } catch (sendError) {
      log.error({ event: 'turn.error-reply-failed', correlationId, err: sendError instanceof Error ? sendError.message : 'unknown' }, 'could not send the apology');
    }
  };
}
