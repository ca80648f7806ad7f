/**
 * Writes the sample data of every card template to cards/samples/<template>.json:
 *
 *   tsx scripts/cards-samples.ts [--check]
 *
 * made by the bot's own code from the flows, so the preview gallery and the card tests show each
 * card as the bot fills it. With --check, writes nothing and exits 1 when a file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerHelp } from './cli/help.js';
import { generateSamples } from './cards-samples/generate-samples.js';

const USAGE = 'usage: tsx scripts/cards-samples.ts [--check]';
answerHelp(process.argv.slice(2), USAGE, 'Writes cards/samples/<template>.json, the sample data every card template is shown and tested with,\nfrom the flows and the bot\'s own code. --check only says whether the files are up to date (exit 1 if not).');

const check = process.argv.includes('--check');
let stale = 0;
for (const [template, samples] of Object.entries(generateSamples('flows', 'cards'))) {
  const file = join('cards', 'samples', `${template}.json`);
  const text = `${JSON.stringify(samples, null, 2)}\n`;
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // a new template: no samples yet
  }
  if (current === text) continue;
  stale += 1;
  if (check) console.log(`${file} is out of date: run npm run cards:samples`);
  else {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
if (check && stale > 0) process.exitCode = 1;
if (stale === 0) console.log('cards/samples is up to date');
