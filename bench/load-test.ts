import { mkdirSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchOptions } from './bench-options.js';
import { checkOutBefore, type BeforeTree } from './before-tree.js';
import { CaseScript } from './case-script.js';
import { clickByReplay, clickOnCards, type ClickResolver } from './click-resolvers.js';
import type { FlowPath } from './flow-paths.js';
import { LoadConnector } from './load-connector.js';
import { compare, figuresOf, runRound, type Comparison, type LoadTarget, type RoundResult, type TargetFigures, type TargetName } from './load-rounds.js';
import { productionNodeFlags } from './production-flags.js';
import { breakdown, mainThreadProfile, type ProfileBreakdown } from './profile-breakdown.js';
import { startServer, type ServerProcess } from './server-process.js';
import { StaffMember } from './staff-member.js';
import { seededRandom } from './stats.js';

const fromHere = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const PROJECT_DIR = fromHere('..');

/** Where --profile writes the servers' profiles, one folder per target (*.cpuprofile is git-ignored). */
export const PROFILE_DIR = fromHere('./profiles');
/** Where --keep-logs writes the servers' logs (*.log is git-ignored). */
export const LOG_DIR = fromHere('./logs');

/** What the load part found; written to bench/results.json. */
export interface LoadFigures {
  readonly staff: number;
  readonly rounds: number;
  readonly roundSeconds: number;
  readonly logLevel: string;
  /** Every target's figures over its measured rounds, in the order they were run. */
  readonly targets: Readonly<Record<TargetName, TargetFigures>>;
  /** What each target is (the command line it ran with). */
  readonly described: Readonly<Record<TargetName, string>>;
  /** bot ÷ echo, bot ÷ lean-echo, bot ÷ before, variant ÷ bot. */
  readonly comparisons: readonly Comparison[];
  /**
   * With --profile: main-thread time per turn by part of the stack. On a loaded machine the
   * profile counts time the thread was runnable but not running too, so `cpuUsPerTurn` holds the
   * same parts scaled to the CPU per turn /proc measured (all threads): the shares are the profile's.
   */
  readonly profile?: Readonly<Record<TargetName, ProfileBreakdown & { readonly cpuUsPerTurn: Readonly<Record<string, number>> | undefined }>>;
  /** The commit `before` ran, with --before. */
  readonly beforeCommit?: string;
  /** Replies that reached the connector after the turn's HTTP response (must be 0). */
  readonly lateReplies: number;
  readonly unroutedCalls: number;
  /** Calls to the connector and the TCP connections they came on (keep-alive: few connections). */
  readonly connector: { readonly calls: number; readonly connections: number };
}

/** One server the bench runs under load. */
interface TargetSpec {
  readonly name: TargetName;
  readonly description: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly resolve: ClickResolver;
}

interface StaffSetup {
  readonly options: BenchOptions;
  readonly paths: readonly FlowPath[];
  readonly connector: LoadConnector;
  readonly serviceUrl: string;
  readonly agent: Agent;
}

/**
 * The staff members for one server. Staff member i of every target shares a seed, so all walk
 * the same paths (chosen uniformly among all root-to-end paths) in the same order.
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
 * The servers: the bot (as production runs it: start:prod's Node flags, through tsx), the stock
 * echo bot (an SDK user's echo, no flags), the lean echo (our HTTP edge, adapter and connector
 * client, production flags: the floor for our stack), the bot at another commit (--before) and
 * the bot with extra Node flags (--variant name=flags).
 */
function targetSpecs(options: BenchOptions, before: BeforeTree | undefined): TargetSpec[] {
  const flags = productionNodeFlags(PROJECT_DIR);
  const specs: TargetSpec[] = [];
  const wanted = new Set(options.targets);
  if (wanted.has('bot')) specs.push({ name: 'bot', description: `node ${flags.join(' ')} src/index.ts`, args: [...flags, '--import', 'tsx', fromHere('../src/index.ts')], resolve: clickOnCards });
  if (before) {
    const beforeFlags = productionNodeFlags(before.dir);
    specs.push({
      name: 'before',
      description: `node ${beforeFlags.join(' ')} src/index.ts at ${before.commit.slice(0, 10)}`,
      args: [...beforeFlags, '--import', 'tsx', join(before.dir, 'src/index.ts')],
      env: { FLOWS_DIR: join(before.dir, 'flows'), CARDS_DIR: join(before.dir, 'cards') },
      resolve: clickOnCards,
    });
  }
  for (const variant of options.variants) {
    specs.push({ name: `bot+${variant.name}`, description: `node ${[...flags, ...variant.flags].join(' ')} src/index.ts`, args: [...flags, ...variant.flags, '--import', 'tsx', fromHere('../src/index.ts')], resolve: clickOnCards });
  }
  if (wanted.has('echo')) specs.push({ name: 'echo', description: 'stock SDK echo: restify bodyParser + CloudAdapter + SDK connector client', args: ['--import', 'tsx', fromHere('./stock-echo-server.ts')], resolve: clickByReplay });
  if (wanted.has('lean-echo')) specs.push({ name: 'lean-echo', description: `echo on src/server.ts + src/adapter.ts (our connector client), node ${flags.join(' ')}`, args: [...flags, '--import', 'tsx', fromHere('./echo-server.ts')], resolve: clickByReplay });
  return specs;
}

