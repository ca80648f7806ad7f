import { mkdirSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchOptions } from './bench-options.js';
import { CaseScript } from './case-script.js';
import { clickByReplay, clickOnCards, type ClickResolver } from './click-resolvers.js';
import type { FlowPath } from './flow-paths.js';
import { LoadConnector } from './load-connector.js';
import { figuresOf, pairRatios, runRound, type LoadTarget, type RoundResult, type TargetName } from './load-rounds.js';
import type { BenchResults } from './report.js';
import { startServer, type ServerProcess } from './server-process.js';
import { StaffMember } from './staff-member.js';
import { seededRandom } from './stats.js';

const fromHere = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Where --cpu-prof writes the servers' profiles, bot/ and echo/ (*.cpuprofile is git-ignored). */
export const PROFILE_DIR = fromHere('./profiles');
/** Where --keep-logs writes the servers' logs (*.log is git-ignored). */
export const LOG_DIR = fromHere('./logs');

interface StaffSetup {
  readonly options: BenchOptions;
  readonly paths: readonly FlowPath[];
  readonly connector: LoadConnector;
  readonly serviceUrl: string;
  readonly agent: Agent;
}

/**
 * The staff members for one server. Staff member i of the bot and of the baseline share a seed,
 * so both walk the same paths (chosen uniformly among all root-to-end paths) in the same order.
 */
function staffFor(name: TargetName, server: ServerProcess, resolve: ClickResolver, { options, paths, connector, serviceUrl, agent }: StaffSetup): LoadTarget {
  const staff = Array.from({ length: options.staff }, (_, i) => {
    const random = seededRandom(options.seed * 1000 + i);
    const pick = (): FlowPath => {
      const path = paths[Math.floor(random() * paths.length)];
      if (path === undefined) throw new Error('no flow paths');
      return path;
    };
    const conversationId = `bench-${name}-${i}`;
    const member = new StaffMember(conversationId, new CaseScript(conversationId, pick), { botUrl: server.url, serviceUrl, agent, resolve });
    connector.route(conversationId, member);
    return member;
  });
  return { name, pid: server.pid, staff };
}

/**
 * The HTTP part: the real bot (node --import tsx src/index.ts) and the echo baseline as child
 * processes, one fake connector here, and the same staff load on both in alternating rounds.
 */
export async function runLoad(options: BenchOptions, env: Readonly<Record<string, string>>, paths: readonly FlowPath[]): Promise<NonNullable<BenchResults['load']>> {
  const connector = new LoadConnector();
  const serviceUrl = await connector.start();
  const profileArgs = (name: TargetName): string[] => {
    if (!options.cpuProf) return [];
    mkdirSync(join(PROFILE_DIR, name), { recursive: true });
    return ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, name)}`];
  };
  const logFile = (name: TargetName): string | undefined => {
    if (!options.keepLogs) return undefined;
    mkdirSync(LOG_DIR, { recursive: true });
    return join(LOG_DIR, `${name}.log`);
  };
  const bot = await startServer({ args: [...profileArgs('bot'), '--import', 'tsx', fromHere('../src/index.ts')], env, logFile: logFile('bot') });
  const echo = await startServer({ args: [...profileArgs('echo'), '--import', 'tsx', fromHere('./echo-server.ts')], env, logFile: logFile('echo') }).catch(async (error: unknown) => {
    await bot.stop();
    throw error;
  });
  const agent = new Agent({ keepAlive: true, maxSockets: options.staff });
  try {
    const setup: StaffSetup = { options, paths, connector, serviceUrl, agent };
    const targets = {
      bot: staffFor('bot', bot, clickOnCards, setup),
      echo: staffFor('echo', echo, clickByReplay, setup),
    };
    if (options.warmupSeconds > 0) {
      console.log(`warm-up: ${options.warmupSeconds} s each`);
      await runRound(targets.bot, options.warmupSeconds);
      await runRound(targets.echo, options.warmupSeconds);
    }
    const results: Record<TargetName, RoundResult[]> = { bot: [], echo: [] };
    for (let round = 0; round < options.rounds; round++) {
      // ABBA order: whatever the machine drifts towards affects both targets alike.
      const order: TargetName[] = round % 2 === 0 ? ['bot', 'echo'] : ['echo', 'bot'];
      for (const name of order) {
        const result = await runRound(targets[name], options.roundSeconds);
        results[name].push(result);
        console.log(`round ${round + 1} ${name.padEnd(4)} ${((result.turns / result.elapsedMs) * 1000).toFixed(0).padStart(6)} turns/s${result.errors > 0 ? `, ${result.errors} errors` : ''}`);
      }
    }
    const allStaff = [...targets.bot.staff, ...targets.echo.staff];
    const failed = allStaff.find((s) => s.lastError !== undefined);
    if (failed) console.warn(`WARNING: turns failed; the figures are not comparable. E.g. ${failed.conversationId}: ${failed.lastError}`);
    const botFigures = figuresOf(results.bot);
    const echoFigures = figuresOf(results.echo);
    return {
      staff: options.staff,
      rounds: options.rounds,
      roundSeconds: options.roundSeconds,
      logLevel: options.logLevel,
      bot: botFigures,
      echo: echoFigures,
      ratios: {
        p50: botFigures.turnMs.p50 / echoFigures.turnMs.p50,
        p95: botFigures.turnMs.p95 / echoFigures.turnMs.p95,
        p99: botFigures.turnMs.p99 / echoFigures.turnMs.p99,
        throughput: echoFigures.turnsPerSecond / botFigures.turnsPerSecond,
        cpuPerTurn: botFigures.serverCpuUsPerTurn === undefined || echoFigures.serverCpuUsPerTurn === undefined ? undefined : botFigures.serverCpuUsPerTurn / echoFigures.serverCpuUsPerTurn,
      },
      pairRatios: pairRatios(results.bot, results.echo),
      lateReplies: allStaff.reduce((sum, s) => sum + s.late, 0),
      unroutedCalls: connector.unrouted,
      profileDir: options.cpuProf ? PROFILE_DIR : undefined,
    };
  } finally {
    // The bot drains in-flight turns and exits; with --cpu-prof it writes the profile on exit.
    agent.destroy();
    await Promise.all([bot.stop(15_000), echo.stop()]);
    await connector.stop();
  }
}
