import type { ContainerClient } from '@azure/storage-blob';
import { EtagConflict, type ListedKey, type Store, type Stored, type StoredValue, type WriteCondition } from './store.js';

/**
 * {@link Store} in an Azure Blob Storage container, for several bot instances behind one
 * endpoint. Written directly on Microsoft's storage client rather than botbuilder's BlobsStorage,
 * because that one cannot create only when absent (If-None-Match: *), cannot list, and gives the
 * body's length in UTF-16 units where Blob wants bytes (a staff name with an "é" is one byte
 * short). Blob names and bodies stay as BlobsStorage wrote them, so a container it filled reads
 * the same: the key's non-empty segments joined by "/", URL-encoded; the document as JSON.
 *
 * Microsoft's client is loaded on first use: it costs the file and memory stores a second of
 * start-up and megabytes they never need.
 */
export class BlobStore implements Store {
  private ready: Promise<ContainerClient> | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly containerName: string,
  ) {}

  async read(key: string): Promise<Stored | undefined> {
    const container = await this.container();
    try {
      const blob = await container.getBlobClient(blobName(key)).download();
      const chunks: Buffer[] = [];
      for await (const chunk of blob.readableStreamBody ?? []) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      const json = Buffer.concat(chunks).toString('utf8');
      return { value: JSON.parse(json) as StoredValue, eTag: blob.etag ?? '', json };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async readMany(keys: readonly string[]): Promise<ReadonlyMap<string, Stored>> {
    const found = await Promise.all(keys.map(async (key) => [key, await this.read(key)] as const));
    return new Map(found.filter((entry): entry is readonly [string, Stored] => entry[1] !== undefined));
  }

  async write(key: string, value: StoredValue, condition?: WriteCondition, json?: string): Promise<string> {
    const container = await this.container();
    const body = Buffer.from(json ?? JSON.stringify(value), 'utf8');
    try {
      const result = await container.getBlockBlobClient(blobName(key)).upload(body, body.length, {
        conditions: condition === undefined ? {} : 'ifAbsent' in condition ? { ifNoneMatch: '*' } : { ifMatch: condition.ifMatch },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return result.etag ?? '';
    } catch (error) {
      // 412: changed since read; 409: created by someone else meanwhile (If-None-Match: *).
      if (statusOf(error) === 412 || statusOf(error) === 409) throw new EtagConflict(key);
      throw error;
    }
  }

  async delete(key: string, condition?: { readonly ifMatch: string }): Promise<void> {
    const container = await this.container();
    try {
      await container.deleteBlob(blobName(key), { conditions: condition ? { ifMatch: condition.ifMatch } : {} });
    } catch (error) {
      if (statusOf(error) === 404) return;
      if (statusOf(error) === 412) throw new EtagConflict(key);
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<ListedKey> {
    const container = await this.container();
    for await (const blob of container.listBlobsFlat({ prefix: blobName(prefix, true) })) {
      const key = safeDecode(blob.name);
      if (key !== undefined) yield { key, modifiedAt: blob.properties.lastModified };
    }
  }

  /** The container client, once loaded and the container created if missing. */
  private container(): Promise<ContainerClient> {
    this.ready ??= import('@azure/storage-blob')
      .then(async ({ ContainerClient }) => {
        const client = new ContainerClient(this.connectionString, this.containerName);
        await client.createIfNotExists();
        return client;
      })
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }
}

/** BlobsStorage's name for a key: empty segments dropped, URL-encoded, at most 1024 characters. */
export function blobName(key: string, isPrefix = false): string {
  const joined = key.split('/').filter((s) => s !== '').join('/');
  return encodeURIComponent(isPrefix && key.endsWith('/') && joined !== '' ? `${joined}/` : joined).slice(0, 1024);
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

function safeDecode(name: string): string | undefined {
  try {
    return decodeURIComponent(name);
  } catch {
    return undefined;
  }
}
