import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';

/**
 * Whether the storage takes writes right now, for /readyz: a read alone passes on a full or
 * read-only disk, and every turn writes. Each probe writes one item of this instance's own, writes
 * it again with the eTag it got back (the conditional write every turn makes; on Blob an
 * If-Match upload), and deletes it: on the file store a probe file is written and removed. Probes
 * are not run side by side; a second caller waits for the running one.
 */
export class StorageWriteProbe {
  /** One key per instance, so instances sharing a Blob container never race each other's probe. */
  private readonly key = `baliewijzer/readiness/${randomUUID()}`;
  private running: Promise<boolean> | undefined;

  constructor(private readonly storage: Pick<Storage, 'read' | 'write' | 'delete'>) {}

  writable(): Promise<boolean> {
    this.running ??= this.probe().finally(() => (this.running = undefined));
    return this.running;
  }

  private async probe(): Promise<boolean> {
    const { key, storage } = this;
    try {
      await storage.write({ [key]: { probedAt: new Date().toISOString(), eTag: '*' } });
      const eTag = (await storage.read([key]))[key]?.eTag;
      if (typeof eTag !== 'string' || eTag === '') return false;
      await storage.write({ [key]: { probedAt: new Date().toISOString(), eTag } });
      await storage.delete([key]);
      return true;
    } catch {
      await storage.delete([key]).catch(() => undefined);
      return false;
    }
  }
}
