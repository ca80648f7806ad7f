import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface BeforeTree {
  /** The commit the tree was taken from. */
  readonly commit: string;
  readonly dir: string;
  remove(): Promise<void>;
}

/**
 * The project as it was at `ref` (a commit, branch or tag), unpacked into a temporary folder with
 * this checkout's node_modules linked beside it: the "before" of a change, run side by side with
 * the working tree in the same bench run (`--before main`).
 */
export async function checkOutBefore(ref: string): Promise<BeforeTree> {
  const commit = git(['rev-parse', '--verify', `${ref}^{commit}`]).trim();
  const dir = await mkdtemp(join(tmpdir(), 'baliewijzer-bench-before-'));
  const archive = spawnSync('git', ['archive', '--format=tar', commit], { maxBuffer: 512 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr.toString('utf8')}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`unpacking ${ref} failed: ${untar.stderr.toString('utf8')}`);
  await symlink(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  return { commit, dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

function git(args: readonly string[]): string {
  const run = spawnSync('git', [...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}
