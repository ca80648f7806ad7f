import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoryProbeResult } from './memory-probe.js';

const isProbeResult = (v: unknown): v is MemoryProbeResult =>
  typeof v === 'object' && v !== null && 'cases' in v && 'withCases' in v && 'longest' in v && typeof v.cases === 'number';

/** Runs bench/memory-probe.ts in a fresh process with --expose-gc and returns what it measured. */
export function runMemoryProbe(env: Readonly<Record<string, string>>, cases: number, finishedCases = 0, timeoutMs = 180_000 + finishedCases * 20): Promise<MemoryProbeResult> {
  const entry = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));
  const child = fork(entry, [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, ...env, LOG_LEVEL: 'silent', BENCH_CASES: String(cases), BENCH_FINISHED_CASES: String(finishedCases) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let result: MemoryProbeResult | undefined;
    child.on('message', (message) => {
      if (isProbeResult(message)) result = message;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`memory probe exited (${code ?? 'killed'}) without a result\n${stderr}`));
    });
  });
}
