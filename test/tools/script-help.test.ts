import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every command in scripts/ (the npm run scripts call them). */
const scripts = readdirSync('scripts').filter((name) => name.endsWith('.ts'));

describe('every command in scripts/', () => {
  it.each(scripts)('%s explains itself with --help and exits 0 without doing its work', (script) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}`, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^usage: /);
    expect(result.stdout).not.toMatch(/^wrote |^Wrote /m);
  });
});
