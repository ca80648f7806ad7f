import type { ColdStartFigures } from './cold-start.js';
import type { FlowsLoadFigures } from './flows-load.js';
import type { PairRatio, TargetFigures } from './load-rounds.js';
import type { MemoryProbeResult } from './memory-probe.js';
import type { SearchBenchFigures, SearchCatalogFigures } from './search-timing.js';

/** Everything one bench run found; written to bench/results.json. */
export interface BenchResults {
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: {
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
    readonly cpuModel: string;
    /** 1-minute load average before and after: other work on the machine skews absolute figures. */
    readonly loadAverage: { readonly start: number; readonly end: number };
  };
  readonly flows: { readonly dir: string; readonly fellBackToFixtures: boolean; readonly count: number; readonly paths: number; readonly longestPath: { readonly flowId: string; readonly clicks: number } };
  readonly load?: {
    readonly staff: number;
    readonly rounds: number;
    readonly roundSeconds: number;
    readonly logLevel: string;
    readonly bot: TargetFigures;
    readonly echo: TargetFigures;
    /** Bot ÷ baseline: latency percentiles, CPU per turn, and baseline turns/s ÷ bot turns/s. */
    readonly ratios: { readonly p50: number; readonly p95: number; readonly p99: number; readonly throughput: number; readonly cpuPerTurn: number | undefined };
    readonly pairRatios: readonly PairRatio[];
    /** Replies that reached the connector after the bot had answered the turn's HTTP request (must be 0). */
    readonly lateReplies: number;
    readonly unroutedCalls: number;
    readonly profileDir?: string;
  };
  readonly memory?: MemoryProbeResult;
  readonly flowsLoad?: FlowsLoadFigures;
  readonly coldStart?: { readonly bot: ColdStartFigures; readonly compiled: ColdStartFigures; readonly bare: ColdStartFigures; readonly bareWithTsx: ColdStartFigures };
  /** The symptom search: one decide() on the current flows and on a synthetic 50 × 150 catalogue. */
  readonly search?: SearchBenchFigures;
  readonly targets: readonly TargetCheck[];
}

export interface TargetCheck {
  readonly name: string;
  readonly goal: string;
  readonly value: string;
  /** undefined when the part was skipped. */
  readonly met: boolean | undefined;
}

const ms = (v: number): string => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '-');
const x = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '-' : `${v.toFixed(2)}×`);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The goals of the benchmark issues, checked against what was measured. */
export function checkTargets(r: Omit<BenchResults, 'targets'>): TargetCheck[] {
  const state = r.memory?.longest.maxOpenStateBytes;
  return [
    {
      // At saturation a turn's cost is 1 / throughput; p50 and CPU per turn are shown beside it.
      name: 'turn cost vs echo baseline',
      goal: '≤ 1.5× (echo turns/s ÷ bot turns/s)',
      value: r.load ? `${x(r.load.ratios.throughput)} (p50 ${x(r.load.ratios.p50)}, CPU/turn ${x(r.load.ratios.cpuPerTurn)})` : '-',
      met: r.load ? r.load.ratios.throughput <= 1.5 : undefined,
    },
    {
      name: 'throughput',
      goal: '≥ 1000 turns/s',
      value: r.load ? `${r.load.bot.turnsPerSecond.toFixed(0)} turns/s` : '-',
      met: r.load ? r.load.bot.turnsPerSecond >= 1000 : undefined,
    },
    {
      name: 'stored state per case',
      goal: '≤ 2 KB (largest while open, longest path)',
      value: state === undefined ? '-' : kb(state),
      met: state === undefined ? undefined : state <= 2048,
    },
    {
      name: 'flows load and validate',
      goal: '< 50 ms (median)',
      value: r.flowsLoad ? `${ms(r.flowsLoad.medianMs)} ms (first ${ms(r.flowsLoad.firstMs)} ms)` : '-',
      met: r.flowsLoad ? r.flowsLoad.medianMs < 50 : undefined,
    },
    {
      name: 'cold start to /healthz (production build)',
      goal: '< 1.5 s (median)',
      value: r.coldStart ? `${ms(r.coldStart.compiled.medianMs)} ms` : '-',
      met: r.coldStart ? r.coldStart.compiled.medianMs < 1500 : undefined,
    },
    {
      name: 'symptom search, current flows',
      goal: '< 2 ms (p99)',
      value: r.search ? searchValue(r.search.current) : '-',
      met: r.search ? r.search.current.searchMs.p99 < 2 : undefined,
    },
    {
      name: 'symptom search, 50 flows × 150 steps',
      goal: '< 10 ms (p99)',
      value: r.search ? searchValue(r.search.synthetic) : '-',
      met: r.search ? r.search.synthetic.searchMs.p99 < 10 : undefined,
    },
  ];
}

