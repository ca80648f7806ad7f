import { buffer } from 'node:stream/consumers';
import { openPromise } from 'yauzl';

/** Every entry of a zip file, by name, with its uncompressed bytes. */
export async function readZip(zipPath: string): Promise<Map<string, Buffer>> {
  const zip = await openPromise(zipPath, { autoClose: false });
  const entries = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      entries.set(entry.fileName, await buffer(await zip.openReadStreamPromise(entry)));
    }
  } finally {
    zip.close();
  }
  return entries;
}
