import { z } from 'zod';
import { EtagConflict, type Store } from '../storage/store.js';
import { caseSummarySchema } from './case-summary.js';
import { storedReferenceSchema } from './conversation-ref.js';
import { MAX_NOTE_LENGTH } from './mask-note.js';
import { postFailureSchema, type PostFailure } from './retry-policy.js';

/** Where a summary goes: a team channel, reached through the team's stored conversation. */
export const summaryTargetSchema = z.strictObject({
  teamId: z.string().min(1).max(300),
  teamName: z.string().max(300).optional(),
  channelId: z.string().min(1).max(300),
  channelName: z.string().max(300).optional(),
  reference: storedReferenceSchema,
});
export type SummaryTarget = z.infer<typeof summaryTargetSchema>;

export const outboxStatusSchema = z.enum(['pending', 'sending', 'sent', 'failed']);
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

/** The staff member's chat and summary card, to show them the sending state. */
const originSchema = z.strictObject({ reference: storedReferenceSchema, cardId: z.string().max(300).optional() });
export type SummaryOrigin = z.infer<typeof originSchema>;

/**
 * One summary waiting to be posted. Its id is the case id: the idempotency key that makes a
 * second "Deel in teamkanaal" for the same case find this item instead of posting again.
 */
export const outboxItemSchema = z.strictObject({
  id: z.string().min(1).max(80),
  summary: caseSummarySchema,
  note: z.string().max(MAX_NOTE_LENGTH).optional(),
  target: summaryTargetSchema,
  origin: originSchema,
  status: outboxStatusSchema,
  attempts: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime(),
  /** While `sending`: until when this instance holds the item; after that another may take it. */
  leaseUntil: z.iso.datetime().optional(),
  lastFailure: postFailureSchema.optional(),
  sentAt: z.iso.datetime().optional(),
  post: z.strictObject({ conversationId: z.string().max(500), activityId: z.string().max(300).optional() }).optional(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/** An item claimed for sending, with the version this instance wrote: its outcome is written over exactly that. */
export interface ClaimedItem {
  readonly item: OutboxItem;
  readonly eTag: string;
}

/** Storage key prefix of outbox items (the housekeeping sweep deletes old finished ones). */
export const OUTBOX_ITEM_PREFIX = 'baliewijzer/outbox/';
/**
 * One small marker per item still to be sent: the worker lists these to find work. Per item, not
 * one shared index: two hundred shares at once would fight over one document (and some lose).
 */
export const OUTBOX_PENDING_PREFIX = 'baliewijzer/outbox-pending/';
/** A marker whose item is still missing after this long belongs to a share that never got written. */
const ORPHAN_MARKER_MS = 60_000;

/** What the outbox found when it looked for work: items due now, and items it could not read. */
export interface DueItems {
  readonly due: readonly OutboxItem[];
  readonly unreadable: readonly string[];
}

/**
 * The summary outbox, in the bot's own storage so it survives restarts and is shared by every
 * instance. Items are written over the version read: of two instances claiming one item, one wins,
 * and an instance whose lease ran out cannot write over the one that took the item over.
 */
export class SummaryOutbox {
  constructor(private readonly store: Store) {}

  async get(id: string): Promise<OutboxItem | undefined> {
    const parsed = outboxItemSchema.safeParse((await this.store.read(OUTBOX_ITEM_PREFIX + id))?.value);
    return parsed.success ? parsed.data : undefined;
  }

  /** Adds an item unless one exists for the same case (a failed one may be replaced); returns the item now in the outbox. */
  async enqueue(item: OutboxItem, options: { replaceFailed?: boolean } = {}): Promise<{ readonly created: boolean; readonly item: OutboxItem }> {
    const key = OUTBOX_ITEM_PREFIX + item.id;
    const stored = await this.store.read(key);
    const existing = outboxItemSchema.safeParse(stored?.value);
    if (stored && !(options.replaceFailed && (!existing.success || existing.data.status === 'failed'))) {
      return existing.success ? { created: false, item: existing.data } : { created: false, item };
    }
    // The marker first: a crash between the two writes leaves a marker without an item (cleared
    // later), never an item nobody will send.
    await this.store.write(OUTBOX_PENDING_PREFIX + item.id, { createdAt: item.createdAt });
    try {
      await this.store.write(key, item, stored ? { ifMatch: stored.eTag } : { ifAbsent: true });
    } catch (error) {
      if (!(error instanceof EtagConflict)) throw error;
      // Another turn queued the same case between our read and write: that one counts.
      const winner = await this.get(item.id);
      if (winner) return { created: false, item: winner };
      throw error;
    }
    return { created: true, item };
  }

  /** Items waiting whose time has come or whose sender's lease ran out, and waiting items that no longer parse. */
  async due(now: Date): Promise<DueItems> {
    const ids: string[] = [];
    const listedAt = new Map<string, Date>();
    for await (const listed of this.store.list(OUTBOX_PENDING_PREFIX)) {
      const id = listed.key.slice(OUTBOX_PENDING_PREFIX.length);
      ids.push(id);
      listedAt.set(id, listed.modifiedAt);
    }
    if (ids.length === 0) return { due: [], unreadable: [] };
    const stored = await this.store.readMany(ids.map((id) => OUTBOX_ITEM_PREFIX + id));
    const due: OutboxItem[] = [];
    const unreadable: string[] = [];
    for (const id of ids) {
      const raw = stored.get(OUTBOX_ITEM_PREFIX + id);
      if (!raw) {
        if (now.getTime() - (listedAt.get(id)?.getTime() ?? now.getTime()) > ORPHAN_MARKER_MS) await this.store.delete(OUTBOX_PENDING_PREFIX + id);
        continue;
      }
      const parsed = outboxItemSchema.safeParse(raw.value);
      if (!parsed.success) {
        unreadable.push(id);
        continue;
      }
      if (isDue(parsed.data, now)) due.push(parsed.data);
    }
    return { due, unreadable };
  }

  /** Takes an item for sending; undefined when another instance took it first or it is no longer due. */
  async claim(id: string, now: Date, leaseMs: number): Promise<ClaimedItem | undefined> {
    const key = OUTBOX_ITEM_PREFIX + id;
    const stored = await this.store.read(key);
    const parsed = outboxItemSchema.safeParse(stored?.value);
    // Due no more: sent, failed, rescheduled, or claimed by another instance whose lease still runs.
    if (!stored || !parsed.success || !isDue(parsed.data, now)) return undefined;
    const claimed: OutboxItem = {
      ...parsed.data,
      status: 'sending',
      attempts: parsed.data.attempts + 1,
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
    };
    try {
      return { item: claimed, eTag: await this.store.write(key, claimed, { ifMatch: stored.eTag }) };
    } catch (error) {
      if (error instanceof EtagConflict) return undefined;
      throw error;
    }
  }

  /** The post went out. Written even when the lease ran out meanwhile: a sent summary must never be sent again. */
  async markSent(claimed: ClaimedItem, now: Date, post: OutboxItem['post']): Promise<OutboxItem> {
    const item: OutboxItem = { ...claimed.item, status: 'sent', sentAt: now.toISOString(), post, leaseUntil: undefined, lastFailure: undefined };
    await this.store.write(OUTBOX_ITEM_PREFIX + item.id, item);
    await this.store.delete(OUTBOX_PENDING_PREFIX + item.id);
    return item;
  }

  /**
   * The post failed for good; undefined when another instance took the item over meanwhile (its
   * lease ran out): then that instance decides.
   */
  async markFailed(claimed: ClaimedItem, failure: PostFailure): Promise<OutboxItem | undefined> {
    const item: OutboxItem = { ...claimed.item, status: 'failed', lastFailure: failure, leaseUntil: undefined };
    if (!(await this.writeOver(claimed, item))) return undefined;
    await this.store.delete(OUTBOX_PENDING_PREFIX + item.id);
    return item;
  }

  /** The post failed for now; tried again at `at`. Undefined when another instance took the item over meanwhile. */
  async reschedule(claimed: ClaimedItem, at: Date, failure: PostFailure): Promise<OutboxItem | undefined> {
    const item: OutboxItem = { ...claimed.item, status: 'pending', nextAttemptAt: at.toISOString(), lastFailure: failure, leaseUntil: undefined };
    return (await this.writeOver(claimed, item)) ? item : undefined;
  }

  /**
   * An item that no longer parses cannot be sent: it leaves the list of waiting items and is kept
   * as failed (so the sweep deletes it after the retention time). Returns where its summary card
   * is, when that part can still be read, so the staff member can be told.
   */
  async setAsideUnreadable(id: string): Promise<SummaryOrigin | undefined> {
    const key = OUTBOX_ITEM_PREFIX + id;
    const stored = await this.store.read(key);
    if (stored) {
      const createdAt = z.iso.datetime().safeParse(stored.value.createdAt);
      await this.store.write(key, { ...stored.value, status: 'failed', createdAt: createdAt.success ? createdAt.data : new Date(0).toISOString(), lastFailure: { code: 'unreadable' } }, { ifMatch: stored.eTag }).catch((error: unknown) => {
        if (!(error instanceof EtagConflict)) throw error;
      });
    }
    await this.store.delete(OUTBOX_PENDING_PREFIX + id);
    const origin = originSchema.safeParse(stored?.value.origin);
    return origin.success ? origin.data : undefined;
  }

  private async writeOver(claimed: ClaimedItem, item: OutboxItem): Promise<boolean> {
    try {
      await this.store.write(OUTBOX_ITEM_PREFIX + item.id, item, { ifMatch: claimed.eTag });
      return true;
    } catch (error) {
      if (error instanceof EtagConflict) return false;
      throw error;
    }
  }
}

/** An item waiting whose time has come, or one being sent whose sender's lease ran out. */
function isDue(item: OutboxItem, now: Date): boolean {
  const ready = item.status === 'pending' && Date.parse(item.nextAttemptAt) <= now.getTime();
  const abandoned = item.status === 'sending' && item.leaseUntil !== undefined && Date.parse(item.leaseUntil) <= now.getTime();
  return ready || abandoned;
}
