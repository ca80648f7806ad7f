import { performance } from 'node:perf_hooks';
import { processCpuMs } from './process-cpu.js';
import type { StaffMember, TurnSample } from './staff-member.js';
import { median, summarise, type LatencySummary } from './stats.js';

export type TargetName = 'bot' | 'echo';

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
  await Promise.all(target.staff.map((s) => s.work(() => stopped, (sample) => samples.push(sample))));
  const elapsedMs = performance.now() - started;
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

/** Bot ÷ baseline, per back-to-back pair of rounds, so drift on a shared machine cancels out. */
export interface PairRatio {
  readonly p50: number;
  readonly turnsPerSecond: number;
  readonly cpuPerTurn: number | undefined;
}

export function pairRatios(bot: readonly RoundResult[], echo: readonly RoundResult[]): PairRatio[] {
  return bot.flatMap((b, i) => {
    const e = echo[i];
    if (e === undefined) return [];
    const fb = figuresOf([b]);
    const fe = figuresOf([e]);
    return [
      {
        p50: fb.turnMs.p50 / fe.turnMs.p50,
        turnsPerSecond: fe.turnsPerSecond / fb.turnsPerSecond,
        cpuPerTurn: fb.serverCpuUsPerTurn === undefined || fe.serverCpuUsPerTurn === undefined ? undefined : fb.serverCpuUsPerTurn / fe.serverCpuUsPerTurn,
      },
    ];
  });
}

export const medianOf = (values: readonly (number | undefined)[]): number | undefined => {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? undefined : median(defined);
};
