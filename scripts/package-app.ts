/**
 * Builds the Teams app package for one environment:
 *
 *   tsx scripts/package-app.ts [--env local]
 *
 * reads env/.env.<env> (process environment wins), and writes appPackage/build/appPackage.<env>.zip.
 * A failed check prints the reason and exits 1.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAppPackage } from './app-package/build-app-package.js';
import { EXAMPLE_ENV_FILE, exampleValuesIn } from './app-package/example-values.js';
import { PackagingError } from './app-package/packaging-error.js';
import { answerHelp } from './cli/help.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const USAGE = 'usage: tsx scripts/package-app.ts [--env <name>]   (default: local)';

answerHelp(process.argv.slice(2), USAGE, 'Builds the Teams app package for one environment: fills appPackage/manifest.json from env/.env.<name>\n(the process environment wins), validates it against Microsoft\'s schema, checks the icons and writes\nappPackage/build/appPackage.<name>.zip. First time: copy env/.env.local.example to env/.env.local and fill in your ids.');

function readEnvName(args: string[]): string {
  try {
    return parseArgs({ args, options: { env: { type: 'string', default: 'local' } }, strict: true }).values.env;
  } catch (error) {
    throw new PackagingError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** What to do when the environment's file does not exist yet. */
function missingFileHint(envName: string): string {
  const file = `env/.env.${envName}`;
  if (existsSync(`${root}${file}`)) return '';
  return envName === 'local'
    ? `\n${file} does not exist yet: copy ${EXAMPLE_ENV_FILE} to ${file} and put your own ids in it (its comments say where each comes from).`
    : `\n${file} does not exist yet: create it with the variables of ${EXAMPLE_ENV_FILE} (its comments say where each comes from), or set them in the environment.`;
}

async function main(): Promise<void> {
  const envName = readEnvName(process.argv.slice(2));
  let built;
  try {
    built = await buildAppPackage({
      appPackageDir: `${root}appPackage`,
      envDir: `${root}env`,
      envName,
      processEnv: process.env,
    });
  } catch (error) {
    if (error instanceof PackagingError) throw new PackagingError(`${error.message}${missingFileHint(envName)}`);
    throw error;
  }
  const examples = await exampleValuesIn(built.values, `${root}${EXAMPLE_ENV_FILE}`);
  if (examples.length > 0) {
    console.warn(`Warning: ${examples.join(', ')} still ${examples.length === 1 ? 'has its example value' : 'have their example values'} from ${EXAMPLE_ENV_FILE}. The package validates, but Teams cannot reach your bot with example ids: put your own in env/.env.${envName} before uploading it.`);
  }
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
