import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout as lines, without the trailing empty one. */
  readonly lines: string[];
}

/** Runs one of the `npm run` commands (scripts/<name>.ts) as a content editor would, from the project root. */
export function runScript(script: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): ScriptRun {
  const { PATH = '', SystemRoot = '', HOME = '' } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: root,
    env: { PATH, SystemRoot, HOME, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter((l) => l !== '') };
}
