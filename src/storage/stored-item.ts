/** Helpers for items as botbuilder storages return them: the document with its `eTag` mixed in. */

/** The item's eTag, when it has one. */
export function eTagOf(raw: unknown): string | undefined {
  return typeof raw === 'object' && raw !== null && 'eTag' in raw && typeof raw.eTag === 'string' ? raw.eTag : undefined;
}

/** The document without its eTag, ready to be parsed with the document's own schema. */
export function withoutETag(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { eTag: _eTag, ...rest } = raw as Record<string, unknown>;
  return rest;
}
