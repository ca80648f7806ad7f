import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { oneCopyPerVersion } from './one-copy-per-version.js';
import { keepOwnSources } from './own-source-map.js';

/**
 * Packages left out of the bundle and loaded from node_modules when used (the Docker image keeps the
 * production node_modules): the Blob SDK, imported only when STORAGE=blob, whose checksum code
 * reads a .wasm file beside its own sources; and restify's optional DTrace probes, a native addon.
 */
export const UNBUNDLED_PACKAGES: readonly string[] = ['@azure/storage-blob', 'dtrace-provider'];

/** What a production build wrote. */
export interface ProductionBundle {
  /** The file to run with plain node (`npm run start:prod`, the Dockerfile). */
  readonly entry: string;
  readonly bytes: number;
}

/**
 * The production build: src/ and the packages it imports in one CommonJS file, `<outDir>/index.js`.
 * One file starts faster than ~1,500 modules found, read, wrapped and compiled one by one (issue 19:
 * module loading was half of the start-up). Names are kept (only white space and syntax are
 * minified), so stack traces still name our functions, and index.js.map points our frames back to
 * src/. A `package.json` beside it marks the folder
 * CommonJS, since the project's own says "module". Empties `outDir` first.
 */
export async function bundleProduction(projectDir: string, outDir: string): Promise<ProductionBundle> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const entry = join(outDir, 'index.js');
  const result = await build({
    absWorkingDir: projectDir,
    entryPoints: ['src/index.ts'],
    outfile: entry,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: [...UNBUNDLED_PACKAGES],
    plugins: [oneCopyPerVersion(projectDir, ['zod'])],
    minifyWhitespace: true,
    minifySyntax: true,
    // Third-party licence notices, in index.js.LEGAL.txt rather than in the code.
    legalComments: 'linked',
    // index.js.map, for stack traces under `node --enable-source-maps`; cut to src/ below.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'silent',
  });
  // A warning here (a require esbuild cannot follow, import.meta in CommonJS) would be a failure at the desk later.
  if (result.warnings.length > 0) throw new Error(`the bundle has warnings:\n${result.warnings.map((w) => `${w.location?.file ?? ''}:${w.location?.line ?? ''} ${w.text}`).join('\n')}`);
  await keepOwnSources(`${entry}.map`);
  await writeFile(join(outDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
  return { entry, bytes: (await stat(entry)).size };
}
