import { createHash, randomUUID } from 'node:crypto';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { mkdir, open, opendir, readFile, rename, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { check } from './memory-store.js';
import { RecentDocuments } from './recent-documents.js';
import { EtagConflict, type ListedKey, type Store, type Stored, type StoredValue, type WriteCondition } from './store.js';

/**
 * One stored item on disk: its key, its version and its document. The document is checked to be
 * an object, not copied key by key (each feature parses its own part with its own schema).
 */
const storedFileSchema = z.strictObject({
  key: z.string().min(1),
  eTag: z.string().min(1),
  document: z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'document must be an object'),
});
type StoredFile = z.infer<typeof storedFileSchema> & { readonly json?: string };

export interface FileStoreOptions {
  /**
   * Flush the folder to disk after each rename (default): the write then survives a power loss,
   * not only a killed process. Only the bench turns it off, to measure what it costs.
   */
  readonly syncFolder?: boolean;
  /**
   * Characters of recently written documents kept in memory (default 1 million, the state of
   * about 800 conversations, far more than a library's desks use at once): a turn then reads its
   * conversation without opening its file. 0 turns it off.
   */
  readonly recentChars?: number;
}

/** eTags remembered at most; a key not remembered costs one read of its file on a conditional write. */
const MAX_ETAGS = 10_000;
/** 4 million made the heap grow by 9 MB more with 10,000 open cases (bench, memory part) and bought nothing a desk needs. */
const RECENT_CHARS = 1_000_000;

/** Items may hold a staff member's display name: readable by the bot's own user only. */
const FILE_MODE = 0o600;
/** Longest key segment kept readable in a path; longer ones are hashed (file names stop at 255 bytes). */
const MAX_SEGMENT = 150;
const TMP_SUFFIX = '.tmp';
const CORRUPT_MARK = '.corrupt-';

/**
 * {@link Store} in a folder: one JSON file per key, so open cases survive a restart with no
 * database server. The key's segments are the file's path (`baliewijzer/case/<id>` is
 * `baliewijzer/case/<id>.json`, URL-encoded), so a listing by prefix reads one folder, not every
 * file. Every write goes to a temp file, is flushed to disk, and is renamed over the old file: a
 * crash leaves the old or the new item, never half of one. Conditional writes and deletes are
 * checked and done under a per-key lock within this process; one process owns the folder (two
 * instances share Blob storage instead). Because it does, what it wrote last is read back from
 * memory (RecentDocuments): every turn reads the state its previous turn wrote.
 */
export class FileStore implements Store {
  private readonly locks = new Map<string, Promise<void>>();
  /**
   * The eTag of recently written, checked or read keys, changed under the key's lock or by a read
   * no write overlapped (see `changes`): a conditional write or delete then needs no second read of the file. Bounded (the oldest entry goes
   * first): every case leaves a case record and a statistics record, which are rarely read again.
   */
  private readonly eTags = new Map<string, string>();
  /**
   * Writes and deletes asked for so far, of any key. A read remembers the eTag it found only when
   * this did not change while it read and none was pending on its key: then no rename could have
   * replaced the file under it, and the eTag is current (the sweep then deletes what it read
   * without reading the file a second time).
   */
  private changes = 0;
  private readonly folderSync = new FolderSync();
  /** What was written last: changed only under the key's lock. */
  private readonly recent: RecentDocuments;

  private constructor(
    readonly dir: string,
    private readonly log: Logger | undefined,
    private readonly options: FileStoreOptions,
  ) {
    this.recent = new RecentDocuments(options.recentChars ?? RECENT_CHARS);
  }

