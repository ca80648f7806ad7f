/**
 * `npm test` runs this first (npm's pretest): the browser tests need Chromium.
 *
 *   tsx scripts/ensure-chromium.ts [--help]
 *
 * Found (CHROMIUM_PATH, or a usual install): nothing to do. Not found, on Debian with apt-get and
 * the right to install (root, or sudo without a password): installs Debian's `chromium` without
 * recommended packages, and only when that upgrades no package already on the machine (checked
 * with a dry run first). Otherwise it stops with the exact command to run, so the browser tests
 * are never skipped without anyone noticing.
 */
import { spawnSync } from 'node:child_process';
import { findChromium, NO_CHROMIUM } from './cards-preview/find-chromium.js';
import { upgradesIn } from './ensure-chromium/apt-dry-run.js';

const INSTALL_ARGS = ['install', '-y', '-qq', '--no-install-recommends', 'chromium'] as const;
const COMMAND = 'sudo apt-get install --no-install-recommends chromium';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`usage: tsx scripts/ensure-chromium.ts

Makes sure the browser tests have Chromium (npm test runs this first). When none is found, it
installs Debian's chromium with "apt-get install --no-install-recommends chromium", if this user
may (root or password-less sudo) and the install upgrades no installed package; otherwise it
prints the command to run. CHROMIUM_PATH points at a Chrome or Chromium you already have.`);
  process.exit(0);
}

function run(command: string, args: readonly string[], quiet = false): { ok: boolean; stdout: string } {
  const result = spawnSync(command, args, {
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

/** How this user runs apt-get as root: directly, through sudo, or not at all. */
function aptRunner(): ((args: readonly string[], quiet?: boolean) => { ok: boolean; stdout: string }) | undefined {
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  if (process.getuid?.() === 0) return (args, quiet) => run('apt-get', args, quiet);
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) return undefined;
  return (args, quiet) => run('sudo', ['-n', 'apt-get', ...args], quiet);
}

function stop(reason: string): never {
  console.error(`The browser tests need Chromium: ${reason}.\nInstall it with:\n\n  ${COMMAND}\n\nor set CHROMIUM_PATH to a Chrome or Chromium you have, then run npm test again.`);
  process.exit(1);
}

const found = findChromium(process.env);
if (found === undefined && process.env.CHROMIUM_PATH?.trim()) {
  console.error(`CHROMIUM_PATH is set to "${process.env.CHROMIUM_PATH}", which does not exist. Point it at Chromium or Chrome, or unset it.`);
  process.exit(1);
}
if (found === undefined) {
  const apt = aptRunner();
  if (apt === undefined) stop(NO_CHROMIUM);
  console.log("No Chromium found: installing Debian's chromium for the browser tests (apt-get install --no-install-recommends chromium; no installed package is upgraded).");
  if (!apt(['update', '-qq']).ok) stop('apt-get update failed');
  const dryRun = apt(['install', '-s', ...INSTALL_ARGS.slice(1)], true);
  if (!dryRun.ok) stop('apt-get cannot install chromium here');
  const upgrades = upgradesIn(dryRun.stdout);
  if (upgrades.length > 0) stop(`installing it would upgrade ${upgrades.length} installed package(s) (${upgrades.slice(0, 8).join(', ')}${upgrades.length > 8 ? ', …' : ''}), which this script does not do for you`);
  if (!apt(INSTALL_ARGS).ok || findChromium(process.env) === undefined) stop('apt-get install chromium failed');
  console.log(`Chromium installed: ${findChromium(process.env) ?? ''}`);
}
