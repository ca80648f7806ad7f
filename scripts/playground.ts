/**
 * Chat with Baliewijzer locally, the way staff see it in Teams:
 *
 *   npm run playground [-- --port 3978]
 *
 * starts the bot (PORT, default 3978, on 127.0.0.1, unauthenticated) and the Microsoft 365
 * Agents Playground pointed at it, then prints the address to open. The playground shows a
 * personal chat, a group chat and a team with two channels; it renders the Adaptive Cards, sends
 * button clicks and applies card updates, all offline. Ctrl-C stops both.
 */
import { parseArgs } from 'node:util';
import { describeExit, stopAllChildren } from './playground/child-process.js';
import { PlaygroundError } from './playground/playground-error.js';
import { startPlaygroundSession, type Source } from './playground/playground-session.js';

const USAGE = 'usage: npm run playground [-- --port <bot port>]   (default: PORT or 3978)';

function readPort(args: string[], env: NodeJS.ProcessEnv): number | 'help' {
  let values: { port?: string; help?: boolean };
  try {
    values = parseArgs({ args, options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  } catch (error) {
    throw new PlaygroundError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) return 'help';
  const text = values.port ?? env.PORT ?? '3978';
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new PlaygroundError(`"${text}" is not a port number (1-65535).\n${USAGE}`);
  return port;
}

let stopping: Promise<void> | undefined;

/** Stops both children once, however many signals arrive (npm and the terminal may both pass on the same Ctrl-C). */
function stopAndExit(signal: NodeJS.Signals, code: number): void {
  if (!stopping) {
    console.log(`Stopping Baliewijzer and the playground (${signal})...`);
    stopping = stopAllChildren(signal).then(() => process.exit(code));
  }
}

async function main(): Promise<void> {
  const port = readPort(process.argv.slice(2), process.env);
  if (port === 'help') {
    console.log(USAGE);
    return;
  }
  // Listen before anything starts, so a Ctrl-C during start-up leaves nothing behind.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stopAndExit(signal, 0));
  // `kill <npm pid>` ends npm and its sh but not us (sh passes no signal on): when our parent is gone, stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stopAndExit('SIGTERM', 0);
  }, 500).unref();

  const print = (source: Source, line: string) => console.log(`[${source}] ${line}`);
  const session = await startPlaygroundSession({ botPort: port, onLine: print });
  console.log('');
  console.log(`Chat with Baliewijzer: ${session.playgroundUrl}`);
  console.log('  Personal chat, group chat "Balie Assen" and team "Balieteam Assen"; in the group chat and the channels, type @Baliewijzer first.');
  console.log(`  The bot runs unauthenticated at ${session.botUrl}/api/messages (credentials and tenant allow-list from .env are not used). Ctrl-C stops both.`);
  console.log('');

  const { source, status } = await session.firstExit;
  if (stopping) return;
  console.error(`${source === 'bot' ? 'Baliewijzer' : 'The Agents Playground'} stopped (${describeExit(status)}); stopping the other as well.`);
  stopAndExit('SIGTERM', 1);
}

main().catch((error: unknown) => {
  if (stopping) return; // a start-up cut short by Ctrl-C
  console.error(error instanceof PlaygroundError ? error.message : error);
  void stopAllChildren('SIGTERM').then(() => process.exit(1));
});
