/**
 * The bot's own small storage interface: documents by key, each with an eTag that changes on
 * every write. Features (case records, the summary outbox, the team registry, statistics) and the
 * turn pipeline depend on this, not on a storage class; file, Azure Blob and memory implement it,
 * and a Cosmos DB store would too.
 */

/** A stored document: plain JSON data, as written. */
export type StoredValue = Readonly<Record<string, unknown>>;

export interface Stored {
  readonly value: StoredValue;
  /** The version of what was read; a conditional write or delete names it. */
  readonly eTag: string;
  /**
   * The value as JSON text, as the store holds it (what JSON.stringify gave when it was written),
   * when the store has it at hand: a caller comparing versions need not serialise the value again.
   */
  readonly json?: string;
}

/**
 * When a write may happen: only over the version that was read (`ifMatch`), only when nothing is
 * stored yet (`ifAbsent`, "create only"), or always (no condition).
 */
export type WriteCondition = { readonly ifMatch: string } | { readonly ifAbsent: true };

/** One key in a listing, with when it was last written (so a sweep can skip what is too young to read). */
export interface ListedKey {
  readonly key: string;
  readonly modifiedAt: Date;
}

export interface Store {
  read(key: string): Promise<Stored | undefined>;
  /** Several keys at once; absent keys are missing from the result. */
  readMany(keys: readonly string[]): Promise<ReadonlyMap<string, Stored>>;
  /**
   * Writes `value` under `key` and returns its new eTag; a failed condition throws
   * {@link EtagConflict}. `json`, when the caller has it, is `JSON.stringify(value)`, so the
   * store does not serialise the value a second time.
   */
  write(key: string, value: StoredValue, condition?: WriteCondition, json?: string): Promise<string>;
  /**
   * Deletes `key`; with `ifMatch`, only while it is still that version (else {@link EtagConflict}).
   * Deleting what is not there is not an error.
   */
  delete(key: string, condition?: { readonly ifMatch: string }): Promise<void>;
  /** Every key that starts with `prefix`, in no particular order. */
  list(prefix: string): AsyncIterable<ListedKey>;
}

/**
 * A conditional write or delete found another version than it named: someone (another turn, another
 * instance) changed the item after it was read. Recognised by type, whatever store threw it.
 */
export class EtagConflict extends Error {
  constructor(readonly key: string) {
    super('the stored item was changed by someone else since it was read');
    this.name = 'EtagConflict';
  }
}
