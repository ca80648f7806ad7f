import { parseArgs } from 'node:util';
import { z } from 'zod';

export const BENCH_PARTS = ['load', 'memory', 'flows', 'cold', 'search', 'sweep', 'statistics', 'state', 'fsync'] as const;
export const LOAD_TARGETS = ['bot', 'echo', 'lean-echo'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

const partList = z
  .string()
  .default('')
  .transform((v) => new Set(v.split(',').map((s) => s.trim()).filter((s) => s !== '')))
  .pipe(z.set(z.enum(BENCH_PARTS)));

/** Everything a bench run can be told, from the command line (`npm run bench -- --staff 20`) and FLOWS_DIR. */
const optionsSchema = z.object({
  staff: z.coerce.number().int().min(1).max(1000).default(50),
  rounds: z.coerce.number().int().min(1).max(50).default(4),
  roundSeconds: z.coerce.number().positive().max(600).default(5),
  warmupSeconds: z.coerce.number().min(0).max(600).default(3),
  cases: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Cases opened and finished in-process for the flat-memory figure (issue 19 asks about 100,000). */
  finishedCases: z.coerce.number().int().min(0).max(1_000_000).default(20_000),
  /** Conversations stored for the sweep figure. */
  sweepConversations: z.coerce.number().int().min(100).max(1_000_000).default(100_000),
  /** Statistics records (one per case, over 90 days) for the statistieken figure. */
  statisticsRecords: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Depth of the synthetic flow for the state-size figure. */
  deepFlowSteps: z.coerce.number().int().min(1).max(199).default(160),
  fsyncWrites: z.coerce.number().int().min(100).max(100_000).default(2_000),
  coldRuns: z.coerce.number().int().min(1).max(50).default(5),
  flowsRuns: z.coerce.number().int().min(1).max(1000).default(30),
  seed: z.coerce.number().int().default(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Profile every server under load (V8 CPU profiles in bench/profiles/) and print where a turn's time goes. */
  profile: z.boolean().default(false),
  /** The servers under load: the bot, the stock SDK echo and the echo on our own edge and connector client. */
  targets: z
    .string()
    .default('bot,echo,lean-echo')
    .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .pipe(z.array(z.enum(LOAD_TARGETS)).min(1)),
  /** Also run the bot as it was at this git ref, side by side: the before of a change. */
  before: z.string().min(1).optional(),
  /** Also run the bot with extra Node flags: name=flags, e.g. gc=--max-semi-space-size=64. */
  variants: z
    .array(z.string().regex(/^[a-z0-9-]+=\S.*$/i, 'a variant is name=--flag[ --flag]'))
    .default([])
    .transform((list) => list.map((v) => ({ name: v.slice(0, v.indexOf('=')), flags: v.slice(v.indexOf('=') + 1).split(/\s+/) }))),
  /** Keep both servers' logs of the load part in bench/logs/ (*.log is git-ignored). */
  keepLogs: z.boolean().default(false),
  /** Leave parts out, e.g. --skip cold,memory for a quick load run. */
  skip: partList,
  /** Run only these parts, e.g. --only search; the others count as skipped. */
  only: partList,
  /** Rounds over the evaluation set's phrases for the search timing (a fifth of them on the synthetic catalogue). */
  searchRounds: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Folder of flow files; when unset and flows/ does not load, the test fixtures are used. */
  flowsDir: z.string().min(1).optional(),
});

export type BenchOptions = z.infer<typeof optionsSchema>;

export const USAGE = `npm run bench -- [--staff 50] [--rounds 4] [--round-seconds 5] [--warmup-seconds 3]
  [--cases 10000] [--finished-cases 20000] [--sweep-conversations 100000] [--statistics-records 10000]
  [--deep-flow-steps 160] [--fsync-writes 2000] [--cold-runs 5] [--flows-runs 30] [--seed 1] [--log-level info] [--profile] [--keep-logs]
  [--targets bot,echo,lean-echo] [--before <git ref>] [--variant name=--node-flag ...]
  [--search-rounds 100] [--skip load,memory,flows,cold,search,sweep,statistics,state] [--only load]
  env: FLOWS_DIR (default flows, else test/fixtures/flows)`;

export function readOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      staff: { type: 'string' },
      rounds: { type: 'string' },
      'round-seconds': { type: 'string' },
      'warmup-seconds': { type: 'string' },
      cases: { type: 'string' },
      'finished-cases': { type: 'string' },
      'sweep-conversations': { type: 'string' },
      'statistics-records': { type: 'string' },
      'deep-flow-steps': { type: 'string' },
      'fsync-writes': { type: 'string' },
      'cold-runs': { type: 'string' },
      'flows-runs': { type: 'string' },
      seed: { type: 'string' },
      'log-level': { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      profile: { type: 'boolean' },
      targets: { type: 'string' },
      before: { type: 'string' },
      variant: { type: 'string', multiple: true },
      'keep-logs': { type: 'boolean' },
      skip: { type: 'string' },
      only: { type: 'string' },
      'search-rounds': { type: 'string' },
    },
    strict: true,
  });
  const parsed = optionsSchema.safeParse({
    staff: values.staff,
    rounds: values.rounds,
    roundSeconds: values['round-seconds'],
    warmupSeconds: values['warmup-seconds'],
    cases: values.cases,
    finishedCases: values['finished-cases'],
    sweepConversations: values['sweep-conversations'],
    statisticsRecords: values['statistics-records'],
    deepFlowSteps: values['deep-flow-steps'],
    fsyncWrites: values['fsync-writes'],
    coldRuns: values['cold-runs'],
    flowsRuns: values['flows-runs'],
    seed: values.seed,
    logLevel: values['log-level'],
    profile: values.profile === true || values['cpu-prof'] === true,
    targets: values.targets,
    before: values.before,
    variants: values.variant,
    keepLogs: values['keep-logs'],
    skip: values.skip,
    only: values.only,
    searchRounds: values['search-rounds'],
    flowsDir: env.FLOWS_DIR === '' ? undefined : env.FLOWS_DIR,
  });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n\n${USAGE}`);
  const { only, skip } = parsed.data;
  // --only a,b is --skip of every other part.
  return only.size === 0 ? parsed.data : { ...parsed.data, skip: new Set(BENCH_PARTS.filter((part) => !only.has(part) || skip.has(part))) };
}
