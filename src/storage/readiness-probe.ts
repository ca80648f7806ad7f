import { randomUUID } from 'node:crypto';
import type { Store } from './store.js';

/**
 * Whether the storage takes writes right now, for /readyz: a read alone passes on a full or
 * read-only disk, and every turn writes. Each probe creates one item of this instance's own
 * (create-only), writes it again over the version it got back (the conditional write every turn
 * makes; on Blob an If-Match upload), and deletes it. Probes are not run side by side; a second
 * caller waits for the running one.
 */
export class StorageWriteProbe {
  /**
   * One key per instance, so instances sharing a Blob container never race each other's probe;
   * at the top of the store (no folder of its own in the file store), where a full or read-only
   * disk shows first.
   */
  private readonly key = `baliewijzer-readiness-${randomUUID()}`;
  private running: Promise<boolean> | undefined;

  constructor(private readonly store: Store) {}

  writable(): Promise<boolean> {
    this.running ??= this.probe().finally(() => (this.running = undefined));
    return this.running;
  }

  private async probe(): Promise<boolean> {
    const { key, store } = this;
    try {
      await store.delete(key);
      const eTag = await store.write(key, { probedAt: new Date().toISOString() }, { ifAbsent: true });
      await store.write(key, { probedAt: new Date().toISOString() }, { ifMatch: eTag });
      await store.delete(key);
      return true;
    } catch {
      await store.delete(key).catch(() => undefined);
      return false;
    }
  }
}
