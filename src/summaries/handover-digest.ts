import type { AdaptiveCardJson } from '../cards/card-templates.js';
import { localClock, minutesOf } from '../clock/local-time.js';
import { MINUTE_MS } from '../clock/durations.js';
import { PeriodicRun } from '../clock/periodic-run.js';
import type { Logger } from '../logging/logger.js';
import { EtagConflict, type Store } from '../storage/store.js';
import type { HandoverBoard } from './handover-board.js';
import { MAX_LISTED_CASES, type SummaryCards } from './summary-cards.js';
import type { TeamRecord, TeamRegistry } from './team-registry.js';

/** Storage key prefix of the digest markers: `baliewijzer/handover-digest/<local day>/<team>` (the sweep deletes old ones). */
export const HANDOVER_DIGEST_PREFIX = 'baliewijzer/handover-digest/';

/** Posts a card as a new message in a team's summary channel (the Teams edge). */
export interface DigestPoster {
  postToTeam(team: TeamRecord, card: AdaptiveCardJson): Promise<void>;
}

export interface HandoverDigestOptions {
  readonly store: Store;
  readonly board: HandoverBoard;
  readonly registry: TeamRegistry;
  readonly cards: SummaryCards;
  readonly poster: DigestPoster;
  readonly log: Logger;
  /** The library's time zone (config TIME_ZONE) and the local time of the digest (config HANDOVER_TIME, HH:MM). */
  readonly timeZone: string;
  readonly time: string;
  readonly now?: () => Date;
  /** How often to look whether a digest is due; default every minute. */
  readonly everyMs?: number;
}

/**
 * The daily handover digest: from the configured local time on, every team the bot is installed
 * in gets, once that day, the list of its unresolved cases nobody picked up, in its summary
 * channel (nothing when there are none). "Once" holds with several instances and restarts: the
 * instance that creates the team's marker for the day (a create-only write) posts; a post that
 * fails removes its marker again, so a later look tries once more.
 */
export class HandoverDigest {
  private readonly periodic: PeriodicRun;
  private readonly now: () => Date;

  constructor(private readonly options: HandoverDigestOptions) {
    this.now = options.now ?? (() => new Date());
    this.periodic = new PeriodicRun({
      run: () => this.postDue(),
      everyMs: options.everyMs ?? MINUTE_MS,
      failed: (error) => options.log.error({ event: 'handover.digest-failed', err: error instanceof Error ? error.message : 'unknown' }, 'handover digest failed'),
    });
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Posts the digests that are due now; resolves with how many this instance posted (tests call it directly). */
  tick(): Promise<number> {
    return this.periodic.runOnce();
  }

  private async postDue(): Promise<number> {
    const now = this.now();
    const { day, minutes } = localClock(now, this.options.timeZone);
    if (minutes < minutesOf(this.options.time)) return 0;
    let posted = 0;
    for (const team of await this.options.registry.list()) {
      try {
        if (await this.postOnce(team, day, now)) posted += 1;
      } catch (error) {
        this.options.log.error({ event: 'handover.digest-failed', err: error instanceof Error ? error.message : 'unknown' }, 'handover digest for a team failed; tried again later');
      }
    }
    return posted;
  }

  /** The team's digest for `day`, unless another instance (or an earlier look) took that day. */
  private async postOnce(team: TeamRecord, day: string, now: Date): Promise<boolean> {
    const { store, board, cards, poster, log } = this.options;
    const key = `${HANDOVER_DIGEST_PREFIX}${day}/${team.teamId}`;
    let eTag: string;
    try {
      eTag = await store.write(key, { team: team.teamId, day, at: now.toISOString() }, { ifAbsent: true });
    } catch (error) {
      if (error instanceof EtagConflict) return false;
      throw error;
    }
    const open = await board.openCases([team.teamId], MAX_LISTED_CASES);
    if (open.total === 0) {
      log.info({ event: 'handover.digest-empty' }, 'no open cases: no digest today');
      return false;
    }
    try {
      await poster.postToTeam(team, cards.openCases('digest', open));
    } catch (error) {
      // Not posted: free the day again, so a later look (here or on another instance) tries once more.
      await store.delete(key, { ifMatch: eTag }).catch(() => undefined);
      throw error;
    }
    log.info({ event: 'handover.digest-posted', cases: open.total }, 'handover digest posted');
    return true;
  }
}
