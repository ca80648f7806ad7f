import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkIcons } from './check-icons.js';
import { fillPlaceholders } from './fill-placeholders.js';
import { loadPackagingEnv, type PackagingEnv } from './load-env.js';
import { PackagingError } from './packaging-error.js';
import { validateManifest, type ValidManifest } from './validate-manifest.js';
import { writeZip } from './write-zip.js';

export interface BuildAppPackageOptions {
  /** Folder with manifest.json and the icons it names (the repo's appPackage/). */
  readonly appPackageDir: string;
  /** Folder with the `.env.<envName>` files (the repo's env/). */
  readonly envDir: string;
  /** Which environment to package: selects `.env.<envName>` and the zip's name. */
  readonly envName: string;
  /** Usually process.env; wins over the env file. */
  readonly processEnv: Readonly<Record<string, string | undefined>>;
  /** Where the zip goes; defaults to `<appPackageDir>/build`. */
  readonly outputDir?: string;
  /** Folder of Microsoft's manifest schemas; defaults to the one in @microsoft/app-manifest. */
  readonly schemaDir?: string;
}

export interface BuiltAppPackage {
  readonly zipPath: string;
  readonly manifest: ValidManifest;
  /** The env file that was read, if any. */
  readonly envFile: string | undefined;
  /** The variables the manifest was filled from. */
  readonly values: PackagingEnv;
}

/**
 * Turns appPackage/ into the zip that a Teams administrator uploads: fills the placeholders for
 * one environment, validates the manifest against Microsoft's schema, checks the icons, and writes
 * `appPackage.<env>.zip` with manifest.json, color.png and outline.png at its root. Any failed
 * check throws {@link PackagingError} and leaves no zip for that environment behind.
 */
export async function buildAppPackage(options: BuildAppPackageOptions): Promise<BuiltAppPackage> {
  const { values, file } = await loadPackagingEnv(options.envDir, options.envName, options.processEnv);
  const zipPath = join(options.outputDir ?? join(options.appPackageDir, 'build'), `appPackage.${options.envName}.zip`);
  // An old zip for this environment must not survive a failed run and get uploaded by mistake.
  await rm(zipPath, { force: true });

  const template = await readManifest(join(options.appPackageDir, 'manifest.json'));
  const filled = fillPlaceholders(template, values);
  const manifest = await validateManifest(filled, options.schemaDir);
  const icons = await checkIcons(options.appPackageDir, manifest.icons);

  await writeZip(zipPath, [
    // The filled manifest as written, not the parsed view, so keys keep the order of the template.
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(filled, null, 4)}\n`, 'utf8') },
    ...icons.map(({ name, data }) => ({ name, data })),
  ]);
  return { zipPath, manifest, envFile: file, values };
}

async function readManifest(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new PackagingError(`${path} does not exist.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PackagingError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
