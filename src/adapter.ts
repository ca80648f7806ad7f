import { setTimeout as sleep } from 'node:timers/promises';
import {
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  TurnContext,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationParameters,
  type ConversationReference,
  type InvokeResponse,
  type ResourceResponse,
} from 'botbuilder';
import {
  AppCredentials,
  AuthenticationConstants,
  AuthenticationError,
  ConnectorClient,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Config } from './config.js';
import { ChannelTokenCheck, type TokenRejection } from './http/channel-token-check.js';
import type { Logger } from './logging/logger.js';
import { turnLogger, turnLogOf } from './logging/turn-log.js';
import { BotConnector, type ConnectorTarget } from './teams/bot-connector.js';
import { ConnectorClientCache } from './teams/cached-connector-factory.js';
import { ReusedUserTokenClientAuthentication } from './teams/reused-user-token-client.js';
import { invokeResponseActivity, isCardAction } from './turn/invoke-answer.js';

/** Who sent a request, or why that could not be established (401: not the Bot Connector; 503: cannot tell right now). */
export type Authentication =
  | { readonly ok: true; readonly result: AuthenticateRequestResult }
  | { readonly ok: false; readonly status: 401; readonly reason: TokenRejection | 'claims-rejected' }
  | { readonly ok: false; readonly status: 503; readonly reason: 'signing-keys-unavailable' };

/** Activities the SDK handles without calling the connector: an invoke's answer, a trace. */
const LOCAL_ACTIVITY_TYPES = new Set<string>([ActivityTypes.InvokeResponse, ActivityTypes.Trace]);

/**
 * The Bot Framework CloudAdapter, split in two so the HTTP edge can authenticate a request first
 * and only then look at what the body claims (tenant, conversation): `authenticate`, then
 * `processAuthenticated` with its result. Without MicrosoftAppId every request is anonymous.
 *
 * Its calls to the Bot Connector (replies, card updates, deletes, new channel threads) go through
 * our own {@link BotConnector}, signed with the token of the SDK's connector client for the
 * conversation: one keep-alive client, one serialisation, a timeout on every call.
 */
export class AuthFirstAdapter extends CloudAdapter {
  private readonly connectorClients = new ConnectorClientCache();

  constructor(
    private readonly auth: BotFrameworkAuthentication,
    private readonly tokenCheck: ChannelTokenCheck | undefined,
    private readonly connector: BotConnector,
  ) {
    super(auth);
  }

  override async sendActivities(context: TurnContext, activities: Array<Partial<Activity>>): Promise<ResourceResponse[]> {
    const target = this.targetOf(context);
    if (!target) return super.sendActivities(context, activities);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await sleep(typeof activity.value === 'number' ? activity.value : 1000);
        responses.push({ id: '' });
        continue;
      }
      if (activity.type !== undefined && LOCAL_ACTIVITY_TYPES.has(activity.type)) {
        responses.push(...(await super.sendActivities(context, [activity])));
        continue;
      }
      // As the SDK: an outgoing activity never carries an id of its own.
      delete activity.id;
      const conversationId = activity.conversation?.id;
      if (!conversationId) throw new TypeError('an outgoing activity needs activity.conversation.id');
      const response = activity.replyToId
        ? await this.connector.replyToActivity(target, conversationId, activity.replyToId, activity)
        : await this.connector.sendToConversation(target, conversationId, activity);
      responses.push({ id: response.id ?? '' });
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | undefined> {
    const target = this.targetOf(context);
    if (!target) return (await super.updateActivity(context, activity)) ?? undefined;
    const conversationId = activity.conversation?.id;
    if (!conversationId || !activity.id) throw new TypeError('an update needs activity.conversation.id and activity.id');
    const response = await this.connector.updateActivity(target, conversationId, activity.id, activity);
    return response.id ? { id: response.id } : undefined;
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const target = this.targetOf(context);
    if (!target) return super.deleteActivity(context, reference);
    const conversationId = reference.conversation?.id;
    if (!conversationId || !reference.activityId) throw new TypeError('a delete needs reference.conversation.id and reference.activityId');
    await this.connector.deleteActivity(target, conversationId, reference.activityId);
  }

