import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ETagConflictError, isETagConflict } from '../../src/storage/etag-conflict.js';
import { FileStorage } from '../../src/storage/file-storage.js';
import { memoryLogger } from '../support/logs.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempStorage(): Promise<FileStorage> {
  const dir = await mkdtemp(join(tmpdir(), 'file-storage-'));
  dirs.push(dir);
  return FileStorage.open(dir);
}

async function eTagOf(storage: FileStorage, key: string): Promise<string> {
  const item = (await storage.read([key]))[key];
  if (typeof item?.eTag !== 'string') throw new Error(`no eTag for ${key}`);
  return item.eTag;
}

describe('FileStorage', () => {
  it('reads back what it wrote, with an eTag, and leaves out keys it does not have', async () => {
    const storage = await tempStorage();
    await storage.write({ 'msteams/conversations/a/': { turns: { n: 1 } }, 'baliewijzer/case/1': { outcome: 'opgelost' } });
    const items = await storage.read(['msteams/conversations/a/', 'baliewijzer/case/1', 'nope']);
    expect(items['msteams/conversations/a/']).toMatchObject({ turns: { n: 1 }, eTag: expect.any(String) });
    expect(items['baliewijzer/case/1']).toMatchObject({ outcome: 'opgelost' });
    expect(Object.keys(items)).toHaveLength(2);
  });

  it('keeps items across a new instance on the same folder (a restart)', async () => {
    const storage = await tempStorage();
    await storage.write({ k: { step: 3 } });
    const reopened = FileStorage.open(storage.dir);
    expect(await reopened.read(['k'])).toEqual({ k: { step: 3, eTag: await eTagOf(storage, 'k') } });
  });

  it('refuses a write with a stale eTag like BlobsStorage does, and accepts the current eTag or *', async () => {
    const storage = await tempStorage();
    await storage.write({ k: { v: 1 } });
    const first = await eTagOf(storage, 'k');
    await storage.write({ k: { v: 2, eTag: first } });
    const second = await eTagOf(storage, 'k');
    expect(second).not.toBe(first);

    const stale = storage.write({ k: { v: 3, eTag: first } });
    await expect(stale).rejects.toBeInstanceOf(ETagConflictError);
    await expect(stale).rejects.toThrow('Storage: error writing "k" due to eTag conflict.');
    expect((await storage.read(['k'])).k).toMatchObject({ v: 2 });

    await storage.write({ k: { v: 4, eTag: '*' } });
    expect((await storage.read(['k'])).k).toMatchObject({ v: 4 });
  });

  it('refuses a write with an eTag when the item was deleted meanwhile', async () => {
    const storage = await tempStorage();
    await storage.write({ k: { v: 1 } });
    const eTag = await eTagOf(storage, 'k');
    await storage.delete(['k', 'never-there']);
    await expect(storage.write({ k: { v: 2, eTag } })).rejects.toSatisfy(isETagConflict);
  });

  it('lets exactly one of many simultaneous writes with the same eTag win', async () => {
    const storage = await tempStorage();
    await storage.write({ k: { v: 0 } });
    const eTag = await eTagOf(storage, 'k');
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => storage.write({ k: { v: i + 1, eTag } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && isETagConflict(r.reason))).toHaveLength(9);
  });

  it('leaves no temp files behind, stores the key inside each file, and lets only its own user read it', async () => {
    const storage = await tempStorage();
    await Promise.all(Array.from({ length: 20 }, (_, i) => storage.write({ [`k${i % 3}`]: { i } })));
    const names = await readdir(storage.dir);
    expect(names).toHaveLength(3);
    expect(names.every((n) => /^[0-9a-f]{64}\.json$/.test(n))).toBe(true);
    const stored: unknown = JSON.parse(await readFile(join(storage.dir, names[0] ?? ''), 'utf8'));
    expect(stored).toMatchObject({ key: expect.stringMatching(/^k[0-2]$/), eTag: expect.any(String), document: { i: expect.any(Number) } });
    for (const name of names) expect((await stat(join(storage.dir, name))).mode & 0o777).toBe(0o600);
  });

  it('moves a file that does not parse aside, logs it without its content, and treats the item as absent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'file-storage-'));
    dirs.push(dir);
    const { log, lines } = memoryLogger();
    const storage = FileStorage.open(dir, log);
    await storage.write({ k: { v: 1 } });
    const [name] = await readdir(dir);
    await writeFile(join(dir, name ?? ''), '{"key":"k","eTag":"x","document":{"v":1', 'utf8');
    expect(await storage.read(['k'])).toEqual({});
    expect((await readdir(dir)).some((n) => n.includes('.corrupt-'))).toBe(true);
    expect(lines().join('\n')).toContain('storage.file-corrupt');
    await storage.write({ k: { v: 2 } });
    expect((await storage.read(['k'])).k).toMatchObject({ v: 2 });
  });

  it('sweeps only what the caller calls expired, skips items written meanwhile, and removes orphaned temp files', async () => {
    const storage = await tempStorage();
    await storage.write({ old: { age: 'old' }, young: { age: 'young' } });
    const orphan = join(storage.dir, 'x.json.123.abc.tmp');
    await writeFile(orphan, 'half', 'utf8');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(orphan, twoHoursAgo, twoHoursAgo);

    const deleted = await storage.sweep((item) => item.document.age === 'old');
    expect(deleted).toBe(1);
    expect(Object.keys(await storage.read(['old', 'young']))).toEqual(['young']);
    expect((await readdir(storage.dir)).some((n) => n.endsWith('.tmp'))).toBe(false);

    // An item rewritten between the sweep's look and its delete stays.
    const raced = await storage.sweep((item) => {
      if (item.key === 'young') void storage.write({ young: { age: 'rewritten' } });
      return item.key === 'young';
    });
    expect(raced).toBe(0);
    expect((await storage.read(['young'])).young).toMatchObject({ age: 'rewritten' });
  });
});
