import restify from 'restify';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';

/**
 * The stock baseline: an echo bot as a user of the SDK writes it (the BotBuilder-Samples
 * pattern): restify with its body parser, CloudAdapter on ConfigurationBotFrameworkAuthentication
 * and the SDK's connector client, nothing of ours. Per turn it makes the connector calls the real
 * bot makes for a click: a PUT updating the clicked card (when there is one), then one POST.
 * Run as a child process by bench/run.ts with PORT and HOST set.
 */
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const echoBot = {
  async run(context: TurnContext): Promise<void> {
    const clickedCard = context.activity.replyToId;
    if (clickedCard) await context.updateActivity({ id: clickedCard, type: ActivityTypes.Message, text: 'gekozen' });
    await context.sendActivity('echo');
  },
};

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => echoBot.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  return next();
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
