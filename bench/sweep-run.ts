import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SweepProbeResult } from './sweep-probe.js';

const isResult = (v: unknown): v is SweepProbeResult => typeof v === 'object' && v !== null && 'maxEventLoopDelayMs' in v && 'turnCpuUs' in v;

/** Runs bench/sweep-probe.ts in a fresh process (production Node flags) and returns what it measured. */
export function runSweepProbe(env: Readonly<Record<string, string>>, conversations: number, nodeFlags: readonly string[]): Promise<SweepProbeResult> {
  const entry = fileURLToPath(new URL('./sweep-probe.ts', import.meta.url));
  const child = fork(entry, [], {
    execArgv: [...nodeFlags, '--import', 'tsx'],
    env: { ...process.env, ...env, LOG_LEVEL: 'silent', BENCH_SWEEP_CONVERSATIONS: String(conversations) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000 + conversations * 10);
    let result: SweepProbeResult | undefined;
    child.on('message', (message) => {
      if (isResult(message)) result = message;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`sweep probe exited (${code ?? 'killed'}) without a result\n${stderr}`));
    });
  });
}
