/**
 * Checks every flow file the way the bot does at start-up, plus the wording rules of
 * src/troubleshooting/flow-lints.ts, the editors' notices (notices.yaml; times without an offset
 * in TIME_ZONE from the environment or .env), and the buttons of the card templates the flows are
 * shown in (src/cards/card-actions.ts):
 *
 *   tsx scripts/flows-check.ts [--dir flows] [--cards cards]
 *
 * prints each problem as `file:line  node-id  message` (a card template's as
 * `file  json-path  message`) and exits 1, or prints "OK: N flows, M nodes".
 */
import 'dotenv/config';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cardActionProblems } from '../src/cards/card-actions.js';
import { configSchema } from '../src/config.js';
import { checkFlowDirectory, formatProblem } from '../src/troubleshooting/flow-loader.js';
import { answerHelp } from './cli/help.js';

const USAGE = 'usage: tsx scripts/flows-check.ts [--dir <folder with flows>] [--cards <folder with card templates>]   (default: flows, cards)';

answerHelp(
  process.argv.slice(2),
  USAGE,
  'Checks every flow file the way the bot does at start-up (YAML, schema, graph, sources and citations),\nnotices.yaml (times, known procedures, length) and the buttons of the card templates (an Action.Execute with a verb and an Action.Submit fallback), and\nprints each problem as `file:line  node-id  message` (exit 1), or "OK: N flows, M nodes".',
);

function readArgs(args: string[]): { dir: string; cards: string } | undefined {
  try {
    const { values } = parseArgs({ args, options: { dir: { type: 'string', default: 'flows' }, cards: { type: 'string', default: 'cards' } }, strict: true, allowPositionals: false });
    return { dir: values.dir, cards: values.cards };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return undefined;
  }
}

/** Every card template's broken button, as `file  json-path  message`. */
function cardProblems(dir: string): string[] {
  const lines: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(dir, file);
    let card: unknown;
    try {
      card = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      lines.push(`${path}  $  geen geldige JSON: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (typeof card !== 'object' || card === null || !('type' in card) || card.type !== 'AdaptiveCard') continue;
    for (const problem of cardActionProblems(card)) lines.push(`${path}  ${problem.path}  ${problem.message}`);
  }
  return lines;
}

const args = readArgs(process.argv.slice(2));
if (args === undefined) {
  process.exitCode = 1;
} else {
  const timeZone = configSchema.shape.TIME_ZONE.safeParse(process.env.TIME_ZONE);
  if (!timeZone.success) console.log(`TIME_ZONE "${process.env.TIME_ZONE ?? ''}" is no time zone; notice times are read in the default one`);
  const result = checkFlowDirectory(args.dir, { lint: true, notices: { timeZone: timeZone.success ? timeZone.data : 'Europe/Amsterdam' } });
  const problems = [...(result.ok ? [] : result.error.map(formatProblem)), ...cardProblems(args.cards)];
  if (problems.length === 0 && result.ok) {
    const flows = result.value.flows;
    console.log(`OK: ${flows.length} flows, ${flows.reduce((sum, f) => sum + f.nodes.length, 0)} nodes`);
  } else {
    for (const problem of problems) console.log(problem);
    console.log(`${problems.length} ${problems.length === 1 ? 'probleem' : 'problemen'} gevonden`);
    process.exitCode = 1;
  }
}