/** bot against each baseline; a variant and `before` against the bot. */
function comparisonsOf(results: ReadonlyMap<TargetName, RoundResult[]>): Comparison[] {
  const out: Comparison[] = [];
  const add = (target: TargetName, baseline: TargetName) => {
    const t = results.get(target);
    const b = results.get(baseline);
    if (t && b && t.length > 0 && b.length > 0) out.push(compare(target, t, baseline, b));
  };
  add('bot', 'echo');
  add('bot', 'lean-echo');
  add('lean-echo', 'echo');
  add('bot', 'before');
  for (const name of results.keys()) if (name.startsWith('bot+')) add(name, 'bot');
  return out;
}

/**
 * The HTTP part: every target as a child process, one fake connector here, and the same staff
 * load on each in rotating rounds (A B C, C B A, …) so machine drift hits all alike.
 */
export async function runLoad(options: BenchOptions, env: Readonly<Record<string, string>>, paths: readonly FlowPath[]): Promise<LoadFigures> {
  const before = options.before === undefined ? undefined : await checkOutBefore(options.before);
  const connector = new LoadConnector();
  const serviceUrl = await connector.start();
  const servers = new Map<TargetName, ServerProcess>();
  const agent = new Agent({ keepAlive: true, maxSockets: options.staff * 2 });
  const profileDir = (name: TargetName): string => join(PROFILE_DIR, name.replace(/[^a-z0-9+-]/gi, '_'));
  try {
    const specs = targetSpecs(options, before);
    for (const spec of specs) {
      const profileArgs: string[] = [];
      if (options.profile) {
        rmSync(profileDir(spec.name), { recursive: true, force: true });
        mkdirSync(profileDir(spec.name), { recursive: true });
        profileArgs.push('--cpu-prof', `--cpu-prof-dir=${profileDir(spec.name)}`);
      }
      let logFile: string | undefined;
      if (options.keepLogs) {
        mkdirSync(LOG_DIR, { recursive: true });
        logFile = join(LOG_DIR, `${spec.name}.log`);
      }
      servers.set(spec.name, await startServer({ args: [...profileArgs, ...spec.args], env: { ...env, ...spec.env }, logFile }));
    }
    const setup: StaffSetup = { options, paths, connector, serviceUrl, agent };
    const targets = specs.map((spec) => {
      const server = servers.get(spec.name);
      if (!server) throw new Error(`${spec.name} did not start`);
      return staffFor(spec.name, server, spec.resolve, setup);
    });
    if (options.warmupSeconds > 0) {
      console.log(`warm-up: ${options.warmupSeconds} s each`);
      for (const target of targets) await runRound(target, options.warmupSeconds);
    }
    const results = new Map<TargetName, RoundResult[]>(targets.map((t) => [t.name, []]));
    for (let round = 0; round < options.rounds; round++) {
      // A B C, then C B A: each target's mean position in the run is the same.
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        const result = await runRound(target, options.roundSeconds);
        results.get(target.name)?.push(result);
        const cpu = result.serverCpuMs === undefined ? '' : `, ${((result.serverCpuMs * 1000) / Math.max(1, result.turns)).toFixed(0)} µs CPU/turn`;
        console.log(`round ${round + 1} ${target.name.padEnd(10)} ${((result.turns / result.elapsedMs) * 1000).toFixed(0).padStart(6)} turns/s${cpu}${result.errors > 0 ? `, ${result.errors} errors` : ''}`);
      }
    }
    const allStaff = targets.flatMap((t) => t.staff);
    const failed = allStaff.find((s) => s.lastError !== undefined);
    if (failed) console.warn(`WARNING: turns failed; the figures are not comparable. E.g. ${failed.conversationId}: ${failed.lastError}`);

    // The profiles are written when the servers exit.
    await Promise.all([...servers.values()].map((server) => server.stop(15_000)));
    servers.clear();
    let profile: LoadFigures['profile'];
    if (options.profile) {
      profile = Object.fromEntries(
        [...results].flatMap(([name, rounds]) => {
          const file = mainThreadProfile(profileDir(name));
          if (file === undefined) return [];
          const turns = rounds.reduce((sum, r) => sum + r.turns, 0);
          const parts = breakdown(file, rounds.map((r) => r.window), turns);
          const cpu = figuresOf(rounds).serverCpuUsPerTurn;
          const scale = cpu === undefined ? undefined : cpu / parts.busyUsPerTurn;
          const cpuUsPerTurn = scale === undefined ? undefined : Object.fromEntries(Object.entries(parts.usPerTurn).map(([part, us]) => [part, us * scale]));
          return [[name, { ...parts, cpuUsPerTurn }]];
        }),
      );
    }
    return {
      staff: options.staff,
      rounds: options.rounds,
      roundSeconds: options.roundSeconds,
      logLevel: options.logLevel,
      targets: Object.fromEntries([...results].map(([name, rounds]) => [name, figuresOf(rounds)])),
      described: Object.fromEntries(specs.map((s) => [s.name, s.description])),
      comparisons: comparisonsOf(results),
      profile,
      beforeCommit: before?.commit,
      lateReplies: allStaff.reduce((sum, s) => sum + s.late, 0),
      unroutedCalls: connector.unrouted,
      connector: { calls: connector.calls, connections: connector.connections },
    };
  } finally {
    agent.destroy();
    await Promise.all([...servers.values()].map((server) => server.stop(15_000)));
    await connector.stop();
    await before?.remove();
  }
}
