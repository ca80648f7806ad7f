import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
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

  it('says which file to copy when the environment has no file and no variables', () => {
    const result = runPackageScript(['--env', 'cli-test-no-file'], {});

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TEAMS_APP_ID is not set');
    expect(result.stderr).toContain('env/.env.cli-test-no-file does not exist yet: create it with the variables of env/.env.local.example');
  });

  it('packages the example ids, but warns that Teams cannot reach a bot with them', () => {
    const example = parse(readFileSync(join(root, 'env/.env.local.example'), 'utf8'));
    const outputName = `cli-test-examples-${process.pid}`;
    const result = runPackageScript(['--env', outputName], example);
    rmSync(join(root, 'appPackage/build', `appPackage.${outputName}.zip`), { force: true });

    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^Warning: TEAMS_APP_ID, BOT_ID, BOT_DOMAIN, .* still have their example values from env\/\.env\.local\.example/);
  });

  it('explains itself with --help and builds nothing', () => {
    const result = runPackageScript(['--help'], {});

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('usage: tsx scripts/package-app.ts [--env <name>]');
    expect(result.stdout).toContain('copy env/.env.local.example to env/.env.local');
  });

  it('exits 1 with the usage line for an unknown option', () => {
    const result = runPackageScript(['--environment', 'local'], {});

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Unknown option '--environment'");
    expect(result.stderr).toContain('usage: tsx scripts/package-app.ts [--env <name>]');
  });
});
