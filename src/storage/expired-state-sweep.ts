import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { SweptItem } from './file-storage.js';
import { CASE_RECORD_PREFIX } from '../summaries/case-records.js';
import { OUTBOX_ITEM_PREFIX } from '../summaries/summary-outbox.js';
import { readTurnRecord, TURN_RECORD_PROPERTY } from './turn-record.js';

/** A store that can be swept: FileStorage, or BlobSweeper for STORAGE=blob. */
export interface SweepTarget {
  /**
   * Deletes every item `expired` picks, unless it changed meanwhile, and returns how many. `due`
   * may rule items out by key and time of last change before they are read.
   */
  sweep(expired: (item: SweptItem) => boolean, due?: (key: string, modifiedAt: Date) => boolean): Promise<number>;
}

export interface ExpiredStateSweepOptions {
  /** What to sweep; none (STORAGE=memory) means the sweep does nothing. */
  readonly target: SweepTarget | undefined;
  readonly caseTtlHours: number;
  /** Case records and shared or failed summaries older than this many days are deleted (config RECORD_RETENTION_DAYS). */
  readonly recordRetentionDays: number;
  readonly log: Logger;
  readonly now?: () => Date;
  /** How often to sweep; default: hourly, or a quarter of the case lifetime when that is shorter. */
  readonly everyMs?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * botbuilder's ConversationState key, `<channel>/conversations/<conversation id>/`; in a Blob
 * name BlobsStorage drops the trailing slash, so it is optional here.
 */
const CONVERSATION_KEY = /^[^/]+\/conversations\/.+$/;

/** What the sweep reads of a case record and an outbox item; anything it cannot read, it keeps. */
const caseRecordDates = z.looseObject({ endedAt: z.iso.datetime() });
const finishedOutboxItem = z.looseObject({ status: z.enum(['sent', 'failed']), createdAt: z.iso.datetime(), sentAt: z.iso.datetime().optional() });

/** The kinds of item the sweep may delete (and counts in its log line). */
type Expiry = 'conversation' | 'case-record' | 'outbox-item';

/** The moment before which an item of each kind is due: now minus the case lifetime or the record retention. */
interface Cutoffs {
  readonly conversation: number;
  readonly record: number;
}

/**
 * Housekeeping of the bot's storage (file store or Blob), hourly:
 *
 * - the state of conversations nobody touched for longer than the case lifetime, so abandoned
 *   cases do not pile up (a turn in such a conversation closes the case itself, see the turn
 *   guard; this is for the conversations that never come back);
 * - case records and shared or failed summaries older than the record retention: they hold a
 *   staff member's display name and note, and are only needed while someone may still press
 *   "Deel in teamkanaal" or look at the sending state. Summaries still waiting to be sent stay.
 *
 * Statistics hold no names and are kept. With several instances on one Blob container each
 * sweeps; a delete only succeeds on an unchanged item, so they cannot harm each other.
 */
export class ExpiredStateSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: ExpiredStateSweepOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer || !this.options.target) return;
    const everyMs = this.options.everyMs ?? Math.max(60_000, Math.min(HOUR_MS, (this.options.caseTtlHours * HOUR_MS) / 4));
    this.timer = setInterval(() => void this.sweepOnce(), everyMs);
    this.timer.unref();
    void this.sweepOnce();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Sweeps now; returns how many items were deleted (0 for storages that are not swept). */
  async sweepOnce(): Promise<number> {
    const target = this.options.target;
    if (!target) return 0;
    if (this.running) return this.running;
    const now = this.now().getTime();
    const cutoffs: Cutoffs = { conversation: now - this.options.caseTtlHours * HOUR_MS, record: now - this.options.recordRetentionDays * DAY_MS };
    const counts: Record<Expiry, number> = { conversation: 0, 'case-record': 0, 'outbox-item': 0 };
    this.running = target
      .sweep(
        (item) => {
          const expiry = expiryOf(item, cutoffs);
          if (expiry) counts[expiry] += 1;
          return expiry !== undefined;
        },
        // An item last changed after its cutoff cannot be due: the times inside it are never later than its last write.
        (key, modifiedAt) => {
          const kind = kindOf(key);
          return kind !== undefined && modifiedAt.getTime() < cutoffOf(kind, cutoffs);
        },
      )
      .then((deleted) => {
        if (deleted > 0) this.options.log.info({ event: 'storage.swept', deleted, due: counts }, 'abandoned conversations and old case records deleted');
        return deleted;
      })
      .catch((error: unknown) => {
        this.options.log.error({ event: 'storage.sweep-failed', err: error instanceof Error ? error.message : 'unknown' }, 'sweep failed');
        return 0;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}

/** What kind of item a key names, or undefined for items the sweep never deletes. */
function kindOf(key: string): Expiry | undefined {
  if (CONVERSATION_KEY.test(key)) return 'conversation';
  // A case summary kept for "Deel in teamkanaal".
  if (key.startsWith(CASE_RECORD_PREFIX)) return 'case-record';
  if (key.startsWith(OUTBOX_ITEM_PREFIX)) return 'outbox-item';
  return undefined;
}

const cutoffOf = (kind: Expiry, cutoffs: Cutoffs): number => (kind === 'conversation' ? cutoffs.conversation : cutoffs.record);

/**
 * The moment an item's age counts from: a conversation's last turn (or its last write), a case's
 * end, a summary's sending (or creation, when it failed). Undefined keeps the item: what the sweep
 * cannot read, and summaries still waiting or being sent.
 */
function timeOf(kind: Expiry, item: SweptItem): number | undefined {
  switch (kind) {
    case 'conversation': {
      const record = readTurnRecord(item.document[TURN_RECORD_PROPERTY]);
      return record ? Date.parse(record.touchedAt) : item.modifiedAt.getTime();
    }
    case 'case-record': {
      const parsed = caseRecordDates.safeParse(item.document);
      return parsed.success ? Date.parse(parsed.data.endedAt) : undefined;
    }
    case 'outbox-item': {
      const parsed = finishedOutboxItem.safeParse(item.document);
      return parsed.success ? Date.parse(parsed.data.sentAt ?? parsed.data.createdAt) : undefined;
    }
  }
}

/** Why `item` is due for deletion, or undefined to keep it. */
function expiryOf(item: SweptItem, cutoffs: Cutoffs): Expiry | undefined {
  const kind = kindOf(item.key);
  if (kind === undefined) return undefined;
  const time = timeOf(kind, item);
  return time !== undefined && time < cutoffOf(kind, cutoffs) ? kind : undefined;
}
