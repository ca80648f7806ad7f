import { performance } from 'node:perf_hooks';
import { monotonicUs, type Window } from './profile-breakdown.js';
import { processCpuMs } from './process-cpu.js';
import type { StaffMember, TurnSample } from './staff-member.js';
import { median, summarise, type LatencySummary } from './stats.js';

/** A server under load: bot, echo, lean-echo, before, or a variant of the bot (bot+gc). */
export type TargetName = string;

/** A server under load and the staff members who talk to it. */
export interface LoadTarget {
  readonly name: TargetName;
  readonly pid: number;
  readonly staff: readonly StaffMember[];
}

export interface RoundResult {
  readonly target: TargetName;
  readonly turns: number;
  readonly elapsedMs: number;
  readonly samples: readonly TurnSample[];
  /** CPU the server process used during the round; undefined without /proc. */
  readonly serverCpuMs: number | undefined;
  /** CPU this process (staff members + connector) used during the round. */
  readonly clientCpuMs: number;
  readonly errors: number;
  /** When the round ran, on the clock CPU profiles are stamped with. */
  readonly window: Window;
}

/** All staff members of a target take turns back to back for `seconds`; in-flight turns are finished. */
export async function runRound(target: LoadTarget, seconds: number): Promise<RoundResult> {
  const samples: TurnSample[] = [];
  const errorsBefore = target.staff.reduce((sum, s) => sum + s.errors, 0);
  let stopped = false;
  const timer = setTimeout(() => (stopped = true), seconds * 1000);
  const cpuBefore = processCpuMs(target.pid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const startUs = monotonicUs();
  await Promise.all(target.staff.map((s) => s.work(() => stopped, (sample) => samples.push(sample))));
  const elapsedMs = performance.now() - started;
  const endUs = monotonicUs();
  clearTimeout(timer);
  const cpuAfter = processCpuMs(target.pid);
  const client = process.cpuUsage(clientBefore);
  return {
    target: target.name,
    turns: samples.length,
    elapsedMs,
    samples,
    serverCpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    clientCpuMs: (client.user + client.system) / 1000,
    errors: target.staff.reduce((sum, s) => sum + s.errors, 0) - errorsBefore,
    window: { startUs, endUs },
  };
}

/** What all measured rounds of one target add up to. */
export interface TargetFigures {
  readonly turns: number;
  readonly turnsPerSecond: number;
  readonly turnMs: LatencySummary;
  /** Turn times by how many messages the turn posted: a case's last turn posts its end card and the summary. */
  readonly turnMsByPosts: Readonly<Record<string, LatencySummary>>;
  readonly responseMs: LatencySummary;
  readonly connectorCallsPerTurn: { readonly post: number; readonly put: number };
  /** Server CPU time per turn in microseconds: the cost of a turn with queueing taken out. */
  readonly serverCpuUsPerTurn: number | undefined;
  /** Share of one core the server used; near 1 means the server, not the load generator, was the limit. */
  readonly serverCoreUse: number | undefined;
  readonly clientCoreUse: number;
  readonly errors: number;
}

export function figuresOf(rounds: readonly RoundResult[]): TargetFigures {
  const samples = rounds.flatMap((r) => r.samples);
  const turns = samples.length;
  const elapsedMs = rounds.reduce((sum, r) => sum + r.elapsedMs, 0);
  const cpu = rounds.every((r) => r.serverCpuMs !== undefined) ? rounds.reduce((sum, r) => sum + (r.serverCpuMs ?? 0), 0) : undefined;
  const clientCpu = rounds.reduce((sum, r) => sum + r.clientCpuMs, 0);
  return {
    turns,
    turnsPerSecond: (turns / elapsedMs) * 1000,
    turnMs: summarise(samples.map((s) => s.turnMs)),
    turnMsByPosts: Object.fromEntries(
      [...new Set(samples.map((s) => s.posts))].sort((a, b) => a - b).map((posts) => [String(posts), summarise(samples.filter((s) => s.posts === posts).map((s) => s.turnMs))]),
    ),
    responseMs: summarise(samples.map((s) => s.responseMs)),
    connectorCallsPerTurn: {
      post: samples.reduce((sum, s) => sum + s.posts, 0) / turns,
      put: samples.reduce((sum, s) => sum + s.puts, 0) / turns,
    },
    serverCpuUsPerTurn: cpu === undefined ? undefined : (cpu * 1000) / turns,
    serverCoreUse: cpu === undefined ? undefined : cpu / elapsedMs,
    clientCoreUse: clientCpu / elapsedMs,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** Target ÷ baseline, per back-to-back pair of rounds, so drift on a shared machine cancels out. */
export interface PairRatio {
  readonly p50: number;
  /** Baseline turns/s ÷ target turns/s: what a turn costs, at saturation. */
  readonly turnsPerSecond: number;
  readonly cpuPerTurn: number | undefined;
}

/** One target measured against one baseline: the ratios over all rounds, and per round pair. */
export interface Comparison {
  readonly target: TargetName;
  readonly baseline: TargetName;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Baseline turns/s ÷ target turns/s. */
  readonly throughput: number;
  readonly cpuPerTurn: number | undefined;
  readonly pairs: readonly PairRatio[];
  /** Smallest and largest CPU-per-turn ratio over the round pairs: the spread the noise leaves. */
  readonly cpuPerTurnRange: readonly [number, number] | undefined;
}

const cpuRatio = (a: TargetFigures, b: TargetFigures): number | undefined =>
  a.serverCpuUsPerTurn === undefined || b.serverCpuUsPerTurn === undefined ? undefined : a.serverCpuUsPerTurn / b.serverCpuUsPerTurn;

export function pairRatios(target: readonly RoundResult[], baseline: readonly RoundResult[]): PairRatio[] {
  return target.flatMap((t, i) => {
    const b = baseline[i];
    if (b === undefined) return [];
    const ft = figuresOf([t]);
    const fb = figuresOf([b]);
    return [{ p50: ft.turnMs.p50 / fb.turnMs.p50, turnsPerSecond: fb.turnsPerSecond / ft.turnsPerSecond, cpuPerTurn: cpuRatio(ft, fb) }];
  });
}

export function compare(targetName: TargetName, target: readonly RoundResult[], baselineName: TargetName, baseline: readonly RoundResult[]): Comparison {
  const ft = figuresOf(target);
  const fb = figuresOf(baseline);
  const pairs = pairRatios(target, baseline);
  const cpu = pairs.map((p) => p.cpuPerTurn).filter((v): v is number => v !== undefined);
  return {
    target: targetName,
    baseline: baselineName,
    p50: ft.turnMs.p50 / fb.turnMs.p50,
    p95: ft.turnMs.p95 / fb.turnMs.p95,
    p99: ft.turnMs.p99 / fb.turnMs.p99,
    throughput: fb.turnsPerSecond / ft.turnsPerSecond,
    cpuPerTurn: cpuRatio(ft, fb),
    pairs,
    cpuPerTurnRange: cpu.length === 0 ? undefined : [Math.min(...cpu), Math.max(...cpu)],
  };
}

export const medianOf = (values: readonly (number | undefined)[]): number | undefined => {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? undefined : median(defined);
};
