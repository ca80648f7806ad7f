import { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import type { SweptItem } from './file-storage.js';

/** A stored document as BlobsStorage writes it: the item's JSON without its eTag. */
const documentSchema = z.record(z.string(), z.unknown());

/** HTTP statuses of a delete that lost to a change (412) or to another instance's delete (404). */
const SKIPPED_DELETE = new Set([404, 412]);

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

/**
 * The housekeeping sweep for STORAGE=blob: the same decisions as for the file store, on the
 * container BlobsStorage writes to. Blob names are BlobsStorage's URL-encoded keys. Only blobs that
 * `due` picks by key and last change are downloaded; a blob is deleted only if it is unchanged
 * since it was listed (If-Match on its ETag), so a turn or another instance writing it meanwhile
 * wins. Several instances may sweep at once: a blob already deleted is skipped.
 */
export class BlobSweeper {
  constructor(private readonly container: ContainerClient) {}

  static connect(connectionString: string, containerName: string): BlobSweeper {
    return new BlobSweeper(new ContainerClient(connectionString, containerName));
  }

  async sweep(expired: (item: SweptItem) => boolean, due: (key: string, modifiedAt: Date) => boolean = () => true): Promise<number> {
    if (!(await this.container.exists())) return 0;
    let deleted = 0;
    for await (const blob of this.container.listBlobsFlat()) {
      const key = safeDecode(blob.name);
      const modifiedAt = blob.properties.lastModified;
      if (key === undefined || !due(key, modifiedAt)) continue;
      const client = this.container.getBlobClient(blob.name);
      const document = documentSchema.safeParse(safeJson((await client.downloadToBuffer().catch(() => undefined))?.toString('utf8')));
      if (!document.success || !expired({ key, document: document.data, modifiedAt })) continue;
      try {
        await client.delete({ conditions: { ifMatch: blob.properties.etag } });
        deleted += 1;
      } catch (error) {
        if (!SKIPPED_DELETE.has(statusOf(error) ?? 0)) throw error;
      }
    }
    return deleted;
  }
}

function safeDecode(name: string): string | undefined {
  try {
    return decodeURIComponent(name);
  } catch {
    return undefined;
  }
}

function safeJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
