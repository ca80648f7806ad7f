/**
 * Prints the step statistics from the bot's storage:
 *
 *   tsx scripts/report.ts [--days 90]
 *
 * reads the same storage the bot writes (STORAGE, STORAGE_DIR, BLOB_* from the environment or
 * .env, through the bot's own createStorage) and the flows in FLOWS_DIR, and prints per flow and
 * per step how many cases reached it, ended there resolved, unresolved, referred or abandoned,
 * and the median duration; then the ten phrases typed most often that the bot did not recognise.
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from '../src/config.js';
import { createLogger } from '../src/logging/logger.js';
import { lastDays, DEFAULT_REPORT_DAYS } from '../src/statistics/report-period.js';
import { reportFromTally } from '../src/statistics/statistics-report.js';
import { StatisticsStore } from '../src/statistics/statistics-store.js';
import { UnrecognisedPhrases } from '../src/statistics/unrecognised-phrases.js';
import { loadMessages } from '../src/cards/messages.js';
import { openStore } from '../src/storage/open-store.js';
import { FlowLoadError, loadFlowCatalog } from '../src/troubleshooting/flow-loader.js';
import { reportText } from './report/report-text.js';
import { answerHelp } from './cli/help.js';

const USAGE = `usage: tsx scripts/report.ts [--days <1-3660>]   (default: ${DEFAULT_REPORT_DAYS})`;

answerHelp(process.argv.slice(2), USAGE, 'Prints the step statistics from the bot\'s storage (STORAGE, STORAGE_DIR, BLOB_* from the environment or\n.env): per flow and step how many cases reached it, how they ended, and the median duration,\nand the ten phrases typed most often that the bot did not recognise.');

function readDays(args: string[]): number {
  const { values } = parseArgs({ args, options: { days: { type: 'string', default: String(DEFAULT_REPORT_DAYS) } }, strict: true });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new Error(`--days ${values.days} is not a number of days between 1 and 3660`);
  return days;
}

async function main(): Promise<number> {
  let days: number;
  try {
    days = readDays(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  const config = parseConfig(process.env);
  if (config.STORAGE === 'memory') {
    console.error('STORAGE=memory: de bot bewaart dan niets buiten zijn eigen geheugen, dus er is niets te lezen. Gebruik STORAGE=file of STORAGE=blob.');
    return 1;
  }
  const log = createLogger('warn', process.stderr);
  const catalog = loadFlowCatalog(config.FLOWS_DIR);
  const storage = openStore(config, log);
  const store = new StatisticsStore(storage);
  const period = lastDays(new Date(), days);
  const { tally, unreadable } = await store.read(period);
  const unrecognised = await new UnrecognisedPhrases(storage).top(period);
  process.stdout.write(reportText(loadMessages(config.CARDS_DIR), reportFromTally(catalog, tally, { from: period[0] ?? '', to: period.at(-1) ?? '', unreadable, unrecognised })));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof FlowLoadError) console.error(error.message);
    else console.error(`report failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
