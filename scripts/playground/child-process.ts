import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How a child ended: its exit code, or the signal that ended it. */
export type ExitStatus = { readonly code: number | null; readonly signal: NodeJS.Signals | null };

export interface ChildOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Every line the child writes to stdout or stderr. */
  readonly onLine: (line: string) => void;
}

/** A long-running child process (the bot or the playground) that we start and must stop. */
export interface Child {
  readonly process: ChildProcess;
  /** Resolves once the process has ended. */
  readonly exited: Promise<ExitStatus>;
  hasExited(): boolean;
  /** The last lines it wrote, for an error message when it stops unexpectedly. */
  recentOutput(): string;
  /**
   * Sends `signal` (SIGTERM unless given), waits up to `graceMs` for the process to end, then
   * kills it. Safe to call more than once and after the process has ended.
   */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<ExitStatus>;
}

const RECENT_LINES = 30;

/** Children started here and not yet ended. */
const running = new Set<Child>();

/** Stops every child still running (a Ctrl-C can come while they are still starting). */
export async function stopAllChildren(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  await Promise.all([...running].map((child) => child.stop(signal)));
}

/**
 * Starts `node <args>` with piped output. On Linux and macOS the child gets its own process
 * group, so a Ctrl-C in the terminal reaches only our script, which then stops each child once
 * (the bot shuts down gracefully on the first signal but dies at once on a second one). Children
 * still running when our process exits are killed, so none is left behind.
 */
export function spawnNode(args: readonly string[], options: ChildOptions): Child {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const recent: string[] = [];
  const onLine = (line: string) => {
    recent.push(line);
    if (recent.length > RECENT_LINES) recent.shift();
    options.onLine(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
  }

  let status: ExitStatus | undefined;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      status = { code, signal };
      resolve(status);
    });
    child.once('error', (error) => {
      onLine(`could not start: ${error.message}`);
      status = { code: null, signal: null };
      resolve(status);
    });
  });
  const killOnExit = () => {
    if (status === undefined) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const handle: Child = {
    process: child,
    exited,
    hasExited: () => status !== undefined,
    recentOutput: () => recent.join('\n'),
    async stop(signal = 'SIGTERM', graceMs = 12_000) {
      if (status !== undefined) return status;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const ended = await exited;
      clearTimeout(timer);
      return ended;
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

/** "exit code 1" or "signal SIGTERM", for messages. */
export function describeExit(status: ExitStatus): string {
  if (status.signal) return `signal ${status.signal}`;
  return status.code === null ? 'it could not be started' : `exit code ${status.code}`;
}
