import { z } from 'zod';
import { hashText } from '../logging/hash-id.js';
import type { Store } from '../storage/store.js';
import { updateDocument } from '../storage/update-document.js';

/** Storage key prefix of what each staff member has seen: `baliewijzer/staff/<hash of the user id>`. */
export const SEEN_VERSIONS_PREFIX = 'baliewijzer/staff/';

const seenSchema = z.object({ flows: z.record(z.string(), z.number().int().positive()) });

/**
 * Which version of each procedure a staff member last started a case in, so the change note of a
 * new version is shown to each of them once. Kept per staff member under a hash of their Teams
 * user id: no name, no id in the clear.
 */
export class SeenVersions {
  constructor(private readonly store: Store) {}

  /** The key a staff member's versions are kept under (what the effect that marks them carries). */
  static staffKey(userId: string): string {
    return hashText(`staff:${userId}`);
  }

  /** Whether `staffKey` has not yet started a case in `version` of the flow (or in any version of it). */
  async isNew(staffKey: string, flowId: string, version: number): Promise<boolean> {
    const parsed = seenSchema.safeParse((await this.store.read(SEEN_VERSIONS_PREFIX + staffKey))?.value);
    const seen = parsed.success ? parsed.data.flows[flowId] : undefined;
    return seen === undefined || seen < version;
  }

  /** Remembers that `staffKey` saw `version` of the flow (a later version only moves it forward). */
  async markSeen(staffKey: string, flowId: string, version: number): Promise<void> {
    await updateDocument(this.store, SEEN_VERSIONS_PREFIX + staffKey, (current) => {
      const parsed = seenSchema.safeParse(current?.value);
      const flows = parsed.success ? parsed.data.flows : {};
      if ((flows[flowId] ?? 0) >= version) return undefined;
      return { flows: { ...flows, [flowId]: version } };
    });
  }
}
