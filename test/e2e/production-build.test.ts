import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionNodeFlags } from '../../bench/production-flags.js';
import { startAzurite, type RunningAzurite } from '../support/azurite.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk, textOf } from '../support/http-desk.js';

const connector = new FakeConnector();
const blobConnector = new FakeConnector();
let bot: BotProcess | undefined;
let blobBot: BotProcess | undefined;
let azurite: RunningAzurite | undefined;
let outDir = '';
/** What the build wrote. */
let files: string[] = [];
let dataDir = '';

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'baliewijzer-dist-'));
  dataDir = await mkdtemp(join(tmpdir(), 'baliewijzer-dist-data-'));
  // What `npm run build` runs after its type check.
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--out-dir', outDir], { encoding: 'utf8' });
  expect(build.status, build.stdout + build.stderr).toBe(0);
  files = (await readdir(outDir)).sort();
  // As in the Docker image, the packages left out of the bundle are found in node_modules beside it.
  await symlink(resolve('node_modules'), join(outDir, 'node_modules'), 'dir');
}, 120_000);

afterAll(async () => {
  for (const running of [bot, blobBot]) if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  await azurite?.stop();
  await connector.stop();
  await blobConnector.stop();
  for (const dir of [outDir, dataDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** Line and column (0-based) of the first occurrence of `text` in `source`. */
function positionOf(source: string, text: string): { line: number; column: number } {
  const at = source.indexOf(text);
  expect(at, text).toBeGreaterThanOrEqual(0);
  const before = source.slice(0, at);
  return { line: before.split('\n').length - 1, column: at - (before.lastIndexOf('\n') + 1) };
}

describe('the production build (npm run build, npm run start:prod, the Docker image)', () => {
  it('is one file with src/ and its packages in it, which start:prod runs without tsx and which leads a staff member through a step', async () => {
    // One file to run: no modules of ours beside it to be found, read and compiled one by one.
    expect(files).toEqual(['index.js', 'index.js.LEGAL.txt', 'index.js.map', 'package.json']);
    const bundle = await readFile(join(outDir, 'index.js'), 'utf8');
    expect(bundle).not.toMatch(/require\(['"]tsx['"]\)|from ['"][^'"]+\.ts['"]/);
    // botbuilder's five packages each install zod 3.25.76: the bundle carries (and loads) it once.
    expect(new Set(bundle.match(/node_modules\/(?:[\w.-]+\/node_modules\/)?zod\/v3\/external\.cjs/g))).toHaveLength(1);

    // Plain node with start:prod's own flags, no --import tsx.
    bot = await startBotProcess({ STORAGE: 'file', STORAGE_DIR: dataDir, LOG_LEVEL: 'warn' }, 30_000, [...productionNodeFlags('.'), join(outDir, 'index.js')]);
    const serviceUrl = await connector.start();
    const desk = new HttpDesk(bot.url, connector, serviceUrl, { id: 'prod-build', conversationType: 'personal' });

    const first = textOf(await desk.say('klant kan niet inloggen'));
    expect(first).toContain('stap 1');
    expect(first).toContain('Bron:');
  });

  it('with STORAGE=blob loads the Blob SDK, left out of the bundle, from node_modules and keeps the case in Blob Storage', async () => {
    azurite = await startAzurite();
    blobBot = await startBotProcess({ STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: 'prod-build', LOG_LEVEL: 'warn' }, 30_000, [...productionNodeFlags('.'), join(outDir, 'index.js')]);
    const serviceUrl = await blobConnector.start();
    const desk = new HttpDesk(blobBot.url, blobConnector, serviceUrl, { id: 'prod-build-blob', conversationType: 'personal' });

    expect(textOf(await desk.say('klant kan niet inloggen'))).toContain('stap 1');
    expect((await fetch(`${blobBot.url}/readyz`)).status).toBe(200);
  });

  it("names our source file and line for a stack frame in the bundle (node --enable-source-maps reads index.js.map)", async () => {
    const bundle = await readFile(join(outDir, 'index.js'), 'utf8');
    const map = new SourceMap(JSON.parse(await readFile(join(outDir, 'index.js.map'), 'utf8')));
    const inBundle = positionOf(bundle, 'function buildBot(');
    const original = map.findEntry(inBundle.line, inBundle.column);
    expect('originalSource' in original ? original.originalSource : '').toMatch(/(^|\/)src\/app\.ts$/);
    expect('originalLine' in original ? original.originalLine : -1).toBe(positionOf(readFileSync('src/app.ts', 'utf8'), 'export function buildBot(').line);
    expect(productionNodeFlags('.')).toContain('--enable-source-maps');
  });
});
