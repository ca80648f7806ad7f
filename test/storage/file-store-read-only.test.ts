import * as fs from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileStore } from '../../src/storage/file-store.js';

/**
 * A disk that turns read-only under the bot (issue 13, item 15). The kernel answers EROFS to
 * creating the temp file and to removing it again; mounting a read-only filesystem needs
 * privileges a test run may not have, so those two answers are given here, at node:fs/promises,
 * for paths in this test's folder only. Everything else is the real file system.
 */
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return { ...real, open: vi.fn(real.open), unlink: vi.fn(real.unlink) };
});

const readOnlyDirs = new Set<string>();
const inReadOnlyDir = (path: unknown): path is string => typeof path === 'string' && [...readOnlyDirs].some((dir) => path.startsWith(dir + sep));
const erofs = (syscall: string, path: string) => Object.assign(new Error(`EROFS: read-only file system, ${syscall} '${path}'`), { errno: -30, code: 'EROFS', syscall, path });

const realOpen = vi.mocked(fs.open).getMockImplementation();
const realUnlink = vi.mocked(fs.unlink).getMockImplementation();
vi.mocked(fs.open).mockImplementation(async (path, ...rest) => {
  if (inReadOnlyDir(path) && rest[0] !== undefined && rest[0] !== 'r') throw erofs('open', path);
  if (!realOpen) throw new Error('no real open');
  return realOpen(path, ...rest);
});
vi.mocked(fs.unlink).mockImplementation(async (path) => {
  if (inReadOnlyDir(path)) throw erofs('unlink', path);
  if (!realUnlink) throw new Error('no real unlink');
  return realUnlink(path);
});

const dirs: string[] = [];
afterEach(async () => {
  readOnlyDirs.clear();
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

describe('13.15 FileStore on a read-only disk', () => {
  it('13.15 on a read-only disk the error is the failed write, not the failed clean-up of the temp file', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'read-only-'));
    dirs.push(dir);
    const storage = FileStore.open(dir);
    await storage.write('baliewijzer/conversations/msteams/a', { step: 1 });

    readOnlyDirs.add(dir);
    const failure = await storage.write('baliewijzer/conversations/msteams/a', { step: 2 }).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({ code: 'EROFS', syscall: 'open' });
    expect(String(failure)).toMatch(/EROFS: read-only file system, open '.*\.tmp'/);
    // Reading still works, and the item is as it was before the failed write.
    expect((await storage.read('baliewijzer/conversations/msteams/a'))?.value).toEqual({ step: 1 });
  });
});
