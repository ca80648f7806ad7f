import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeExit, spawnNode, type Child } from './child-process.js';
import { PlaygroundError } from './playground-error.js';

/** The make-believe tenant, users, chats and team the playground shows (bot name Baliewijzer). */
export const PLAYGROUND_CONTEXT_FILE = fileURLToPath(new URL('playground-context.yml', import.meta.url));

/** The playground prints this once its web UI is listening; the port may differ from the one asked for. */
const LISTENING = /^Listening on (\d+)\s*$/;

export interface PlaygroundOptions {
  readonly root: string;
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  readonly botEndpoint: string;
  /** The web UI's port; without it the playground uses 56150, or a random port when that is taken. */
  readonly port?: number;
  readonly env: NodeJS.ProcessEnv;
  readonly onLine: (line: string) => void;
  readonly readyTimeoutMs?: number;
}

export interface RunningPlayground {
  /** The web UI, e.g. http://localhost:56150 */
  readonly url: string;
  readonly port: number;
  readonly child: Child;
}

/**
 * The playground's environment: no browser of its own (it exits silently when it cannot open
 * one), our context file, and its log (which holds every message typed) in the temp folder
 * instead of ./devTools in the repository. Whatever the user set explicitly wins.
 */
export function playgroundEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const logSet = env.M365_AGENTS_PLAYGROUND_LOGFILE !== undefined || env.TEAMSAPPTESTER_LOGFILE !== undefined;
  return {
    ...env,
    TEAMSAPPTESTER_BROWSER: env.TEAMSAPPTESTER_BROWSER ?? 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: env.M365_AGENTS_PLAYGROUND_CONFIG_PATH ?? PLAYGROUND_CONTEXT_FILE,
    ...(logSet ? {} : { M365_AGENTS_PLAYGROUND_LOGFILE: join(tmpdir(), 'baliewijzer-playground', 'm365agentsplayground.log') }),
  };
}

/** Starts the Microsoft 365 Agents Playground in Teams mode against the bot and waits for its web UI. */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const args = [cli, '--app-endpoint', options.botEndpoint, '--channel-id', 'msteams', '--disable-telemetry'];
  if (options.port !== undefined) args.push('--port', String(options.port));

  let announced: (port: number) => void = () => undefined;
  const listening = new Promise<number>((resolve) => (announced = resolve));
  const env = playgroundEnv(options.env);
  const child = spawnNode(args, {
    cwd: options.root,
    env,
    onLine: (line) => {
      const match = LISTENING.exec(line);
      if (match?.[1] !== undefined) announced(Number(match[1]));
      options.onLine(line);
    },
  });

  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    listening.then((port) => ({ kind: 'listening' as const, port })),
    child.exited.then((status) => ({ kind: 'exited' as const, status })),
    new Promise<{ kind: 'timeout' }>((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs))),
  ]);
  clearTimeout(timer);
  switch (outcome.kind) {
    case 'listening':
      return { url: `http://localhost:${outcome.port}`, port: outcome.port, child };
    case 'exited': {
      const hint = env.TEAMSAPPTESTER_BROWSER === 'none' ? '' : '\nOn a machine without a desktop browser, set TEAMSAPPTESTER_BROWSER=none.';
      throw new PlaygroundError(`The Agents Playground stopped before its web UI was ready (${describeExit(outcome.status)}). Its last output:\n${child.recentOutput()}${hint}`);
    }
    case 'timeout':
      await child.stop('SIGKILL');
      throw new PlaygroundError(`The Agents Playground did not say "Listening on <port>" within ${Math.round(timeoutMs / 1000)} s. Its last output:\n${child.recentOutput()}`);
  }
}
