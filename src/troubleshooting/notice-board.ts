import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MINUTE_MS } from '../clock/durations.js';
import type { Logger } from '../logging/logger.js';
import { formatProblem } from './flow-problem.js';
import { NOTICES_FILE, noticesFor, parseNotices, type Notice, type NoticeOptions } from './notices.js';

export interface NoticeBoardOptions extends NoticeOptions {
  /** The flows folder that holds `notices.yaml`. */
  readonly dir: string;
  readonly log: Logger;
  /** How often the file is looked at again; default every minute. */
  readonly everyMs?: number;
}

/**
 * The notices the bot shows now, from `notices.yaml`, picked up without a restart: the file is
 * read again every minute and whenever {@link NoticeBoard.refresh} is called. A file that no
 * longer checks out keeps the last good notices (and says why in the log), so a typo by a content
 * editor never takes a warning off the cards; a removed file means no notices.
 */
export class NoticeBoard {
  private notices: readonly Notice[] = [];
  private lastText: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: NoticeBoardOptions) {
    this.refresh();
  }

  /** The notices valid at `now`: for one procedure's first card, or (without `flowId`) for the menu. */
  current(now: Date, flowId?: string): Notice[] {
    return noticesFor(this.notices, now, flowId);
  }

  /** Reads the file again; returns whether the notices changed. */
  refresh(): boolean {
    const { dir, log } = this.options;
    const file = join(dir, NOTICES_FILE);
    let text: string | undefined;
    try {
      text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    } catch (error) {
      log.warn({ event: 'notices.unreadable', err: error instanceof Error ? error.message : 'unknown' }, 'notices file could not be read; keeping the last good notices');
      return false;
    }
    if (text === this.lastText) return false;
    this.lastText = text;
    if (text === undefined) {
      this.notices = [];
      log.info({ event: 'notices.loaded', notices: 0 }, 'no notices file: no notices');
      return true;
    }
    const parsed = parseNotices(file, text, this.options);
    if (!parsed.ok) {
      log.warn({ event: 'notices.invalid', problems: parsed.error.map(formatProblem) }, 'notices file has problems; keeping the last good notices');
      return false;
    }
    this.notices = parsed.value;
    log.info({ event: 'notices.loaded', notices: parsed.value.length }, 'notices loaded');
    return true;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.refresh(), this.options.everyMs ?? MINUTE_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
