/**
 * The production build (`npm run build`, also in the Dockerfile): src/ and its packages bundled into
 * dist/index.js, which `npm run start:prod` runs with plain node.
 *
 *   tsx scripts/build.ts [--out-dir dist]
 */
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleProduction } from './build/production-bundle.js';
import { answerHelp } from './cli/help.js';

const USAGE = 'usage: tsx scripts/build.ts [--out-dir dist]';
answerHelp(process.argv.slice(2), USAGE, 'Bundles src/ and the packages it imports into one file, <out-dir>/index.js, for npm run start:prod\nand the Docker image. Empties <out-dir> first.');

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ args: process.argv.slice(2), options: { 'out-dir': { type: 'string', default: 'dist' } }, strict: true });

bundleProduction(root, resolve(values['out-dir'])).then(
  (bundle) => console.log(`Wrote ${relative(process.cwd(), bundle.entry)} (${(bundle.bytes / 1024 / 1024).toFixed(1)} MB)`),
  (error: unknown) => {
    console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
