import { createHash } from 'node:crypto';

/** A short, stable, non-reversible reference for an id (conversation, tenant, user). */
export function hashId(id: string | undefined): string | undefined {
  return id === undefined ? undefined : createHash('sha256').update(id).digest('base64url').slice(0, 12);
}
