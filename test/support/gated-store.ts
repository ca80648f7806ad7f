import { EtagConflict, type ListedKey, type Store, type Stored, type StoredValue, type WriteCondition } from '../../src/storage/store.js';

interface Gate {
  readonly count: number;
  arrived: number;
  readonly open: Promise<void>;
  release(): void;
}

/**
 * A real store with a turnstile, to make a race happen every time: after `holdReads(n)`, the
 * next n reads of conversation state wait for each other, so n turns start from the same
 * version before any of them can save. Counts the eTag conflicts the real store reported.
 */
export class GatedStore implements Store {
  conflicts = 0;
  private gate: Gate | undefined;

  constructor(
    readonly inner: Store,
    private readonly gated: (key: string) => boolean = (key) => key.includes('/conversations/'),
  ) {}

  holdReads(count: number): void {
    let release = (): void => undefined;
    const open = new Promise<void>((resolve) => (release = resolve));
    this.gate = { count, arrived: 0, open, release };
  }

  async read(key: string): Promise<Stored | undefined> {
    const stored = await this.inner.read(key);
    const gate = this.gate;
    if (gate && this.gated(key)) {
      gate.arrived += 1;
      if (gate.arrived >= gate.count) {
        this.gate = undefined;
        gate.release();
      }
      await gate.open;
    }
    return stored;
  }

  readMany(keys: readonly string[]): Promise<ReadonlyMap<string, Stored>> {
    return this.inner.readMany(keys);
  }

  async write(key: string, value: StoredValue, condition?: WriteCondition, json?: string): Promise<string> {
    try {
      return await this.inner.write(key, value, condition, json);
    } catch (error) {
      if (error instanceof EtagConflict) this.conflicts += 1;
      throw error;
    }
  }

  delete(key: string, condition?: { readonly ifMatch: string }): Promise<void> {
    return this.inner.delete(key, condition);
  }

  list(prefix: string): AsyncIterable<ListedKey> {
    return this.inner.list(prefix);
  }
}
