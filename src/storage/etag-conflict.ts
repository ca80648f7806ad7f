/**
 * A write carried an eTag that is no longer the stored one: another turn (in this process or in
 * another instance) changed the item after it was read. Thrown by {@link FileStorage}; Microsoft's
 * MemoryStorage and BlobsStorage throw a plain Error with the same sentence.
 */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/** Whether a storage write failed on its eTag, for every Storage this bot can run on. */
export function isETagConflict(error: unknown): boolean {
  return error instanceof ETagConflictError || (error instanceof Error && /due to eTag conflict/.test(error.message));
}