  /**
   * As the SDK's (a new conversation, in Teams a new channel thread, then `logic` with its
   * CreateConversation event), with the call made by our connector client, so it has a timeout.
   */
  override async createConversationAsync(
    botAppId: string,
    channelId: string,
    serviceUrl: string,
    audience: string,
    parameters: ConversationParameters,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const claims = this.createClaimsIdentity(botAppId);
    claims.claims.push({ type: AuthenticationConstants.ServiceUrlClaim, value: serviceUrl });
    const factory = this.connectorClients.factoryFor(this.botFrameworkAuthentication.createConnectorFactory(claims), claims);
    const client = await factory.create(serviceUrl, audience === '' ? undefined : audience);
    const target = targetFor(client, serviceUrl);
    if (!target) return super.createConversationAsync(botAppId, channelId, serviceUrl, audience, parameters, logic);
    const created = await this.connector.createConversation(target, parameters);
    const activity: Partial<Activity> = {
      type: ActivityTypes.Event,
      name: 'CreateConversation',
      channelId,
      serviceUrl,
      id: created.id,
      conversation: { id: created.id, isGroup: parameters.isGroup ?? false, tenantId: parameters.tenantId, conversationType: '', name: '' },
      channelData: parameters.channelData,
      recipient: parameters.bot,
    };
    const context = new TurnContext(this, activity);
    context.turnState.set(this.BotIdentityKey, claims);
    context.turnState.set(this.ConnectorClientKey, client);
    context.turnState.set(this.ConnectorFactoryKey, factory);
    await this.runMiddleware(context, logic);
  }

  /** Closes the connector client's kept-alive connections. */
  close(): void {
    this.connector.close();
  }

  /** Where this turn's calls go and how they are signed; undefined when the SDK's credentials are of a kind we cannot take a token from (then the SDK sends). */
  private targetOf(context: TurnContext): ConnectorTarget | undefined {
    const serviceUrl = context.activity.serviceUrl;
    const client: unknown = context.turnState.get(this.ConnectorClientKey);
    return serviceUrl && client instanceof ConnectorClient ? targetFor(client, serviceUrl) : undefined;
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

/**
 * The token the SDK's connector client would send: its app credentials' cached token; none for
 * an anonymous bot (no app id), as the SDK. Undefined for credentials of another kind.
 */
function targetFor(client: ConnectorClient, serviceUrl: string): ConnectorTarget | undefined {
  const credentials = client.credentials;
  if (!(credentials instanceof AppCredentials)) return undefined;
  // As AppCredentials.shouldSetToken: no app id (the SDK's empty credentials leave it unset), no token.
  const signs = Boolean(credentials.appId) && credentials.appId !== AuthenticationConstants.AnonymousSkillAppId;
  return { serviceUrl, token: async () => (signs ? credentials.getToken() : undefined) };
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
  const connector = new BotConnector({ timeoutMs: config.CONNECTOR_TIMEOUT_MS, log });
  if (!config.MicrosoftAppId) {
    log.warn(
      { event: 'auth.disabled' },
      'UNAUTHENTICATED: MicrosoftAppId is empty, so /api/messages accepts requests from anyone. Local use only; production (NODE_ENV=production) refuses to start like this.',
    );
    return new AuthFirstAdapter(new ReusedUserTokenClientAuthentication({}), undefined, connector);
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
  return new AuthFirstAdapter(new ReusedUserTokenClientAuthentication(auth, overrides.credentialsFactory), new ChannelTokenCheck(metadataUrl), connector);
}

/**
 * One turn-error handler: apologise in Dutch with a short code, log the error under that code.
 * Unlike the samples, conversation state is not cleared: the open case stays as it was before this turn.
 */
export function handleTurnErrors(adapter: CloudAdapter, baseLog: Logger, turnErrorText: string): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The turn's own correlation id, so the code the staff member reads finds every line of the turn.
    const { log, correlationId } = turnLogOf(context) ?? turnLogger(baseLog, context.activity.conversation?.id);
    log.error({ event: 'turn.error', err: { name: error.name, message: error.message, stack: error.stack } }, 'turn failed');
    try {
      const apology = `${turnErrorText} (code ${correlationId.slice(0, 8)})`;
      // A card click (Action.Execute) is answered in the HTTP response, or Teams shows only "Er is iets misgegaan".
      await context.sendActivity(isCardAction(context.activity) ? invokeResponseActivity({ text: apology }) : apology);
    } catch (sendError) {
      log.error({ event: 'turn.error-reply-failed', err: sendError instanceof Error ? sendError.message : 'unknown' }, 'could not send the apology');
    }
  };
}
