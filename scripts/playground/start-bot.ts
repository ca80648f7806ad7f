import { setTimeout as sleep } from 'node:timers/promises';
import { describeExit, spawnNode, type Child } from './child-process.js';
import { PlaygroundError } from './playground-error.js';
import { assertPortFree } from './ports.js';

/** The bot listens here only: the playground is local, and the bot runs unauthenticated for it. */
export const BOT_HOST = '127.0.0.1';

export interface BotOptions {
  /** The repository root (where src/index.ts is). */
  readonly root: string;
  readonly port: number;
  /** The environment the bot starts from (process.env, plus what a test adds). */
  readonly env: NodeJS.ProcessEnv;
  readonly onLine: (line: string) => void;
  readonly readyTimeoutMs?: number;
}

export interface RunningBot {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Where the playground posts activities. */
  readonly endpoint: string;
  readonly child: Child;
}

/**
 * What the bot needs to talk to the playground, whatever `.env` says: the playground sends no
 * Bot Framework token (so no MicrosoftAppId) and uses a made-up tenant (so no tenant allow-list),
 * and without an app id the bot refuses NODE_ENV=production. dotenv leaves variables that are
 * already set alone, so these win over `.env`.
 */
export function localBotEnv(port: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: BOT_HOST,
    NODE_ENV: 'development',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppTenantId: '',
    ALLOWED_TENANT_IDS: '',
  };
}

/** Starts the real bot (`node --import tsx src/index.ts`, as npm start does) and waits until GET /healthz answers. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  await assertPortFree(options.port, BOT_HOST);
  const child = spawnNode(['--disable-warning=DEP0111', '--import', 'tsx', 'src/index.ts'], {
    cwd: options.root,
    env: { ...options.env, ...localBotEnv(options.port) },
    onLine: options.onLine,
  });
  const url = `http://${BOT_HOST}:${options.port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.hasExited()) {
      const status = await child.exited;
      throw new PlaygroundError(`Baliewijzer stopped before it was ready (${describeExit(status)}). Its last output:\n${child.recentOutput()}`);
    }
    if (await isHealthy(url)) return { url, endpoint: `${url}/api/messages`, child };
    if (Date.now() > deadline) {
      await child.stop('SIGKILL');
      throw new PlaygroundError(`Baliewijzer did not answer ${url}/healthz within ${Math.round((options.readyTimeoutMs ?? 60_000) / 1000)} s. Its last output:\n${child.recentOutput()}`);
    }
    await sleep(200);
  }
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false; // not listening yet
  }
}
