import type { Storage } from 'botbuilder';
import { z } from 'zod';
import { caseSummarySchema, type CaseSummary } from './case-summary.js';
import { isETagConflict } from '../storage/etag-conflict.js';
import { eTagOf, withoutETag } from '../storage/stored-item.js';
import { storedReferenceSchema } from './conversation-ref.js';

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

/**
 * One summary waiting to be posted. Its id is the case id: the idempotency key that makes a
 * second "Deel in teamkanaal" for the same case find this item instead of posting again.
 */
export const outboxItemSchema = z.strictObject({
  id: z.string().min(1).max(80),
  summary: caseSummarySchema,
  note: z.string().max(600).optional(),
  target: summaryTargetSchema,
  /** The staff member's chat and summary card, to show them the sending state. */
  origin: z.strictObject({ reference: storedReferenceSchema, cardId: z.string().max(300).optional() }),
  status: outboxStatusSchema,
  attempts: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime(),
  /** While `sending`: until when this instance holds the item; after that another may take it. */
  leaseUntil: z.iso.datetime().optional(),
  lastError: z.string().max(300).optional(),
  sentAt: z.iso.datetime().optional(),
  post: z.strictObject({ conversationId: z.string().max(500), activityId: z.string().max(300).optional() }).optional(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

const indexSchema = z.object({ pending: z.array(z.string()), eTag: z.string().optional() });

/** Storage key prefix of outbox items (the housekeeping sweep deletes old finished ones). */
export const OUTBOX_ITEM_PREFIX = 'baliewijzer/outbox/';
const INDEX_KEY = 'baliewijzer/outbox-index';
const MAX_CONFLICT_RETRIES = 8;

type Stored<T> = { readonly value: T; readonly eTag?: string };

/**
 * The summary outbox, in the bot's own storage so it survives restarts and is shared by every
 * instance. Items are written with their eTag: of two instances claiming one item, one wins.
 */
export class SummaryOutbox {
  constructor(private readonly storage: Storage) {}

  async get(id: string): Promise<OutboxItem | undefined> {
    return (await this.readItem(id))?.value;
  }

  /** Adds an item unless one exists for the same case (a failed one may be replaced); returns the item now in the outbox. */
  async enqueue(item: OutboxItem, options: { replaceFailed?: boolean } = {}): Promise<{ readonly created: boolean; readonly item: OutboxItem }> {
    const existing = await this.readItem(item.id);
    if (existing && !(options.replaceFailed && existing.value.status === 'failed')) return { created: false, item: existing.value };
    try {
      await this.storage.write({ [OUTBOX_ITEM_PREFIX + item.id]: { ...item, eTag: existing?.eTag ?? '*' } });
    } catch (error) {
      if (!isETagConflict(error)) throw error;
      // Another turn queued the same case between our read and write: that one counts.
      const winner = await this.readItem(item.id);
      if (winner) return { created: false, item: winner.value };
      throw new Error('outbox write failed');
    }
    await this.updateIndex((ids) => (ids.includes(item.id) ? ids : [...ids, item.id]));
    return { created: true, item };
  }

  /** Items waiting whose time has come, or whose sender's lease ran out. */
  async due(now: Date): Promise<OutboxItem[]> {
    const ids = (await this.readIndex()).value.pending;
    if (ids.length === 0) return [];
    const items = await this.storage.read(ids.map((id) => OUTBOX_ITEM_PREFIX + id));
    const due: OutboxItem[] = [];
    for (const id of ids) {
      const parsed = outboxItemSchema.safeParse(withoutETag(items[OUTBOX_ITEM_PREFIX + id]));
      if (!parsed.success) continue;
      const item = parsed.data;
      const ready = item.status === 'pending' && Date.parse(item.nextAttemptAt) <= now.getTime();
      const abandoned = item.status === 'sending' && item.leaseUntil !== undefined && Date.parse(item.leaseUntil) <= now.getTime();
      if (ready || abandoned) due.push(item);
    }
    return due;
  }

  /** Takes an item for sending; undefined when another instance took it first or it is no longer due. */
  async claim(id: string, now: Date, leaseMs: number): Promise<OutboxItem | undefined> {
    const stored = await this.readItem(id);
    if (!stored || stored.value.status === 'sent' || stored.value.status === 'failed') return undefined;
    const claimed: OutboxItem = {
      ...stored.value,
      status: 'sending',
      attempts: stored.value.attempts + 1,
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
    };
    try {
      await this.storage.write({ [OUTBOX_ITEM_PREFIX + id]: { ...claimed, eTag: stored.eTag ?? '*' } });
    } catch (error) {
      if (isETagConflict(error)) return undefined;
      throw error;
    }
    return claimed;
  }

  async markSent(item: OutboxItem, now: Date, post: OutboxItem['post']): Promise<OutboxItem> {
    return this.finish({ ...item, status: 'sent', sentAt: now.toISOString(), post, leaseUntil: undefined, lastError: undefined });
  }

  async markFailed(item: OutboxItem, reason: string): Promise<OutboxItem> {
    return this.finish({ ...item, status: 'failed', lastError: reason.slice(0, 300), leaseUntil: undefined });
  }

  async reschedule(item: OutboxItem, at: Date, reason: string): Promise<OutboxItem> {
    const next: OutboxItem = { ...item, status: 'pending', nextAttemptAt: at.toISOString(), lastError: reason.slice(0, 300), leaseUntil: undefined };
    await this.storage.write({ [OUTBOX_ITEM_PREFIX + item.id]: { ...next } });
    return next;
  }

  private async finish(item: OutboxItem): Promise<OutboxItem> {
    await this.storage.write({ [OUTBOX_ITEM_PREFIX + item.id]: { ...item } });
    await this.updateIndex((ids) => ids.filter((id) => id !== item.id));
    return item;
  }

  private async readItem(id: string): Promise<Stored<OutboxItem> | undefined> {
    const items = await this.storage.read([OUTBOX_ITEM_PREFIX + id]);
    const raw: unknown = items[OUTBOX_ITEM_PREFIX + id];
    if (raw === undefined) return undefined;
    const parsed = outboxItemSchema.safeParse(withoutETag(raw));
    return parsed.success ? { value: parsed.data, eTag: eTagOf(raw) } : undefined;
  }

  private async readIndex(): Promise<Stored<{ pending: string[] }>> {
    const items = await this.storage.read([INDEX_KEY]);
    const parsed = indexSchema.safeParse(items[INDEX_KEY] ?? { pending: [] });
    return parsed.success ? { value: { pending: parsed.data.pending }, eTag: parsed.data.eTag } : { value: { pending: [] } };
  }

  private async updateIndex(change: (ids: string[]) => string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const index = await this.readIndex();
      try {
        await this.storage.write({ [INDEX_KEY]: { pending: change(index.value.pending), eTag: index.eTag ?? '*' } });
        return;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }
}

export type { CaseSummary };
