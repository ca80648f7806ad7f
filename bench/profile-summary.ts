import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * Reads a V8 .cpuprofile (node --cpu-prof; one file per thread, the main thread's is the large one)
 * and prints where the busy time went: by package or folder, and the heaviest functions by self
 * and by inclusive time. Idle and start-up (--skip-ms) are left out of the percentages.
 *
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile> [--skip-ms 3000] [--top 25] [--match src/]
 */

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).default([]),
    }),
  ),
  startTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
type ProfileNode = z.infer<typeof profileSchema>['nodes'][number];

// Piped into head: stop quietly when the reader has had enough.
process.stdout.on('error', () => process.exit(0));

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'skip-ms': { type: 'string' }, top: { type: 'string' }, match: { type: 'string' } },
});
const file = positionals[0];
if (file === undefined) {
  console.error('usage: bench/profile-summary.ts <file.cpuprofile> [--skip-ms 3000] [--top 25] [--match src/]');
  process.exit(2);
}
const skipMs = Number(values['skip-ms'] ?? '0');
const top = Number(values.top ?? '25');
const match = values.match;
const profile = profileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));

const cwd = process.cwd();
const pathOf = (url: string): string => (url.startsWith('file://') ? relative(cwd, new URL(url).pathname) : url);
const placeOf = (url: string): string => {
  if (url === '') return '(native, GC)';
  if (url.startsWith('node:')) return 'node:internal';
  const path = pathOf(url);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return pkg?.[1] ?? path.split('/').slice(0, 2).join('/');
};
const keyOf = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'}  ${pathOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const IDLE = new Set(['(idle)', '(program)']);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children) parent.set(c, n.id);

// Busy time per node from the samples after the skipped start-up.
const selfUs = new Map<number, number>();
let elapsedUs = 0;
profile.samples.forEach((nodeId, i) => {
  elapsedUs += profile.timeDeltas[i] ?? 0;
  const node = byId.get(nodeId);
  if (elapsedUs < skipMs * 1000 || !node || IDLE.has(node.callFrame.functionName)) return;
  selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
});

const selfByPlace = new Map<string, number>();
const selfByFn = new Map<string, number>();
const inclusiveByFn = new Map<string, number>();
const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
let busyUs = 0;
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  busyUs += us;
  add(selfByPlace, placeOf(node.callFrame.url), us);
  add(selfByFn, keyOf(node), us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at);
    if (!frame) break;
    const key = keyOf(frame);
    if (!seen.has(key)) add(inclusiveByFn, key, us);
    seen.add(key);
  }
}

const print = (title: string, map: Map<string, number>, count: number) => {
  console.log(`\n${title}`);
  const rows = [...map].filter(([key]) => match === undefined || key.includes(match)).sort((a, b) => b[1] - a[1]);
  for (const [key, us] of rows.slice(0, count)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((us / busyUs) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
};
console.log(`${file}: ${(busyUs / 1000).toFixed(0)} ms busy after the first ${skipMs} ms (idle left out)`);
print('self time by package / folder', selfByPlace, 25);
print('self time by function', selfByFn, top);
print('inclusive time by function', inclusiveByFn, top);
