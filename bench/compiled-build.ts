import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface CompiledBuild {
  /** The compiled entry point, to run with plain node as the Docker image does. */
  readonly entry: string;
  remove(): Promise<void>;
}

/** `npm run build` into a temporary folder (with node_modules linked beside it), for timing the production start. */
export async function buildCompiled(): Promise<CompiledBuild> {
  const outDir = await mkdtemp(join(tmpdir(), 'baliewijzer-bench-dist-'));
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`npm run build failed:\n${tsc.stdout}${tsc.stderr}`);
  await symlink(resolve('node_modules'), join(outDir, 'node_modules'), 'dir');
  return { entry: join(outDir, 'index.js'), remove: () => rm(outDir, { recursive: true, force: true }) };
}
