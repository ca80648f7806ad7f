import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk, textOf } from '../support/http-desk.js';

const connector = new FakeConnector();
let bot: BotProcess | undefined;
let outDir = '';
let dataDir = '';

afterAll(async () => {
  if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await connector.stop();
  for (const dir of [outDir, dataDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** Every .js file under `dir`, recursively. */
async function jsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.js')).map((e) => join(e.parentPath, e.name));
}

describe('the production build (npm run build, npm run start:prod, the Docker image)', () => {
  it('compiles src/ to plain JavaScript that starts without tsx and leads a staff member through a step', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'baliewijzer-dist-'));
    dataDir = await mkdtemp(join(tmpdir(), 'baliewijzer-dist-data-'));
    const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir], { encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);

    const files = await jsFiles(outDir);
    expect(files.map((f) => f.slice(outDir.length + 1))).toContain('index.js');
    for (const file of files) expect(await readFile(file, 'utf8'), file).not.toMatch(/from ['"][^'"]+\.ts['"]|['"]tsx['"]/);
    // As in the Docker image, the compiled files find the installed packages beside them.
    await symlink(resolve('node_modules'), join(outDir, 'node_modules'), 'dir');

    // Plain node, no --import tsx: a leftover TypeScript import would stop it here.
    bot = await startBotProcess({ STORAGE: 'file', STORAGE_DIR: dataDir, LOG_LEVEL: 'warn' }, 30_000, ['--enable-source-maps', '--disable-warning=DEP0111', join(outDir, 'index.js')]);
    const serviceUrl = await connector.start();
    const desk = new HttpDesk(bot.url, connector, serviceUrl, { id: 'prod-build', conversationType: 'personal' });

    const first = textOf(await desk.say('klant kan niet inloggen'));
    expect(first).toContain('stap 1');
    expect(first).toContain('Bron:');
  });
});