/**
 * The search target's figure: p99 over every run, as a staff member meets it. Beside it the p99
 * of each phrase's fastest run, the search's own work: when the two differ much, the machine was
 * busy (a run preempted by the scheduler) and the bench should be run again on a quiet one.
 */
function searchValue(f: SearchCatalogFigures): string {
  return `${ms(f.searchMs.p99)} ms (p50 ${ms(f.searchMs.p50)}; each phrase's fastest run: p99 ${ms(f.steadyMs.p99)} ms)`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

/** The human-readable summary printed at the end of a run. */
export function formatReport(r: BenchResults): string {
  const out: string[] = [];
  out.push(
    `Baliewijzer bench ${r.startedAt}  node ${r.machine.node}, ${r.machine.cpus}× ${r.machine.cpuModel}, load avg ${r.machine.loadAverage.start.toFixed(2)} → ${r.machine.loadAverage.end.toFixed(2)}, ${r.durationSeconds.toFixed(0)} s`,
    `flows: ${r.flows.dir}${r.flows.fellBackToFixtures ? ' (flows/ did not load: fell back to the fixtures)' : ''}, ${r.flows.count} flows, ${r.flows.paths} paths, longest ${r.flows.longestPath.flowId} (${r.flows.longestPath.clicks} clicks)`,
  );
  const load = r.load;
  if (load) {
    const row = (name: string, f: TargetFigures): string[] => [
      name,
      f.turnsPerSecond.toFixed(0),
      ms(f.turnMs.p50),
      ms(f.turnMs.p95),
      ms(f.turnMs.p99),
      f.serverCpuUsPerTurn === undefined ? '-' : f.serverCpuUsPerTurn.toFixed(0),
      f.serverCoreUse === undefined ? '-' : `${(f.serverCoreUse * 100).toFixed(0)}%`,
      `${(f.clientCoreUse * 100).toFixed(0)}%`,
      `${f.connectorCallsPerTurn.post.toFixed(2)}+${f.connectorCallsPerTurn.put.toFixed(2)}`,
      String(f.turns),
      String(f.errors),
    ];
    out.push(
      '',
      `Turns over HTTP: ${load.staff} staff, ${load.rounds} rounds × ${load.roundSeconds} s per target, alternating, LOG_LEVEL=${load.logLevel}`,
      table([
        ['', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU µs/turn', 'server core', 'client core', 'POST+PUT/turn', 'turns', 'errors'],
        row('bot', load.bot),
        row('echo baseline', load.echo),
        ['bot cost ÷ echo', x(load.ratios.throughput), x(load.ratios.p50), x(load.ratios.p95), x(load.ratios.p99), x(load.ratios.cpuPerTurn), '', '', '', '', ''],
      ]),
      `"bot cost ÷ echo" under turns/s is echo turns/s ÷ bot turns/s. Per round pair (bot cost ÷ echo): turns/s ${load.pairRatios.map((p) => x(p.turnsPerSecond)).join(' ')}; p50 ${load.pairRatios.map((p) => x(p.p50)).join(' ')}; CPU/turn ${load.pairRatios.map((p) => x(p.cpuPerTurn)).join(' ')}`,
      `bot turns by POSTs per turn: ${Object.entries(load.bot.turnMsByPosts).map(([posts, f]) => `${posts}: ${f.count} turns, p50 ${ms(f.p50)} ms, p95 ${ms(f.p95)} ms`).join('; ')}`,
      `turn = send → last reply at the connector; HTTP response p50 bot ${ms(load.bot.responseMs.p50)} ms, echo ${ms(load.echo.responseMs.p50)} ms; late replies ${load.lateReplies}, unrouted ${load.unroutedCalls}`,
    );
    if (load.profileDir) out.push(`CPU profiles of both servers: ${load.profileDir}/{bot,echo} (summarise: node --import tsx bench/profile-summary.ts <file>)`);
  }
  const m = r.memory;
  if (m) {
    out.push(
      '',
      `Memory with ${m.cases} open cases (in-process, TestAdapter, after forced GC; ${m.inProcessTurnsPerSecond.toFixed(0)} turns/s in-process while opening them)`,
      table([
        ['', 'RSS', 'heap used', 'heap total'],
        ['no cases', mb(m.empty.rss), mb(m.empty.heapUsed), mb(m.empty.heapTotal)],
        [`${m.cases} cases`, mb(m.withCases.rss), mb(m.withCases.heapUsed), mb(m.withCases.heapTotal)],
        ['per case', kb(m.rssBytesPerCase), kb(m.heapBytesPerCase), ''],
      ]),
      `stored state per conversation: mean ${kb(m.meanStateBytes)} over the open cases; longest path ${m.longest.flowId} (${m.longest.clicks} clicks): mid-case ${kb(m.longest.midCaseStateBytes)}, largest while open ${kb(m.longest.maxOpenStateBytes)}; finished case record ${m.longest.caseRecordBytes === undefined ? '-' : kb(m.longest.caseRecordBytes)}`,
    );
  }
  if (r.flowsLoad) {
    out.push('', `Flows load + validate (${r.flowsLoad.flows} flows, ${r.flowsLoad.nodes} nodes): median ${ms(r.flowsLoad.medianMs)} ms of ${r.flowsLoad.runs}, first ${ms(r.flowsLoad.firstMs)} ms`);
  }
  if (r.coldStart) {
    const c = r.coldStart;
    const line = (name: string, f: ColdStartFigures) => [name, ms(f.medianMs), f.runsMs.map(ms).join(' ')];
    out.push(
      '',
      'Cold start: spawn → GET /healthz 200',
      table([
        ['', 'median ms', 'runs ms'],
        line('bot, production build (node dist/index.js)', c.compiled),
        line('bot, development (node --import tsx src/index.ts)', c.bot),
        line('bare restify + botbuilder (node -e)', c.bare),
        line('bare, with the tsx loader', c.bareWithTsx),
      ]),
    );
  }
  if (r.search) {
    const row = (name: string, f: SearchCatalogFigures) => [name, `${f.flows} × ${Math.round(f.nodes / f.flows)}`, ms(f.buildMs), ms(f.searchMs.p50), ms(f.searchMs.p95), ms(f.searchMs.p99), ms(f.steadyMs.p50), ms(f.steadyMs.p99), String(f.searchMs.count)];
    out.push(
      '',
      `Symptom search (${r.search.library}): one decide() per phrase of test/matching/phrases.yaml, repeated; "fastest": each phrase's fastest run`,
      table([['', 'flows × steps', 'build ms', 'p50 ms', 'p95 ms', 'p99 ms', 'fastest p50', 'fastest p99', 'searches'], row('current flows', r.search.current), row('synthetic catalogue', r.search.synthetic)]),
    );
  }
  out.push('', 'Targets', table([['', 'goal', 'measured', ''], ...r.targets.map((t) => [t.name, t.goal, t.value, t.met === undefined ? 'skipped' : t.met ? 'met' : 'NOT MET'])]));
  return out.join('\n');
}
