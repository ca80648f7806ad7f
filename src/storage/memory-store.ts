import { randomUUID } from 'node:crypto';
import { EtagConflict, type ListedKey, type Store, type Stored, type StoredValue, type WriteCondition } from './store.js';

interface Entry {
  readonly text: string;
  readonly eTag: string;
  readonly modifiedAt: Date;
}

/**
 * {@link Store} in this process's memory, with the same eTag rules as the file and Blob stores.
 * For tests, and refused in production (everything is lost on restart). Documents are kept as
 * JSON text, so a caller can never change a stored document by changing what it read.
 */
export class MemoryStore implements Store {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async read(key: string): Promise<Stored | undefined> {
    const entry = this.entries.get(key);
    return entry && { value: JSON.parse(entry.text) as StoredValue, eTag: entry.eTag, json: entry.text };
  }

  async readMany(keys: readonly string[]): Promise<ReadonlyMap<string, Stored>> {
    const found = new Map<string, Stored>();
    for (const key of keys) {
      const stored = await this.read(key);
      if (stored) found.set(key, stored);
    }
    return found;
  }

  async write(key: string, value: StoredValue, condition?: WriteCondition, json?: string): Promise<string> {
    check(key, this.entries.get(key)?.eTag, condition);
    const eTag = randomUUID();
    this.entries.set(key, { text: json ?? JSON.stringify(value), eTag, modifiedAt: this.now() });
    return eTag;
  }

  async delete(key: string, condition?: { readonly ifMatch: string }): Promise<void> {
    const current = this.entries.get(key);
    if (!current) return;
    if (condition && current.eTag !== condition.ifMatch) throw new EtagConflict(key);
    this.entries.delete(key);
  }

  async *list(prefix: string): AsyncIterable<ListedKey> {
    for (const [key, entry] of [...this.entries]) if (key.startsWith(prefix)) yield { key, modifiedAt: entry.modifiedAt };
  }
}

/** Throws {@link EtagConflict} when `condition` does not hold for an item whose current eTag is `current`. */
export function check(key: string, current: string | undefined, condition: WriteCondition | undefined): void {
  if (condition === undefined) return;
  if ('ifAbsent' in condition ? current !== undefined : current !== condition.ifMatch) throw new EtagConflict(key);
}
