/**
 * Writes the flow docs for content editors:
 *
 *   tsx scripts/flows-docs.ts [--dir flows] [--out docs/flows]
 *
 * one page per flow (Mermaid flowchart, steps with sources and Wise paths) and an index page.
 * Pages of flows that no longer exist are removed. Broken flows print their problems and exit 1.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../src/troubleshooting/flow-loader.js';
import { GENERATED_NOTICE } from './flow-docs/flow-page.js';
import { generateFlowDocs } from './flow-docs/generate-flow-docs.js';
import { answerHelp } from './cli/help.js';

const USAGE = 'usage: tsx scripts/flows-docs.ts [--dir <folder with flows>] [--out <folder for the pages>]   (default: flows, docs/flows)';

answerHelp(process.argv.slice(2), USAGE, 'Writes one Markdown page per flow (Mermaid flowchart, steps with sources and Wise paths) and an index page;\npages of flows that no longer exist are removed. Broken flows print their problems and exit 1.');

function readOptions(args: string[]): { dir: string; out: string } | undefined {
  try {
    const { values } = parseArgs({ args, options: { dir: { type: 'string', default: 'flows' }, out: { type: 'string', default: 'docs/flows' } }, strict: true });
    return { dir: values.dir, out: values.out };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return undefined;
  }
}

/** Generated pages in `out` that the current flows no longer produce. */
function stalePages(out: string, current: ReadonlyMap<string, string>): string[] {
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.md') && !current.has(name) && readFileSync(join(out, name), 'utf8').startsWith(GENERATED_NOTICE));
}

const options = readOptions(process.argv.slice(2));
if (options === undefined) {
  process.exitCode = 1;
} else {
  const generated = generateFlowDocs({ flowsDir: options.dir, outDir: options.out });
  if (!generated.ok) {
    for (const problem of generated.error) console.log(formatProblem(problem));
    console.log('Geen documentatie gemaakt: los eerst de problemen hierboven op (npm run flows:check).');
    process.exitCode = 1;
  } else {
    mkdirSync(options.out, { recursive: true });
    for (const [name, text] of generated.value) writeFileSync(join(options.out, name), text);
    for (const name of stalePages(options.out, generated.value)) {
      rmSync(join(options.out, name));
      console.log(`Verwijderd: ${join(options.out, name)}`);
    }
    console.log(`Geschreven: ${generated.value.size} pagina's in ${options.out}`);
  }
}
