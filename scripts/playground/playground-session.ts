import { fileURLToPath } from 'node:url';
import type { ExitStatus } from './child-process.js';
import { startBot } from './start-bot.js';
import { startPlayground, type RunningPlayground } from './start-playground.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type Source = 'bot' | 'playground';

export interface SessionOptions {
  /** The bot's port (the playground posts to http://127.0.0.1:<botPort>/api/messages). */
  readonly botPort: number;
  /** The playground web UI's port; default 56150, or random when taken. */
  readonly playgroundPort?: number;
  /** Added to process.env for both children (a test sets STORAGE=memory, LOG_LEVEL, …). */
  readonly env?: Readonly<Record<string, string>>;
  readonly onLine?: (source: Source, line: string) => void;
  readonly readyTimeoutMs?: number;
}

export interface PlaygroundSession {
  readonly botUrl: string;
  /** The web UI to open in a browser. */
  readonly playgroundUrl: string;
  /** Resolves when either child ends by itself (a crash, or a signal that did not come from stop()). */
  readonly firstExit: Promise<{ readonly source: Source; readonly status: ExitStatus }>;
  /** Stops both children with `signal` (SIGTERM unless given) and waits for them to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the bot, waits for /healthz, then starts the Agents Playground pointed at it. */
export async function startPlaygroundSession(options: SessionOptions): Promise<PlaygroundSession> {
  const env = { ...process.env, ...options.env };
  const onLine = options.onLine ?? (() => undefined);
  const bot = await startBot({ root: ROOT, port: options.botPort, env, onLine: (line) => onLine('bot', line), readyTimeoutMs: options.readyTimeoutMs });
  let playground: RunningPlayground;
  try {
    playground = await startPlayground({
      root: ROOT,
      botEndpoint: bot.endpoint,
      port: options.playgroundPort,
      env,
      onLine: (line) => onLine('playground', line),
      readyTimeoutMs: options.readyTimeoutMs,
    });
  } catch (error) {
    await bot.child.stop();
    throw error;
  }
  const children = { bot: bot.child, playground: playground.child };
  return {
    botUrl: bot.url,
    playgroundUrl: playground.url,
    firstExit: Promise.race([
      bot.child.exited.then((status) => ({ source: 'bot' as const, status })),
      playground.child.exited.then((status) => ({ source: 'playground' as const, status })),
    ]),
    async stop(signal = 'SIGTERM') {
      await Promise.all([children.bot.stop(signal), children.playground.stop(signal)]);
    },
  };
}
