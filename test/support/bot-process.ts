import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  readonly exited: Promise<number | string>;
}

/** How `npm start` runs the bot: TypeScript through tsx. */
const TSX_ENTRY = ['--disable-warning=DEP0111', '--import', 'tsx', 'src/index.ts'];

/**
 * Starts the real bot as a child process and waits for /healthz: by default as `npm start` does
 * (`src/index.ts` through tsx); `nodeArgs` runs something else, such as the compiled build;
 * `user` runs it as another user (a test running as root needs that for file permissions to count).
 */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 90_000, nodeArgs: readonly string[] = TSX_ENTRY, user?: { readonly uid: number; readonly gid: number }): Promise<BotProcess> {
  const port = await freePort();
  let output = '';
  // HOST is left to the bot's own default (127.0.0.1 outside production), the way `npm start` runs it.
  const { HOST: _host, ...inherited } = process.env;
  const child = spawn(process.execPath, [...nodeArgs], {
    env: { ...inherited, PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...user,
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bot did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, output: () => output, exited };
}
