import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';

/** A server the bench started as a child process. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** The end of what it wrote to stderr, for error messages. */
  stderrTail(): string;
}

export interface ServerSpec {
  /** Node arguments and the script, e.g. ['--import', 'tsx', 'src/index.ts']. */
  readonly args: readonly string[];
  /** Variables added to the bench's own environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Where the server's stdout (its JSON log) goes; discarded when unset, as a log shipper would take it. */
  readonly logFile?: string;
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** Starts `node <args>` with PORT set, without waiting for it to be ready. */
export function spawnServer(spec: ServerSpec, port: number): { readonly child: ChildProcess; readonly url: string; stderrTail(): string } {
  const stdout = spec.logFile === undefined ? 'ignore' : openSync(spec.logFile, 'a');
  const child = spawn(process.execPath, [...spec.args], {
    env: { ...process.env, ...spec.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', stdout, 'pipe'],
  });
  if (typeof stdout === 'number') closeSync(stdout);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  return { child, url: `http://127.0.0.1:${port}`, stderrTail: () => stderr };
}

/** Resolves once GET /healthz answers 200; rejects when the child exits first or `timeoutMs` passes. */
export async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, pollMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    if (await healthy(url)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`server at ${url} not ready after ${timeoutMs} ms`);
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(`${url}/healthz`, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Starts a server and waits until it is ready. */
export async function startServer(spec: ServerSpec, timeoutMs = 30_000): Promise<ServerProcess> {
  const port = await freePort();
  const { child, url, stderrTail } = spawnServer(spec, port);
  try {
    await waitForHealth(url, child, timeoutMs, 20);
  } catch (error) {
    await stopChild(child);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderrTail()}`);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('server has no pid');
  return { url, pid, stop: (graceMs) => stopChild(child, graceMs), stderrTail };
}
