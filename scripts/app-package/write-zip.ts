import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

export interface ZipEntry {
  /** Path inside the zip; packaging only uses root-level names. */
  readonly name: string;
  readonly data: Buffer;
}

/** A fixed timestamp makes the same inputs produce the same zip, byte for byte. */
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

/**
 * Writes the entries to a zip at `zipPath`, creating its folder. The zip is written next to its
 * final name and renamed at the end, so a failed run never leaves a half-written package behind.
 */
export async function writeZip(zipPath: string, entries: readonly ZipEntry[]): Promise<void> {
  await mkdir(dirname(zipPath), { recursive: true });
  const partial = `${zipPath}.partial`;
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(entry.data, entry.name, { mtime: FIXED_MTIME, mode: 0o100644 });
  zip.end();
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, zipPath);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
