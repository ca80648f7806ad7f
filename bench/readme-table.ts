import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * `npm run bench:readme`: rewrites the README's benchmark figures (between the bench:start and
 * bench:end markers) from bench/results.json, so the README says what the last recorded run
 * measured, on which machine and under what load, and nothing else.
 */
const targetSchema = z.object({ name: z.string(), goal: z.string(), value: z.string(), met: z.boolean().optional() });
const resultsSchema = z.looseObject({
  startedAt: z.string(),
  durationSeconds: z.number(),
  machine: z.object({ node: z.string(), cpus: z.number(), cpuModel: z.string(), loadAverage: z.object({ start: z.number(), end: z.number() }) }),
  load: z
    .looseObject({
      staff: z.number(),
      rounds: z.number(),
      roundSeconds: z.number(),
      targets: z.record(z.string(), z.looseObject({ turnsPerSecond: z.number(), serverCpuUsPerTurn: z.number().optional(), turnMs: z.looseObject({ p50: z.number(), p95: z.number() }) })),
      comparisons: z.array(z.looseObject({ target: z.string(), baseline: z.string(), throughput: z.number(), p50: z.number(), cpuPerTurn: z.number().optional(), cpuPerTurnRange: z.tuple([z.number(), z.number()]).optional() })),
      profile: z.record(z.string(), z.looseObject({ cpuUsPerTurn: z.record(z.string(), z.number()).optional() })).optional(),
      beforeCommit: z.string().optional(),
    })
    .optional(),
  targets: z.array(targetSchema),
});

const START = '<!-- bench:start (npm run bench:readme writes this part from bench/results.json) -->';
const END = '<!-- bench:end -->';

const x = (v: number | undefined): string => (v === undefined ? '-' : `${v.toFixed(2)}×`);

export function benchMarkdown(raw: unknown): string {
  const r = resultsSchema.parse(raw);
  const lines: string[] = [];
  lines.push(
    `Latest recorded run: ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, node ${r.machine.node}, ${r.machine.cpus}× ${r.machine.cpuModel}, load average ${r.machine.loadAverage.start.toFixed(1)} → ${r.machine.loadAverage.end.toFixed(1)} (other work on the same 2 cores: read the ratios, measured in the same run, not the absolute figures).`,
    '',
  );
  if (r.load) {
    const load = r.load;
    lines.push(`Turns over HTTP (${load.staff} staff, ${load.rounds} rounds × ${load.roundSeconds} s per server, rotating order):`, '', '| server | turns/s | p50 / p95 ms | server CPU per turn |', '| --- | --- | --- | --- |');
    for (const [name, f] of Object.entries(load.targets)) {
      lines.push(`| ${name} | ${f.turnsPerSecond.toFixed(0)} | ${f.turnMs.p50.toFixed(0)} / ${f.turnMs.p95.toFixed(0)} | ${f.serverCpuUsPerTurn === undefined ? '-' : `${(f.serverCpuUsPerTurn / 1000).toFixed(2)} ms`} |`);
    }
    lines.push('', '| ratio (same run) | throughput cost | p50 | CPU per turn (range over round pairs) |', '| --- | --- | --- | --- |');
    for (const c of load.comparisons) {
      lines.push(`| ${c.target} ÷ ${c.baseline} | ${x(c.throughput)} | ${x(c.p50)} | ${x(c.cpuPerTurn)}${c.cpuPerTurnRange ? ` (${x(c.cpuPerTurnRange[0])}–${x(c.cpuPerTurnRange[1])})` : ''} |`);
    }
    if (load.beforeCommit) lines.push('', `"before" is the bot at ${load.beforeCommit.slice(0, 10)}, run side by side.`);
    const profile = load.profile;
    if (profile) {
      const names = Object.keys(profile);
      const parts = Object.keys(Object.values(profile)[0]?.cpuUsPerTurn ?? {});
      lines.push('', 'Where a turn goes, CPU µs per turn (`--profile`: each part\'s share of the CPU profile, scaled to the measured CPU):', '', `| part | ${names.join(' | ')} |`, `| --- | ${names.map(() => '---').join(' | ')} |`);
      for (const part of parts) lines.push(`| ${part} | ${names.map((n) => (profile[n]?.cpuUsPerTurn?.[part] ?? 0).toFixed(0)).join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('| target | goal | measured | |', '| --- | --- | --- | --- |');
  for (const t of r.targets) lines.push(`| ${t.name} | ${t.goal} | ${t.value.replaceAll('|', '/')} | ${t.met === undefined ? 'not run' : t.met ? 'met' : '**not met**'} |`);
  return lines.join('\n');
}

/** The README with the part between the markers replaced. */
export function withBenchPart(readme: string, part: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} part`);
  return `${readme.slice(0, start + START.length)}\n${part}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('./results.json', import.meta.url)), 'utf8'));
  const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
  writeFileSync(readmePath, withBenchPart(readFileSync(readmePath, 'utf8'), benchMarkdown(results)));
  process.stdout.write('README.md: benchmark part rewritten from bench/results.json\n');
}
