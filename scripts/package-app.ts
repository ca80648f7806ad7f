/**
 * Builds the Teams app package for one environment:
 *
 *   tsx scripts/package-app.ts [--env local]
 *
 * reads env/.env.<env> (process environment wins), and writes appPackage/build/appPackage.<env>.zip.
 * A failed check prints the reason and exits 1.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAppPackage } from './app-package/build-app-package.js';
import { PackagingError } from './app-package/packaging-error.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const USAGE = 'usage: tsx scripts/package-app.ts [--env <name>]   (default: local)';

function readEnvName(args: string[]): string {
  try {
    return parseArgs({ args, options: { env: { type: 'string', default: 'local' } }, strict: true }).values.env;
  } catch (error) {
    throw new PackagingError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const envName = readEnvName(process.argv.slice(2));
  const built = await buildAppPackage({
    appPackageDir: `${root}appPackage`,
    envDir: `${root}env`,
    envName,
    processEnv: process.env,
  });
  const bot = built.manifest.bots?.[0]?.botId ?? '(no bot)';
  console.log(`Wrote ${relative(process.cwd(), built.zipPath)}`);
  console.log(`  environment ${envName} from ${built.envFile ? relative(process.cwd(), built.envFile) : 'the process environment only'}`);
  console.log(`  manifest ${built.manifest.manifestVersion}, app id ${built.manifest.id}, bot id ${bot}`);
}

main().catch((error: unknown) => {
  if (error instanceof PackagingError) console.error(`Packaging failed: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
