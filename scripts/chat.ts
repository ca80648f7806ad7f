/**
 * Chat with Baliewijzer in this terminal, no browser needed:
 *
 *   npm run chat [-- --port 3978]
 *
 * starts the bot (unauthenticated, on 127.0.0.1) and a small text client: cards are printed as
 * text with numbered buttons; type a number to click, anything else to send it as a message.
 * `/restart` restarts the bot to show that an open case survives; `/quit` or Ctrl-C stops.
 */
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHAT_HELP, TerminalChat } from './chat/terminal-chat.js';
import { LocalConnector, type ConnectorEvent } from './chat/local-connector.js';
import { answerHelp } from './cli/help.js';
import { describeExit } from './playground/child-process.js';
import { PlaygroundError } from './playground/playground-error.js';
import { startBot, type RunningBot } from './playground/start-bot.js';

const USAGE = 'usage: npm run chat [-- --port <bot port>]   (default: PORT or 3978)';
answerHelp(process.argv.slice(2), USAGE, `Starts the bot and chats with it in this terminal.\n${CHAT_HELP}`);

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function readPort(args: string[]): number {
  const { values } = parseArgs({ args, options: { port: { type: 'string' } }, strict: true });
  const text = values.port ?? process.env.PORT ?? '3978';
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new PlaygroundError(`"${text}" is not a port number (1-65535).\n${USAGE}`);
  return port;
}

/** The bot's own log lines: only warnings and errors reach the terminal (LOG_LEVEL=warn unless set), as one short line each. */
function botLine(line: string): string {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'msg' in parsed) return `[bot] ${String(parsed.msg)}`;
  } catch {
    // not a log line
  }
  return `[bot] ${line}`;
}

async function main(): Promise<void> {
  let port: number;
  try {
    port = readPort(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  let busy = true;
  const print = (text: string): void => {
    process.stdout.write(`\r${text}\n`);
    if (!busy) rl.prompt(true);
  };
  // Lines typed (or piped) while the bot starts or a turn runs are handled in order, one at a time.
  let handleLine: (line: string) => Promise<void> = async () => undefined;
  let ready: () => void = () => undefined;
  let queue = new Promise<void>((resolve) => (ready = resolve));
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      busy = true;
      await handleLine(line);
      busy = false;
      rl.prompt();
    });
  });
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  const start = (): Promise<RunningBot> => startBot({ root: ROOT, port, env, onLine: (line) => print(botLine(line)) });

  // The bot's replies arrive here from the moment it starts; the chat shows them.
  const shown: Array<(event: ConnectorEvent) => void> = [];
  const connector = new LocalConnector((event) => shown.forEach((show) => show(event)));
  const serviceUrl = await connector.start();
  let bot = await start();
  let stopping = false;
  let restarting = false;
  const quit = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.all([bot.child.stop(), connector.stop()]).then(() => process.exit(0));
  };
  const watch = (running: RunningBot): void => {
    void running.child.exited.then((status) => {
      if (!stopping && !restarting && running === bot) print(`(Baliewijzer is gestopt: ${describeExit(status)}; /restart start hem opnieuw)`);
    });
  };
  watch(bot);

  const chat = new TerminalChat({
    endpoint: () => bot.endpoint,
    serviceUrl,
    print,
    ask: (question) => new Promise((resolve) => rl.question(question, resolve)),
    restart: async () => {
      restarting = true;
      print('(Baliewijzer wordt opnieuw gestart...)');
      await bot.child.stop();
      bot = await start();
      watch(bot);
      restarting = false;
      print('(Baliewijzer draait weer. De casus is bewaard: typ het nummer van een knop op de laatste kaart om verder te gaan.)');
    },
    quit,
  });
  shown.push((event) => chat.onEvent(event));

  print(`Baliewijzer draait op ${bot.url} (alleen op deze computer, zonder aanmelding). /help voor uitleg.`);
  handleLine = (line) => chat.handle(line);
  await chat.greet();
  busy = false;
  rl.prompt();
  ready();
  // Ctrl-D, or the end of piped input once every line is handled.
  rl.on('close', () => void queue.then(quit));
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}

main().catch((error: unknown) => {
  console.error(error instanceof PlaygroundError ? error.message : error);
  process.exit(1);
});
