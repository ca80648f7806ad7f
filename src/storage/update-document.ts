import { setTimeout as sleep } from 'node:timers/promises';
import { EtagConflict, type Store, type Stored, type StoredValue } from './store.js';

export interface UpdateOptions {
  /** Tries before giving up (each try reads the newest version first). Default 8. */
  readonly attempts?: number;
}

/**
 * Read-modify-write of one document under its eTag: reads `key`, lets `change` say what it should
 * become (undefined: leave it as it is), and writes that over exactly the version read, or creates
 * it only if it still does not exist. When another writer came in between, it reads the newer
 * version and asks `change` again, after a short random pause so writers stop colliding.
 * Returns the document as written (or as found, when `change` wanted no write).
 */
export async function updateDocument(store: Store, key: string, change: (current: Stored | undefined) => StoredValue | undefined, options: UpdateOptions = {}): Promise<StoredValue | undefined> {
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    const current = await store.read(key);
    const next = change(current);
    if (next === undefined) return current?.value;
    try {
      await store.write(key, next, current ? { ifMatch: current.eTag } : { ifAbsent: true });
      return next;
    } catch (error) {
      if (!(error instanceof EtagConflict) || attempt >= attempts) throw error;
      await sleep(Math.random() * 5 * attempt);
    }
  }
}
