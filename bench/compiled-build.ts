import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleProduction } from '../scripts/build/production-bundle.js';

export interface CompiledBuild {
  /** The production build's entry point, to run with plain node as the Docker image does. */
  readonly entry: string;
  remove(): Promise<void>;
}

/** The production build (`npm run build`'s bundle) in a temporary folder, with node_modules linked beside it, for timing the production start. */
export async function buildCompiled(): Promise<CompiledBuild> {
  const outDir = await mkdtemp(join(tmpdir(), 'baliewijzer-bench-dist-'));
  const bundle = await bundleProduction(resolve('.'), outDir);
  // As in the Docker image: the packages left out of the bundle are found in node_modules.
  await symlink(resolve('node_modules'), join(outDir, 'node_modules'), 'dir');
  return { entry: bundle.entry, remove: () => rm(outDir, { recursive: true, force: true }) };
}
