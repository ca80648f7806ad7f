import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOptions, type BenchPart } from './bench-options.js';
import { BARE_SERVER_SCRIPT, measureIdleRss, timeColdStarts } from './cold-start.js';
import { buildCompiled } from './compiled-build.js';
import { writeDeepFlows } from './deep-flow.js';
import { timeFsync } from './fsync-timing.js';
import { describeFileSystem } from './file-system.js';
import { productionNodeFlags } from './production-flags.js';
import { timeStatistics } from './statistics-timing.js';
import { runSweepProbe } from './sweep-run.js';
import { enumeratePaths, longestPath } from './flow-paths.js';
import { chooseFlows } from './flows-dir.js';
import { timeFlowLoading } from './flows-load.js';
import { runLoad } from './load-test.js';
import { runMemoryProbe } from './memory-run.js';
import { checkTargets, formatReport, type BenchResults } from './report.js';
import { timeSearch } from './search-timing.js';
import { readSearchContent } from '../src/troubleshooting/search/search-content-file.js';

/**
 * `npm run bench`: what one turn of the bot costs against an echo bot on the same HTTP edge and
 * CloudAdapter, memory with many open cases, stored state per case, flow loading and cold start.
 * Loopback only; stops by itself; prints a table and writes bench/results.json.
 */
const startedAt = new Date();
const loadAtStart = loadavg()[0] ?? 0;
const options = readOptions(process.argv.slice(2), process.env);
const flows = chooseFlows(options.flowsDir);
const paths = enumeratePaths(flows.catalog);
const longest = longestPath(paths);
if (longest === undefined) throw new Error(`no flow in ${flows.dir} has a path from start to end`);

const scratch = mkdtempSync(join(tmpdir(), 'baliewijzer-bench-'));
/**
 * Settings for the bot processes of one part of the bench: loopback, no auth, storage of its own
 * (whatever kind buildApp picks by default) in a temp folder, no rate limit in the way of 50 fast
 * clickers, and no pacing of outgoing messages: simulated staff click far faster than Teams allows
 * a bot to answer one conversation, and the bench measures what a turn costs, not the waits.
 */
const envFor = (part: BenchPart): Record<string, string> => ({
  NODE_ENV: 'development',
  FLOWS_DIR: flows.dir,
  CARDS_DIR: fileURLToPath(new URL('../cards', import.meta.url)),
  STORAGE_DIR: join(scratch, part),
  LOG_LEVEL: options.logLevel,
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  ALLOWED_TENANT_IDS: '',
  SUMMARY_CHANNEL_ID: '',
  RATE_LIMIT_BURST: '1000',
  RATE_LIMIT_PER_SECOND: '1000',
  PACE_OUTGOING: 'off',
});
console.log(`flows: ${relative(process.cwd(), flows.dir)}, ${flows.catalog.flows.length} flows, ${paths.length} paths; ${options.staff} staff`);