  /** Opens (and creates) the folder; a folder that cannot be made or written throws, so the bot stops at start. */
  static open(dir: string, log?: Logger, options: FileStoreOptions = {}): FileStore {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.R_OK | constants.W_OK);
    return new FileStore(dir, log, options);
  }

  async read(key: string): Promise<Stored | undefined> {
    const recent = this.recent.get(key);
    // A copy each time: callers change what they read.
    if (recent !== undefined) return { value: JSON.parse(recent.json) as StoredValue, eTag: recent.eTag, json: recent.json };
    const changesBefore = this.changes;
    const pending = this.locks.has(key);
    const stored = await this.parsed(key);
    if (stored && !pending && this.changes === changesBefore) this.remember(key, stored.eTag);
    return stored && { value: stored.document, eTag: stored.eTag, json: stored.json };
  }

  async readMany(keys: readonly string[]): Promise<ReadonlyMap<string, Stored>> {
    const found = await Promise.all(keys.map(async (key) => [key, await this.read(key)] as const));
    return new Map(found.filter((entry): entry is readonly [string, Stored] => entry[1] !== undefined));
  }

  write(key: string, value: StoredValue, condition?: WriteCondition, json?: string): Promise<string> {
    this.changes += 1;
    return this.withLock(key, async () => {
      if (condition) check(key, await this.currentETag(key), condition);
      const eTag = randomUUID();
      const file = this.fileOf(key);
      const text = json ?? JSON.stringify(value);
      // Forgotten first: while the file changes, and if the write fails, a read goes to the disk.
      this.recent.delete(key);
      try {
        await writeAtomically(file, fileText(key, eTag, text));
        if (this.options.syncFolder ?? true) await this.folderSync.after(dirname(file));
      } catch (error) {
        // The rename may have happened (the folder flush failed after it): which version is on
        // disk is not known here, so the next conditional write reads it instead of trusting the old eTag.
        this.eTags.delete(key);
        throw error;
      }
      this.remember(key, eTag);
      this.recent.set(key, { eTag, json: text });
      return eTag;
    });
  }

  delete(key: string, condition?: { readonly ifMatch: string }): Promise<void> {
    this.changes += 1;
    return this.withLock(key, async () => {
      if (condition) {
        const current = await this.currentETag(key);
        if (current === undefined) return;
        if (current !== condition.ifMatch) throw new EtagConflict(key);
      }
      const file = this.fileOf(key);
      this.recent.delete(key);
      await removeFile(file);
      this.eTags.delete(key);
      // A folder left empty goes too (the statistics keep one per day): listings then skip it.
      if (dirname(file) !== this.dir) await removeEmptyFolder(dirname(file));
    });
  }

  async *list(prefix: string): AsyncIterable<ListedKey> {
    // The deepest folder every key with this prefix lives in: its whole segments.
    const whole = prefix.split('/').slice(0, -1);
    const root = join(this.dir, ...whole.map(encodeSegment));
    for await (const file of walk(root)) {
      const info = await stat(file).catch(() => undefined);
      if (!info) continue;
      const key = this.keyOf(file) ?? (await this.parseFile(file))?.key;
      if (key !== undefined && key.startsWith(prefix)) yield { key, modifiedAt: info.mtime };
    }
  }

  /**
   * Removes what a killed process or a broken file left behind: temp files last written before
   * `tempBefore` (when this process started: a temp file of its own may be a write in flight,
   * even during the first sweep, which runs while turns are already served) and files set aside
   * as corrupt longer ago than `corruptBefore`. Returns how many files went.
   */
  async removeLeftovers(options: { readonly tempBefore: Date; readonly corruptBefore: Date }): Promise<number> {
    let removed = 0;
    for await (const file of walk(this.dir, true)) {
      const name = basename(file);
      const isTemp = name.endsWith(TMP_SUFFIX) && (await modifiedMs(file)) < options.tempBefore.getTime();
      const isOldCorrupt = name.includes(CORRUPT_MARK) && (await modifiedMs(file)) < options.corruptBefore.getTime();
      if (isTemp || isOldCorrupt) {
        await removeFile(file);
        removed += 1;
      }
    }
    return removed;
  }

  /** The stored item of `key`, read from its file. */
  private async parsed(key: string): Promise<StoredFile | undefined> {
    const stored = await this.parseFile(this.fileOf(key));
    return stored?.key === key ? stored : undefined;
  }

  /**
   * The eTag `key` has now. Only called under the key's lock: the cache is filled and changed
   * there alone, because a read outside the lock could put back the eTag of a version a write
   * has just replaced, and a conditional write over that old version would then pass.
   */
  private async currentETag(key: string): Promise<string | undefined> {
    const known = this.eTags.get(key);
    if (known !== undefined) return known;
    const eTag = (await this.parsed(key))?.eTag;
    if (eTag !== undefined) this.remember(key, eTag);
    return eTag;
  }

  /** Keeps `key`'s eTag as the newest entry; the oldest goes past MAX_ETAGS. Under the key's lock, or from a read no change overlapped. */
  private remember(key: string, eTag: string): void {
    this.eTags.delete(key);
    this.eTags.set(key, eTag);
    if (this.eTags.size > MAX_ETAGS) this.eTags.delete(this.eTags.keys().next().value ?? key);
  }

  /** Reads one file; a file that does not parse is set aside (and logged) and counts as absent. */
  private async parseFile(file: string): Promise<StoredFile | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const parsed = storedFileSchema.safeParse(safeJson(text));
    if (parsed.success) return { ...parsed.data, json: documentText(text, parsed.data) };
    const aside = `${file}${CORRUPT_MARK}${Date.now()}`;
    await rename(file, aside).catch(() => undefined);
    this.log?.error({ event: 'storage.file-corrupt', file: basename(aside) }, 'stored item did not parse; set aside');
    return undefined;
  }

  private fileOf(key: string): string {
    const segments = key.split('/').map(encodeSegment);
    const last = segments.pop() ?? '%';
    return join(this.dir, ...segments, `${last}.json`);
  }

  /** The key a file holds, read from its path; undefined when a segment was hashed (then only the file knows). */
  private keyOf(file: string): string | undefined {
    const segments = relative(this.dir, file).slice(0, -'.json'.length).split(sep);
    if (segments.some((s) => s.startsWith(HASHED))) return undefined;
    return segments.map((s) => (s === EMPTY ? '' : decodeURIComponent(s))).join('/');
  }

  /** Runs `work` after every earlier operation on the same key has finished. */
  private async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(key, done);
    try {
      return await result;
    } finally {
      if (this.locks.get(key) === done) this.locks.delete(key);
    }
  }
}

