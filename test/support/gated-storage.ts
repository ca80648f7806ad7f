import type { Storage, StoreItems } from 'botbuilder';
import { isETagConflict } from '../../src/storage/etag-conflict.js';

interface Gate {
  readonly count: number;
  arrived: number;
  readonly open: Promise<void>;
  release(): void;
}

/**
 * A real storage with a turnstile, to make a race happen every time: after `holdReads(n)`, the
 * next n reads of conversation state wait for each other, so n turns start from the same
 * version before any of them can save. Counts the eTag conflicts the real storage reported.
 */
export class GatedStorage implements Storage {
  conflicts = 0;
  private gate: Gate | undefined;

  constructor(
    readonly inner: Storage,
    private readonly gated: (key: string) => boolean = (key) => key.includes('/conversations/'),
  ) {}

  holdReads(count: number): void {
    let release = (): void => undefined;
    const open = new Promise<void>((resolve) => (release = resolve));
    this.gate = { count, arrived: 0, open, release };
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    const gate = this.gate;
    if (gate && keys.some(this.gated)) {
      gate.arrived += 1;
      if (gate.arrived >= gate.count) {
        this.gate = undefined;
        gate.release();
      }
      await gate.open;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    try {
      await this.inner.write(changes);
    } catch (error) {
      if (isETagConflict(error)) this.conflicts += 1;
      throw error;
    }
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}
