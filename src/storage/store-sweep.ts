import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from '../logging/logger.js';
import { EtagConflict, type Store, type StoredValue } from './store.js';
import { HOUR_MS } from '../clock/durations.js';
import { PeriodicRun } from '../clock/periodic-run.js';

/** One kind of stored item the sweep may delete, as the feature that owns it describes it. */
export interface SweepRule {
  /** Name in the sweep's log line ("conversation", "case-record", …). */
  readonly name: string;
  /** The keys of this kind. */
  readonly prefix: string;
  /**
   * An item last written at or after this moment cannot be due (the times inside an item are
   * never later than its last write), so it is not even read.
   */
  readonly cutoff: (now: Date) => Date;
  /** Whether a (read) item is due for deletion now; what a rule cannot read, it keeps. */
  readonly due: (value: StoredValue, now: Date) => boolean;
}

export interface StoreSweepOptions {
  readonly store: Store;
  readonly rules: readonly SweepRule[];
  readonly log: Logger;
  readonly now?: () => Date;
  /** How often to sweep; default hourly. */
  readonly everyMs?: number;
  /** Store housekeeping run with every sweep (the file store's left-over temp and corrupt files); returns files removed. */
  readonly housekeeping?: (now: Date) => Promise<number>;
}

/** Items looked at between two yields to the event loop, so turns are never kept waiting behind a long sweep. */
const BATCH = 50;

/**
 * Housekeeping of the bot's storage (any store), on a timer: deletes the items each feature's
 * rule says are due (abandoned conversations, old case records and shared summaries). Items too
 * recently written to be due are skipped by their listing date without being read; an item is
 * deleted only if it is still the version that was read, so a turn or another instance writing it
 * meanwhile wins, and several instances may sweep one container at once.
 */
export class StoreSweep {
  private readonly periodic: PeriodicRun;
  private readonly now: () => Date;

  constructor(private readonly options: StoreSweepOptions) {
    this.now = options.now ?? (() => new Date());
    this.periodic = new PeriodicRun({
      run: () => this.sweep(),
      everyMs: options.everyMs ?? HOUR_MS,
      failed: (error) => options.log.error({ event: 'storage.sweep-failed', err: error instanceof Error ? error.message : 'unknown' }, 'sweep failed'),
    });
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Sweeps now; returns how many items (and left-over files) were deleted. */
  sweepOnce(): Promise<number> {
    return this.periodic.runOnce();
  }

  private async sweep(): Promise<number> {
    const now = this.now();
    const counts: Record<string, number> = {};
    let looked = 0;
    for (const rule of this.options.rules) {
      const cutoff = rule.cutoff(now).getTime();
      for await (const listed of this.options.store.list(rule.prefix)) {
        if (++looked % BATCH === 0) await yieldToEventLoop();
        if (listed.modifiedAt.getTime() >= cutoff) continue;
        const stored = await this.options.store.read(listed.key);
        if (!stored || !rule.due(stored.value, now)) continue;
        try {
          await this.options.store.delete(listed.key, { ifMatch: stored.eTag });
          counts[rule.name] = (counts[rule.name] ?? 0) + 1;
        } catch (error) {
          if (!(error instanceof EtagConflict)) throw error;
        }
      }
    }
    const files = (await this.options.housekeeping?.(now)) ?? 0;
    const deleted = Object.values(counts).reduce((sum, n) => sum + n, 0) + files;
    if (deleted > 0) this.options.log.info({ event: 'storage.swept', deleted, due: counts, files }, 'abandoned conversations and old records deleted');
    return deleted;
  }
}
