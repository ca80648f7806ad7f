/**
 * Shows every card the way staff see it in Teams:
 *
 *   tsx scripts/cards-preview.ts [--flows flows] [--cards cards] [--out test-results/cards] [--width 520]
 *
 * renders every step card of every flow (and the menu, help, summary and statistics cards) with
 * the bot's own CardRenderer and the official `adaptivecards` renderer into `<out>/index.html`,
 * at `--width` (Teams on a laptop) and at 320 px (Teams on a phone), then, in headless Chromium,
 * checks each card at both widths and saves `<out>/png/<card>.<width>px.png`. Exits 1 when a card
 * does not render cleanly, a button does not fit or anything sticks out of the card.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findChromium, NO_CHROMIUM } from './cards-preview/find-chromium.js';
import { loadPreviewCards } from './cards-preview/preview-cards.js';
import { renderInBrowser } from './cards-preview/render-in-browser.js';
import { TEAMS_CHAT_WIDTH_PX, TEAMS_MOBILE_WIDTH_PX } from './cards-preview/teams-host-config.js';
import { writeGallery } from './cards-preview/write-gallery.js';
import { answerHelp } from './cli/help.js';

const USAGE = 'usage: tsx scripts/cards-preview.ts [--flows <dir>] [--cards <dir>] [--out <dir>] [--width <px, 300-1000>]';

answerHelp(process.argv.slice(2), USAGE, 'Renders every card (each step of each flow, the menu, help, summary and statistics cards) as Teams shows it,\nchecks it in headless Chromium and writes <out>/index.html and <out>/png/. Exits 1 when a card does not render\ncleanly or a button does not fit. Defaults: --flows flows --cards cards --out test-results/cards.');

interface Options {
  readonly flows: string;
  readonly cards: string;
  readonly out: string;
  readonly width: number;
}

function readOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      flows: { type: 'string', default: 'flows' },
      cards: { type: 'string', default: 'cards' },
      out: { type: 'string', default: 'test-results/cards' },
      width: { type: 'string', default: String(TEAMS_CHAT_WIDTH_PX) },
    },
    strict: true,
  });
  const width = Number(values.width);
  if (!Number.isInteger(width) || width < 300 || width > 1000) throw new Error(`--width ${values.width} is not a width in pixels between 300 and 1000`);
  return { flows: values.flows, cards: values.cards, out: values.out, width };
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  const cards = loadPreviewCards({ flowsDir: options.flows, cardsDir: options.cards });
  const widthsPx = [...new Set([options.width, TEAMS_MOBILE_WIDTH_PX])];
  const page = writeGallery(options.out, cards, { widthsPx });
  console.log(`Galerij: ${page} (${cards.length} kaarten, ${widthsPx.map((w) => `${w}px`).join(' en ')} breed)`);

  const executablePath = findChromium(process.env);
  if (executablePath === undefined) {
    console.error(`Geen screenshots en geen controle: ${NO_CHROMIUM}`);
    return 1;
  }
  const screenshotsDir = join(options.out, 'png');
  rmSync(screenshotsDir, { recursive: true, force: true });
  const results = await renderInBrowser(page, { executablePath, screenshotsDir });
  const failing = results.filter((r) => r.problems.length > 0);
  for (const result of failing) for (const problem of result.problems) console.log(`${result.name} (${result.width}px)  ${problem}`);
  console.log(`Screenshots: ${screenshotsDir}/`);
  console.log(failing.length === 0 ? `OK: ${cards.length} kaarten op ${widthsPx.length} breedtes zonder problemen` : `${failing.length} van ${results.length} kaarten en breedtes met problemen`);
  return failing.length === 0 ? 0 : 1;
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
