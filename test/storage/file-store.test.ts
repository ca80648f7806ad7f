import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/storage/file-store.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { EtagConflict } from '../../src/storage/store.js';
import { memoryLogger } from '../support/logs.js';
import { storeContract } from './store-contract.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'file-store-'));
  dirs.push(dir);
  return dir;
}

/** Every file below `dir`, as paths relative to it. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

storeContract('MemoryStore', async () => new MemoryStore());
storeContract('FileStore', async () => FileStore.open(await tempDir()));
// Every read from its file, and a budget so small that most documents are read from their files.
storeContract('FileStore, nothing kept in memory', async () => FileStore.open(await tempDir(), undefined, { recentChars: 0 }));
storeContract('FileStore, 40 characters kept in memory', async () => FileStore.open(await tempDir(), undefined, { recentChars: 40 }));

describe('FileStore', () => {
  it('removes a folder a delete leaves empty, and makes it again for the next write there', async () => {
    const store = FileStore.open(await tempDir());
    await store.write('baliewijzer/statistics/2026-03-02/a', { v: 1 });
    await store.write('baliewijzer/statistics/2026-03-03/b', { v: 1 });
    await store.delete('baliewijzer/statistics/2026-03-02/a');
    expect(existsSync(join(store.dir, 'baliewijzer', 'statistics', '2026-03-02'))).toBe(false);
    expect(existsSync(join(store.dir, 'baliewijzer', 'statistics', '2026-03-03'))).toBe(true);
    await store.write('baliewijzer/statistics/2026-03-02/c', { v: 1 });
    expect((await store.read('baliewijzer/statistics/2026-03-02/c'))?.value).toEqual({ v: 1 });
  });

  it('deletes a version it has just read without reading the file again (the sweep of 100,000 conversations reads each one once)', async () => {
    const store = FileStore.open(await tempDir());
    await store.write('baliewijzer/conversations/msteams/a', { v: 1 });
    const fresh = FileStore.open(store.dir);
    const seen = await fresh.read('baliewijzer/conversations/msteams/a');
    // Changed behind the store's back (one process owns the folder, so this never happens in use):
    // a delete that read the file again would now refuse.
    const file = join(store.dir, 'baliewijzer/conversations/msteams/a.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace(seen?.eTag ?? '-', 'changed-behind-its-back'), 'utf8');
    await fresh.delete('baliewijzer/conversations/msteams/a', { ifMatch: seen?.eTag ?? '-' });
    expect(existsSync(file)).toBe(false);
  });

  it('checks the file again on a delete when a write overlapped the read', async () => {
    const store = FileStore.open(await tempDir());
    await store.write('k', { v: 1 });
    const fresh = FileStore.open(store.dir);
    const reading = fresh.read('k');
    await fresh.write('other', { v: 1 });
    const seen = await reading;
    const file = join(store.dir, 'k.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace(seen?.eTag ?? '-', 'changed-behind-its-back'), 'utf8');
    await expect(fresh.delete('k', { ifMatch: seen?.eTag ?? '-' })).rejects.toThrow(EtagConflict);
    expect(existsSync(file)).toBe(true);
  });

  it('keeps items across a new instance on the same folder (a restart)', async () => {
    const store = FileStore.open(await tempDir());
    const eTag = await store.write('k', { step: 3 });
    expect(await FileStore.open(store.dir).read('k')).toEqual({ value: { step: 3 }, eTag, json: '{"step":3}' });
  });

  it('keeps each item in a file named after its key, with the key inside, readable by its own user only, and no temp files left', async () => {
    const store = FileStore.open(await tempDir());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.write(`baliewijzer/case/k${i % 3}`, { i })));
    await store.write('baliewijzer/conversations/msteams/a:1/x', { n: 1 });
    await store.write(`baliewijzer/conversations/msteams/${'z'.repeat(400)}`, { n: 2 });
    const files = await filesIn(store.dir);
    expect(files.filter((f) => f.startsWith('baliewijzer/case/'))).toEqual(['baliewijzer/case/k0.json', 'baliewijzer/case/k1.json', 'baliewijzer/case/k2.json']);
    expect(files).toContain('baliewijzer/conversations/msteams/a%3A1/x.json');
    // A key segment too long for a file name is kept as its hash.
    expect(files.some((f) => /^baliewijzer\/conversations\/msteams\/%h[0-9a-f]{64}\.json$/.test(f))).toBe(true);
    expect(files).toHaveLength(5);
    const stored: unknown = JSON.parse(await readFile(join(store.dir, 'baliewijzer/case/k0.json'), 'utf8'));
    expect(stored).toMatchObject({ key: 'baliewijzer/case/k0', eTag: expect.any(String), document: { i: expect.any(Number) } });
    for (const file of files) expect((await stat(join(store.dir, file))).mode & 0o777).toBe(0o600);
  });

  it('gives every read its own copy of what it wrote last: a caller changing what it read changes nothing stored', async () => {
    const store = FileStore.open(await tempDir());
    const eTag = await store.write('k', { trail: ['a'] });
    const first = await store.read('k');
    const trail = first?.value.trail;
    if (Array.isArray(trail)) trail.push('b');
    expect(await store.read('k')).toEqual({ value: { trail: ['a'] }, eTag, json: '{"trail":["a"]}' });
  });

  it('reads a document written before its budget ran out from its file, with the same version', async () => {
    const store = FileStore.open(await tempDir(), undefined, { recentChars: 100 });
    const eTags = [];
    for (let i = 0; i < 20; i++) eTags.push(await store.write(`k${i}`, { i, text: 'x'.repeat(20) }));
    for (let i = 0; i < 20; i++) expect(await store.read(`k${i}`)).toMatchObject({ value: { i }, eTag: eTags[i] });
    await expect(store.write('k0', { i: 0 }, { ifMatch: eTags[0] ?? '' })).resolves.toEqual(expect.any(String));
  });

  it('sets a file that does not parse aside, logs it without its content, and treats the item as absent', async () => {
    const dir = await tempDir();
    const { log, lines } = memoryLogger();
    await FileStore.open(dir, log).write('k', { v: 1 });
    // Broken while the bot was down (a disk fault, a hand edit): the next start finds it so.
    await writeFile(join(dir, 'k.json'), '{"key":"k","eTag":"x","document":{"v":1', 'utf8');
    const store = FileStore.open(dir, log);
    expect(await store.read('k')).toBeUndefined();
    expect((await readdir(dir)).some((n) => n.includes('.corrupt-'))).toBe(true);
    expect(lines().join('\n')).toContain('storage.file-corrupt');
    await store.write('k', { v: 2 });
    expect((await store.read('k'))?.value).toEqual({ v: 2 });
  });

  it('removes temp files a killed process left behind, and files set aside as corrupt once they are old enough', async () => {
    const store = FileStore.open(await tempDir());
    await store.write('baliewijzer/case/kept', { v: 1 });
    await writeFile(join(store.dir, 'baliewijzer/case/x.json.123.abc.tmp'), 'half', 'utf8');
    const beforeStart = new Date(Date.now() - 60_000);
    await utimes(join(store.dir, 'baliewijzer/case/x.json.123.abc.tmp'), beforeStart, beforeStart);
    // A write of this process in flight: its temp file is younger than the process.
    await writeFile(join(store.dir, 'baliewijzer/case/y.json.456.def.tmp'), 'being written', 'utf8');
    await writeFile(join(store.dir, 'baliewijzer/case/old.json.corrupt-1'), 'broken', 'utf8');
    await writeFile(join(store.dir, 'baliewijzer/case/new.json.corrupt-2'), 'broken', 'utf8');
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    await utimes(join(store.dir, 'baliewijzer/case/old.json.corrupt-1'), longAgo, longAgo);

    expect(await store.removeLeftovers({ tempBefore: new Date(Date.now() - 1_000), corruptBefore: new Date(Date.now() - 30 * 86_400_000) })).toBe(2);
    expect(await filesIn(store.dir)).toEqual(['baliewijzer/case/kept.json', 'baliewijzer/case/new.json.corrupt-2', 'baliewijzer/case/y.json.456.def.tmp']);
  });
});
