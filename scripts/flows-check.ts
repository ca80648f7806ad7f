/**
 * Checks every flow file the way the bot does at start-up, plus the wording rules of
 * src/troubleshooting/flow-lints.ts and the editors' notices (notices.yaml; times without an
 * offset in TIME_ZONE from the environment or .env):
 *
 *   tsx scripts/flows-check.ts [--dir flows]
 *
 * prints each problem as `file:line  node-id  message` and exits 1, or prints
 * "OK: N flows, M nodes".
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { configSchema } from '../src/config.js';
import { checkFlowDirectory, formatProblem } from '../src/troubleshooting/flow-loader.js';
import { answerHelp } from './cli/help.js';

const USAGE = 'usage: tsx scripts/flows-check.ts [--dir <folder with flows>]   (default: flows)';

answerHelp(process.argv.slice(2), USAGE, 'Checks every flow file the way the bot does at start-up (YAML, schema, graph, sources and citations) and\nnotices.yaml (times, known procedures, length); prints each problem as `file:line  node-id  message` (exit 1), or "OK: N flows, M nodes".');

function readDir(args: string[]): string | undefined {
  try {
    return parseArgs({ args, options: { dir: { type: 'string', default: 'flows' } }, strict: true, allowPositionals: false }).values.dir;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return undefined;
  }
}

const dir = readDir(process.argv.slice(2));
if (dir === undefined) {
  process.exitCode = 1;
} else {
  const timeZone = configSchema.shape.TIME_ZONE.safeParse(process.env.TIME_ZONE);
  if (!timeZone.success) console.log(`TIME_ZONE "${process.env.TIME_ZONE ?? ''}" is no time zone; notice times are read in the default one`);
  const result = checkFlowDirectory(dir, { lint: true, notices: { timeZone: timeZone.success ? timeZone.data : 'Europe/Amsterdam' } });
  if (result.ok) {
    const flows = result.value.flows;
    console.log(`OK: ${flows.length} flows, ${flows.reduce((sum, f) => sum + f.nodes.length, 0)} nodes`);
  } else {
    for (const problem of result.error) console.log(formatProblem(problem));
    console.log(`${result.error.length} ${result.error.length === 1 ? 'probleem' : 'problemen'} gevonden`);
    process.exitCode = 1;
  }
}
