import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the real command line with a controlled environment (no ids from the developer's shell). */
function runPackageScript(args: string[], env: Record<string, string>) {
  const { PATH = '', SystemRoot = '' } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/package-app.ts', ...args], {
    cwd: root,
    env: { PATH, SystemRoot, ...env },
    encoding: 'utf8',
  });
}

describe('tsx scripts/package-app.ts', () => {
  it('exits 1 and names the missing variable when BOT_ID is not set', () => {
    // An environment name with no env file, so nothing but the variables given here is used.
    const result = runPackageScript(['--env', 'cli-test-no-file'], { TEAMS_APP_ID: '0b6f1a52-3c7e-4d28-9f41-5e2a7c8d9b10', BOT_DOMAIN: 'x.example' });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Packaging failed');
    expect(result.stderr).toContain('BOT_ID is not set');
  });

  it('exits 1 with the usage line for an unknown option', () => {
    const result = runPackageScript(['--environment', 'local'], {});

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Unknown option '--environment'");
    expect(result.stderr).toContain('usage: tsx scripts/package-app.ts [--env <name>]');
  });
});
