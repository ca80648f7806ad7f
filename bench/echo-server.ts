import { ActivityTypes, type TurnContext } from 'botbuilder';
import { createAdapter } from '../src/adapter.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logging/logger.js';
import { createServer, listen } from '../src/server.js';

/**
 * The baseline: the bot's own HTTP edge (src/server.ts) and CloudAdapter (src/adapter.ts), with
 * a bot that does no work. Per turn it makes the connector calls the real bot makes for a click:
 * a PUT updating the clicked card (when the activity has a replyToId), then one POST.
 * Run as a child process by bench/run.ts with PORT set.
 */
const echoBot = {
  async run(context: TurnContext): Promise<void> {
    const clickedCard = context.activity.replyToId;
    if (clickedCard) await context.updateActivity({ id: clickedCard, type: ActivityTypes.Message, text: 'gekozen' });
    await context.sendActivity('echo');
  },
};

const config = parseConfig(process.env);
const log = createLogger(config.LOG_LEVEL);
const http = createServer({
  adapter: createAdapter(config, log),
  bot: echoBot,
  log,
  maxBodyBytes: config.MAX_BODY_BYTES,
  rateLimit: { burst: config.RATE_LIMIT_BURST, perSecond: config.RATE_LIMIT_PER_SECOND },
  allowedTenants: config.ALLOWED_TENANT_IDS,
});
const running = await listen(http.server, config.PORT, config.HOST);
process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