try {
  const flowsLoad = options.skip.has('flows') ? undefined : timeFlowLoading(flows.dir, options.flowsRuns);
  if (flowsLoad) console.log(`flows load: median ${flowsLoad.medianMainThreadMs === undefined ? '' : `${flowsLoad.medianMainThreadMs.toFixed(1)} ms main-thread CPU, `}${flowsLoad.medianCpuMs.toFixed(1)} ms process CPU, ${flowsLoad.medianMs.toFixed(1)} ms wall`);

  let search: BenchResults['search'];
  if (!options.skip.has('search')) {
    const content = readSearchContent(flows.dir);
    if (!content.ok) throw new Error(`search content in ${flows.dir} does not load`);
    search = timeSearch(flows.catalog, content.value, options.searchRounds, options.seed);
    console.log(`search: p99 ${search.current.searchMs.p99.toFixed(2)} ms, fastest-run p99 ${search.current.steadyMs.p99.toFixed(2)} ms (current flows); ${search.synthetic.searchMs.p99.toFixed(2)} ms, fastest-run ${search.synthetic.steadyMs.p99.toFixed(2)} ms (${search.synthetic.flows} × ${search.synthetic.nodes / search.synthetic.flows})`);
  }

  let coldStart: BenchResults['coldStart'];
  if (!options.skip.has('cold')) {
    console.log(`cold start: ${options.coldRuns} runs each`);
    const compiled = await buildCompiled();
    try {
      const [bot, compiledBot, bare, bareWithTsx] = await timeColdStarts(
        [
          { args: ['--import', 'tsx', fileURLToPath(new URL('../src/index.ts', import.meta.url))], env: envFor('cold') },
          { args: [...productionNodeFlags(fileURLToPath(new URL('..', import.meta.url))), compiled.entry], env: envFor('cold') },
          { args: ['-e', BARE_SERVER_SCRIPT], env: envFor('cold') },
          { args: ['--import', 'tsx', '-e', BARE_SERVER_SCRIPT], env: envFor('cold') },
        ],
        options.coldRuns,
      );
      console.log('idle RSS: the production build and bare restify + botbuilder, 20 s each');
      const idleRss = { compiled: await measureIdleRss({ args: [...productionNodeFlags(fileURLToPath(new URL('..', import.meta.url))), compiled.entry], env: envFor('cold') }), bare: await measureIdleRss({ args: ['-e', BARE_SERVER_SCRIPT], env: envFor('cold') }) };
      if (bot && compiledBot && bare && bareWithTsx) coldStart = { bot, compiled: compiledBot, bare, bareWithTsx, idleRss };
    } finally {
      await compiled.remove();
    }
  }

  let memory: BenchResults['memory'];
  if (!options.skip.has('memory')) {
    console.log(`memory: opening ${options.cases} cases, then opening and finishing ${options.finishedCases}`);
    memory = await runMemoryProbe(envFor('memory'), options.cases, options.finishedCases);
  }

  let state: BenchResults['state'];
  if (!options.skip.has('state')) {
    console.log(`state: a synthetic flow ${options.deepFlowSteps} steps deep`);
    const deep = writeDeepFlows(flows.dir, flows.catalog, options.deepFlowSteps);
    try {
      const probe = await runMemoryProbe({ ...envFor('state'), FLOWS_DIR: deep.dir }, 20);
      state = { depth: deep.depth, flowId: probe.longest.flowId, clicks: probe.longest.clicks, maxOpenStateBytes: probe.longest.maxOpenStateBytes, caseRecordBytes: probe.longest.caseRecordBytes };
    } finally {
      deep.remove();
    }
  }

  let statistics: BenchResults['statistics'];
  if (!options.skip.has('statistics')) {
    console.log(`statistics: ${options.statisticsRecords} cases over 90 days`);
    statistics = await timeStatistics(flows.catalog, paths, options.statisticsRecords, options.seed);
  }

  let sweep: BenchResults['sweep'];
  if (!options.skip.has('sweep')) {
    console.log(`sweep: ${options.sweepConversations} stored conversations`);
    sweep = await runSweepProbe(envFor('sweep'), options.sweepConversations, productionNodeFlags(fileURLToPath(new URL('..', import.meta.url))));
  }

  let fsync: BenchResults['fsync'];
  if (!options.skip.has('fsync')) {
    console.log(`fsync: ${options.fsyncWrites} writes each way`);
    fsync = await timeFsync(options.fsyncWrites);
  }

  let load: BenchResults['load'];
  if (!options.skip.has('load')) load = await runLoad(options, envFor('load'), paths);

  const partial: Omit<BenchResults, 'targets'> = {
    startedAt: startedAt.toISOString(),
    durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
    machine: { node: process.version, platform: process.platform, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 }, tempFileSystem: describeFileSystem(tmpdir()) },
    flows: { dir: relative(process.cwd(), flows.dir), fellBackToFixtures: flows.fellBackToFixtures, count: flows.catalog.flows.length, paths: paths.length, longestPath: { flowId: longest.flowId, clicks: longest.clicks.length } },
    load,
    memory,
    state,
    statistics,
    sweep,
    fsync,
    flowsLoad,
    coldStart,
    search,
  };
  const results: BenchResults = { ...partial, targets: checkTargets(partial) };
  const file = fileURLToPath(new URL('./results.json', import.meta.url));
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${formatReport(results)}\n\nwritten to ${relative(process.cwd(), file)}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
