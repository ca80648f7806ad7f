import { createHash } from 'node:crypto';

/**
 * A short, stable, non-reversible hash of a text (12 characters of base64url SHA-256): how logs
 * refer to a conversation, and how the turn record remembers an activity or a click, at a fixed
 * size and with no content.
 */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 12);
}

/** {@link hashText} of an id that may be missing. */
export function hashId(id: string | undefined): string | undefined {
  return id === undefined ? undefined : hashText(id);
}
