import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackagingError } from '../../scripts/app-package/packaging-error.js';

/** The repo's real app package folder; tests read it but never write into it. */
export const REPO_APP_PACKAGE_DIR = fileURLToPath(new URL('../../appPackage/', import.meta.url));

export const SAMPLE_ENV = {
  TEAMS_APP_ID: '0b6f1a52-3c7e-4d28-9f41-5e2a7c8d9b10',
  BOT_ID: 'c4d8e2f6-1a3b-4c5d-8e9f-0a1b2c3d4e5f',
  BOT_DOMAIN: 'baliewijzer.bibliotheek.example',
  DEVELOPER_NAME: 'Bibliotheek Voorbeeldstad',
  DEVELOPER_WEBSITE_URL: 'https://www.bibliotheek.example/baliewijzer',
  PRIVACY_URL: 'https://www.bibliotheek.example/privacy',
  TERMS_OF_USE_URL: 'https://www.bibliotheek.example/baliewijzer/gebruiksvoorwaarden',
} as const;

export interface TempAppPackage {
  readonly root: string;
  readonly appPackageDir: string;
  readonly envDir: string;
  readonly outputDir: string;
  readonly manifestPath: string;
  /** The repo's manifest.json template, parsed, to edit and write back with {@link writeManifest}. */
  readManifest(): Promise<Record<string, unknown>>;
  writeManifest(manifest: unknown): Promise<void>;
  remove(): Promise<void>;
}

/** A copy of appPackage/ (manifest and icons, no build output) in a fresh temp folder. */
export async function copyAppPackage(): Promise<TempAppPackage> {
  const root = await mkdtemp(join(tmpdir(), 'baliewijzer-app-package-'));
  const appPackageDir = join(root, 'appPackage');
  for (const file of ['manifest.json', 'color.png', 'outline.png']) {
    await cp(join(REPO_APP_PACKAGE_DIR, file), join(appPackageDir, file));
  }
  const manifestPath = join(appPackageDir, 'manifest.json');
  return {
    root,
    appPackageDir,
    envDir: join(root, 'env'),
    outputDir: join(root, 'out'),
    manifestPath,
    readManifest: async () => JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>,
    writeManifest: (manifest) => writeFile(manifestPath, JSON.stringify(manifest, null, 2)),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** The PackagingError a run ends with; fails the test if it succeeds or fails some other way. */
export async function packagingFailure(run: Promise<unknown>): Promise<PackagingError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof PackagingError) return error;
    throw error;
  }
  throw new Error('expected packaging to fail, but it succeeded');
}
