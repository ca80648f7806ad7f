/**
 * Runs the full test suite several times in a row while other threads keep every core busy:
 *
 *   npm run test:under-load [-- --runs 5 --busy 2]
 *
 * A test that passes on a quiet machine but fails when the machine is busy (a timing window, a
 * timeout that is really a measurement) is a red CI waiting to happen. This is the check for
 * that (issue 16): it starts `--busy` threads (default: one per core) that spin without pause,
 * runs `npm test` `--runs` times one after another, prints each run's result and time, and exits
 * 1 when any run failed.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { answerHelp } from './cli/help.js';

const USAGE = 'usage: npm run test:under-load [-- --runs 5 --busy <cores>]';
answerHelp(
  process.argv.slice(2),
  USAGE,
  'Runs `npm test` several times in a row while busy threads keep every core at 100%, prints each\nrun\'s result and time, and exits 1 when any run failed.',
);

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, busy: { type: 'string', default: String(availableParallelism()) } }, strict: true });
const RUNS = Number(values.runs);
const BUSY = Number(values.busy);
if (!Number.isInteger(RUNS) || RUNS < 1 || !Number.isInteger(BUSY) || BUSY < 0) {
  console.error(`${USAGE}\n--runs must be a whole number of at least 1 and --busy a whole number of at least 0`);
  process.exit(2);
}

// Each busy thread does arithmetic forever: a core at 100% for as long as the runs last.
const SPIN = 'let x = 0; for (;;) { x = (x * 31 + 7) % 1000003; }';
const busy = Array.from({ length: BUSY }, () => new Worker(SPIN, { eval: true }));

function runSuite(): Promise<{ code: number; seconds: number; summary: string }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['test'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-4000);
    });
    child.once('close', (code) => {
      // vitest's own closing lines: "Test Files  … passed" and "Tests  … passed (…)".
      // eslint-disable-next-line no-control-regex -- vitest colours its summary
      const plain = tail.replace(/\u001b\[[0-9;]*m/g, '');
      const summary = plain.split('\n').filter((line) => /^\s*(Test Files|Tests)\s/.test(line)).map((line) => line.trim()).join('; ');
      resolve({ code: code ?? 1, seconds: (Date.now() - started) / 1000, summary });
    });
  });
}

const results: Array<{ code: number; seconds: number; summary: string }> = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    console.log(`\n=== run ${run} of ${RUNS}, ${BUSY} busy thread(s) ===`);
    results.push(await runSuite());
  }
} finally {
  await Promise.all(busy.map((worker) => worker.terminate()));
}

console.log(`\n=== npm test ${RUNS} time(s) with ${BUSY} busy thread(s) on ${availableParallelism()} core(s) ===`);
results.forEach((result, i) => console.log(`run ${i + 1}: ${result.code === 0 ? 'green' : `RED (exit ${result.code})`} in ${result.seconds.toFixed(0)} s: ${result.summary}`));
const red = results.filter((result) => result.code !== 0).length;
console.log(`${RUNS - red} green, ${red} red`);
process.exit(red === 0 ? 0 : 1);
