/**
 * The paper fallback, for when Teams itself is down:
 *
 *   tsx scripts/flows-print.ts [--dir flows] [--cards cards] [--out test-results/print]
 *
 * writes every procedure as numbered steps ("→ stap 7") to one printable HTML page and an A4 PDF
 * (rendered by headless Chromium), with a table of contents, the date it was made and each
 * procedure's version. Broken flows print their problems and exit 1; so does a missing Chromium,
 * after writing the HTML.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadMessages } from '../src/cards/messages.js';
import { endingView } from '../src/cards/ending-view.js';
import { checkFlowDirectory, formatProblem } from '../src/troubleshooting/flow-loader.js';
import { findChromium, NO_CHROMIUM } from './cards-preview/find-chromium.js';
import { printablePage, type PrintInput } from './flows-print/print-document.js';
import { loadPrintText } from './flows-print/print-text.js';
import { openPdfRenderer } from './flows-print/render-pdf.js';
import { HTML_FILE, writePrint } from './flows-print/write-print.js';

const USAGE = `usage: tsx scripts/flows-print.ts [--dir <folder with flows>] [--cards <folder with print.json and messages.json>] [--out <folder>]
  Writes ${HTML_FILE} and the PDF of all procedures, to print for when Teams is down.
  Defaults: --dir flows, --cards cards, --out test-results/print (git-ignored: print it, do not commit it).`;

interface Options {
  readonly dir: string;
  readonly cards: string;
  readonly out: string;
  readonly help: boolean;
}

function readOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string', default: 'flows' },
      cards: { type: 'string', default: 'cards' },
      out: { type: 'string', default: 'test-results/print' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  return { dir: values.dir, cards: values.cards, out: values.out, help: values.help };
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const checked = checkFlowDirectory(options.dir);
  if (!checked.ok) {
    for (const problem of checked.error) console.log(formatProblem(problem));
    console.log('Niets afgedrukt: los eerst de problemen hierboven op (npm run flows:check).');
    return 1;
  }
  const messages = loadMessages(options.cards);
  const input: PrintInput = {
    catalog: checked.value,
    text: loadPrintText(options.cards),
    outcomeLabel: (outcome) => endingView(messages, outcome).label,
    generatedAt: new Date(),
  };

  const executablePath = findChromium(process.env);
  if (executablePath === undefined) {
    mkdirSync(options.out, { recursive: true });
    const htmlFile = join(options.out, HTML_FILE);
    writeFileSync(htmlFile, printablePage(input));
    console.log(`HTML: ${htmlFile} (zonder paginanummers in de inhoud)`);
    console.error(`Geen PDF: ${NO_CHROMIUM}`);
    return 1;
  }
  const renderer = await openPdfRenderer(executablePath);
  try {
    const result = await writePrint(input, renderer, options.out);
    console.log(`HTML: ${result.htmlFile}`);
    console.log(`PDF:  ${result.pdfFile} (${result.pages} pagina's A4, ${input.catalog.flows.length} stappenplannen)`);
    if (result.pages !== result.expectedPages) {
      console.error(`De PDF heeft ${result.pages} pagina's, de inhoud rekent met ${result.expectedPages}: de paginanummers in de inhoud kloppen niet.`);
      return 1;
    }
    return 0;
  } finally {
    await renderer.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
