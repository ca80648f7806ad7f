import { randomUUID } from 'node:crypto';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Config } from './config.js';
import type { Logger } from './logging/logger.js';

/**
 * The Bot Framework adapter with one turn-error handler. Without MicrosoftAppId it accepts
 * unauthenticated requests: fine on a developer's machine, never in production.
 */
export function createAdapter(config: Config, log: Logger): CloudAdapter {
  if (!config.MicrosoftAppId) {
    log.warn(
      { event: 'auth.disabled' },
      'UNAUTHENTICATED: MicrosoftAppId is empty, so /api/messages accepts requests from anyone. Local use only; production (NODE_ENV=production) refuses to start like this.',
    );
    return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  }
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  };
  log.info({ event: 'auth.enabled', appType: config.MicrosoftAppType }, 'Bot Framework authentication on');
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(auth));
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