/** A stored item's file: `{"key":…,"eTag":…,"document":…}`, with the document's JSON as given. */
function fileText(key: string, eTag: string, documentJson: string): string {
  return `{"key":${JSON.stringify(key)},"eTag":${JSON.stringify(eTag)},"document":${documentJson}}`;
}

/** The document's JSON inside a file this store wrote (the text after its key and eTag); undefined for a file written otherwise. */
function documentText(text: string, stored: StoredFile): string | undefined {
  const prefix = `{"key":${JSON.stringify(stored.key)},"eTag":${JSON.stringify(stored.eTag)},"document":`;
  return text.startsWith(prefix) && text.endsWith('}') ? text.slice(prefix.length, -1) : undefined;
}

/** An empty key segment (a key ending in "/"): "%" alone is never produced by URL-encoding. */
const EMPTY = '%';
/** Marks a segment too long to keep, replaced by its hash; "%h" is never produced by URL-encoding either. */
const HASHED = '%h';

/** A key segment as a file or folder name: URL-encoded, and hashed when too long for a file name. */
function encodeSegment(segment: string): string {
  if (segment === '') return EMPTY;
  const encoded = encodeURIComponent(segment).replace(/^\./, '%2E');
  return encoded.length <= MAX_SEGMENT ? encoded : `${HASHED}${createHash('sha256').update(segment).digest('hex')}`;
}

/**
 * Every stored item's file under `dir` (with `everything`, temp and set-aside files too). The
 * folder is read a few entries at a time (opendir), not at once: readdir of a folder holding
 * 100,000 conversations builds all their entries in one go and held the event loop for over
 * 100 ms (the bench's sweep figure).
 */
async function* walk(dir: string, everything = false): AsyncIterable<string> {
  let folder;
  try {
    folder = await opendir(dir, { bufferSize: 64 });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for await (const entry of folder) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path, everything);
    else if (everything || entry.name.endsWith('.json')) yield path;
  }
}

/**
 * Temp file, flushed to disk, renamed over the target: readers see the old or the new file (the
 * store then flushes the folder, see FolderSync).
 * Hand-written rather than npm's write-file-atomic: that library does the same plus a realpath,
 * stat, chmod and exit-handler per write, which measured twice the CPU per 1 KB write here
 * (1.43–1.59 ms against 0.69–0.76 ms), on the path every click takes. When the write fails, its
 * error is what the caller gets, whatever the clean-up of the temp file says.
 */
async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomUUID()}${TMP_SUFFIX}`;
  try {
    const handle = await openCreating(tmp);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await removeFile(tmp).catch(() => undefined);
    throw error;
  }
}

/**
 * fsync of folders after renames: until the folder is flushed, a rename lives only in the
 * kernel's cache, so a power loss could bring back the old file (or none) although the write had
 * returned; a killed process cannot. One flush covers every rename made in the folder before it
 * starts, so writes that finish while a flush runs share the next one (a group commit): under
 * load many turns' writes cost one flush.
 */
class FolderSync {
  private readonly folders = new Map<string, { running: Promise<void> | undefined; next: Promise<void> | undefined }>();

  /** Resolves once a flush of `dir` that started after this call has finished. */
  after(dir: string): Promise<void> {
    let state = this.folders.get(dir);
    if (!state) {
      state = { running: undefined, next: undefined };
      this.folders.set(dir, state);
    }
    const folder = state;
    const start = (): Promise<void> => {
      folder.next = undefined;
      const running = syncDirectory(dir).finally(() => {
        if (folder.running === running) folder.running = undefined;
        if (!folder.running && !folder.next) this.folders.delete(dir);
      });
      folder.running = running;
      return running;
    };
    // A flush already queued starts after this call: it covers this rename too.
    if (folder.next) return folder.next;
    // A flush already running may have started before the rename: queue the next one.
    if (folder.running) {
      folder.next = folder.running.then(start, start);
      return folder.next;
    }
    return start();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Opens a new file, making its folder when missing (again, when a delete removed the empty folder in between). */
async function openCreating(file: string): Promise<FileHandle> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open(file, 'w', FILE_MODE);
    } catch (error) {
      if (!isMissing(error) || attempt >= 5) throw error;
      await mkdir(dirname(file), { recursive: true });
    }
  }
}

/** Removes a folder if it is empty; one that is not (or is gone) stays as it is. */
async function removeEmptyFolder(dir: string): Promise<void> {
  try {
    await rmdir(dir);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT' && code !== 'EBUSY') throw error;
  }
}

async function removeFile(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** When a file was last written; a file that is gone meanwhile counts as written now (so it is not removed). */
async function modifiedMs(file: string): Promise<number> {
  return (await stat(file).catch(() => undefined))?.mtimeMs ?? Infinity;
}
