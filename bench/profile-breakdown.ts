import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Where a server's main-thread time went during the measured rounds, by part of the stack (the
 * rows of issue 19's table), from the V8 CPU profile `node --cpu-prof` writes at exit. Samples are
 * counted only inside the rounds' time windows, so start-up, warm-up and idle time are left out,
 * and divided by the turns of those rounds: microseconds per turn.
 */

export const PARTS = [
  'connector client, outgoing HTTP',
  'garbage collection',
  'incoming HTTP (restify, body)',
  'storage (ours + fs)',
  'card templating',
  'botbuilder-dialogs',
  'botbuilder core',
  'async hooks (AsyncLocalStorage)',
  'zod',
  'logging (pino, ours)',
  'ours (src/, bench/)',
  'other packages',
  'node internals, unattributed',
] as const;
export type Part = (typeof PARTS)[number];

/** A time window of measured rounds on the CLOCK_MONOTONIC scale V8 stamps its samples with (µs). */
export interface Window {
  readonly startUs: number;
  readonly endUs: number;
}

export interface ProfileBreakdown {
  /** Main-thread busy time per turn (idle left out), µs. */
  readonly busyUsPerTurn: number;
  readonly usPerTurn: Readonly<Record<Part, number>>;
  readonly turns: number;
  /** The profile file read (the main thread's). */
  readonly file: string;
}

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string() }),
      children: z.array(z.number()).default([]),
    }),
  ),
  startTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const IDLE = new Set(['(idle)', '(program)']);

/** Packages by the part they belong to; a package not listed is "other packages". */
const PACKAGE_PARTS: ReadonlyArray<readonly [RegExp, Part]> = [
  [/^(@azure\/|@typespec\/|botframework-connector$|botbuilder-stdlib$|@azure\/msal|jsonwebtoken$|jwks-rsa$|node-fetch$|cross-fetch$)/, 'connector client, outgoing HTTP'],
  [/^(restify|find-my-way|formidable|spdy|http-deceiver|negotiator|mime|csv|send|lru-cache)/, 'incoming HTTP (restify, body)'],
  [/^(adaptivecards-templating|adaptive-expressions|antlr4ts)$/, 'card templating'],
  [/^botbuilder-dialogs/, 'botbuilder-dialogs'],
  [/^(botbuilder|botbuilder-core|botframework-schema|botbuilder-dialogs-adaptive-runtime-core)$/, 'botbuilder core'],
  [/^zod$/, 'zod'],
  [/^(pino|pino-std-serializers|sonic-boom|thread-stream|quick-format-unescaped|fast-redact|on-exit-leak-free|atomic-sleep|safe-stable-stringify)$/, 'logging (pino, ours)'],
];

/** The part a frame's script belongs to, or undefined when it says nothing (native, generic Node internals). */
function partOfUrl(url: string): Part | undefined {
  if (url === '') return undefined;
  if (url.startsWith('node:')) {
    if (/^node:_http_(client|agent)$|^node:https$/.test(url)) return 'connector client, outgoing HTTP';
    if (url === 'node:_http_server') return 'incoming HTTP (restify, body)';
    if (/^node:(fs|internal\/fs\/)/.test(url)) return 'storage (ours + fs)';
    if (/async_hooks/.test(url)) return 'async hooks (AsyncLocalStorage)';
    return undefined;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg !== undefined) return PACKAGE_PARTS.find(([pattern]) => pattern.test(pkg))?.[1] ?? 'other packages';
  if (/\/src\/storage\//.test(url)) return 'storage (ours + fs)';
  if (/\/src\/(http\/|server\.[jt]s)/.test(url)) return 'incoming HTTP (restify, body)';
  if (/\/src\/logging\//.test(url)) return 'logging (pino, ours)';
  if (/\/src\/cards\/(card-templates|compiled-template|template-)/.test(url)) return 'card templating';
  if (/\/src\/teams\/(bot-connector|cached-connector-factory)\./.test(url)) return 'connector client, outgoing HTTP';
  if (/\/(src|bench)\//.test(url)) return 'ours (src/, bench/)';
  return 'other packages';
}

/** The newest main-thread profile in `dir` (thread 0; the largest file when the name says nothing). */
export function mainThreadProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const main = files.filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)).sort();
  return main.length > 0 ? join(dir, main[main.length - 1] ?? '') : files.map((f) => join(dir, f))[0];
}

/**
 * Attributes each sample to the part of the innermost frame that belongs to one: a zod parse
 * called from the storage counts as zod, a socket write under the connector client as the
 * connector, the garbage collector as itself.
 */
export function breakdown(file: string, windows: readonly Window[], turns: number): ProfileBreakdown {
  const profile = profileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children) parent.set(c, n.id);
  const partOf = new Map<number, Part | 'idle'>();
  const resolve = (id: number): Part | 'idle' => {
    const known = partOf.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    let part: Part | 'idle';
    if (!node) part = 'node internals, unattributed';
    else if (IDLE.has(node.callFrame.functionName)) part = 'idle';
    else if (node.callFrame.functionName === '(garbage collector)') part = 'garbage collection';
    else {
      const own = partOfUrl(node.callFrame.url);
      const up = parent.get(id);
      part = own ?? (up === undefined ? 'node internals, unattributed' : resolve(up));
      if (part === 'idle') part = 'node internals, unattributed';
    }
    partOf.set(id, part);
    return part;
  };
  const totals = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
  const sorted = [...windows].sort((a, b) => a.startUs - b.startUs);
  let at = profile.startTime;
  let busy = 0;
  profile.samples.forEach((nodeId, i) => {
    at += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (!sorted.some((w) => at >= w.startUs && at < w.endUs)) return;
    const part = resolve(nodeId);
    if (part === 'idle') return;
    totals[part] += us;
    busy += us;
  });
  const perTurn = (us: number): number => (turns === 0 ? Number.NaN : us / turns);
  return {
    busyUsPerTurn: perTurn(busy),
    usPerTurn: Object.fromEntries(PARTS.map((p) => [p, perTurn(totals[p])])) as Record<Part, number>,
    turns,
    file,
  };
}

/** The CLOCK_MONOTONIC time V8 stamps profile samples with, in µs (process.hrtime reads the same clock). */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);
