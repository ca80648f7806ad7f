/**
 * `npm test` runs this first (npm's pretest): the browser tests need Chromium. When none is found
 * and this user may install system packages (root, or sudo without a password), it installs
 * Debian's chromium with apt-get; otherwise it says what to install and fails, so the browser
 * tests are never skipped without anyone noticing.
 */
import { spawnSync } from 'node:child_process';
import { findChromium, NO_CHROMIUM } from './cards-preview/find-chromium.js';

function run(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

function canInstall(): readonly string[] | undefined {
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  if (process.getuid?.() === 0) return [];
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : undefined;
}

const found = findChromium(process.env);
if (found === undefined && process.env.CHROMIUM_PATH?.trim()) {
  console.error(`CHROMIUM_PATH is set to "${process.env.CHROMIUM_PATH}", which does not exist. Point it at Chromium or Chrome, or unset it.`);
  process.exit(1);
}
if (found === undefined) {
  const prefix = canInstall();
  if (prefix === undefined) {
    console.error(`The browser tests need Chromium: ${NO_CHROMIUM}.`);
    process.exit(1);
  }
  const [sudo, ...sudoArgs] = prefix;
  const apt = (args: readonly string[]): boolean => (sudo === undefined ? run('apt-get', args) : run(sudo, [...sudoArgs, 'apt-get', ...args]));
  console.log("No Chromium found; installing Debian's chromium for the browser tests (apt-get install chromium)...");
  if (!apt(['update', '-qq']) || !apt(['install', '-y', '-qq', 'chromium']) || findChromium(process.env) === undefined) {
    console.error(`Installing chromium failed. ${NO_CHROMIUM}.`);
    process.exit(1);
  }
  console.log(`Chromium installed: ${findChromium(process.env) ?? ''}`);
}
