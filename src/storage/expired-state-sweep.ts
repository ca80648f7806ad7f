import type { Storage } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { FileStorage, type SweptItem } from './file-storage.js';
import { readTurnRecord, TURN_RECORD_PROPERTY } from './turn-record.js';

export interface ExpiredStateSweepOptions {
  readonly storage: Storage;
  readonly caseTtlHours: number;
  readonly log: Logger;
  readonly now?: () => Date;
  /** How often to sweep; default: hourly, or a quarter of the case lifetime when that is shorter. */
  readonly everyMs?: number;
}

const HOUR_MS = 3_600_000;

/** botbuilder's ConversationState key: `<channel>/conversations/<conversation id>/`. */
const CONVERSATION_KEY = /^[^/]+\/conversations\/.+\/$/;

/**
 * Deletes the state of conversations nobody touched for longer than the case lifetime, so
 * abandoned cases do not pile up in the file store. A turn in such a conversation closes the
 * case itself (the turn guard); this sweep is for the conversations that never come back. Case
 * records and the summary outbox are not conversation state and are left alone. Blob storage is
 * not swept: use an Azure Storage lifecycle rule on the container for that.
 */
export class ExpiredStateSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: ExpiredStateSweepOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer || !(this.options.storage instanceof FileStorage)) return;
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

  /** Sweeps now; returns how many conversations were deleted (0 for storages that are not swept). */
  async sweepOnce(): Promise<number> {
    const storage = this.options.storage;
    if (!(storage instanceof FileStorage)) return 0;
    if (this.running) return this.running;
    const cutoff = this.now().getTime() - this.options.caseTtlHours * HOUR_MS;
    this.running = storage
      .sweep((item) => isAbandoned(item, cutoff))
      .then((deleted) => {
        if (deleted > 0) this.options.log.info({ event: 'storage.swept', deleted }, 'abandoned conversation state deleted');
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

/** Conversation state last touched before the cutoff (by the turn guard's record, else the file time). */
function isAbandoned(item: SweptItem, cutoff: number): boolean {
  if (!CONVERSATION_KEY.test(item.key)) return false;
  const record = readTurnRecord(item.document[TURN_RECORD_PROPERTY]);
  const touched = record ? Date.parse(record.touchedAt) : item.modifiedAt.getTime();
  return touched < cutoff;
}
