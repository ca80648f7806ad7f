import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';

/** Something a turn writes outside the conversation state: a case record, a statistics record. */
export type Effect = () => Promise<void>;

const KEY = Symbol('baliewijzer.afterSave');

/** Tries per effect: storage that just saved the conversation is rarely down, but may hiccup. */
const ATTEMPTS = 3;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A turn's writes outside the conversation state, held until the state is saved (TurnGuard).
 *
 * A turn can lose its eTag race and run again on what another turn saved: a final answer and a
 * "Stoppen" click on the same card, say. What the losing attempt would have written must then not
 * be written at all, or the case record and statistics could say "Opgelost" about a case the staff
 * member saw stopped. So these writes wait here and only the saved attempt's are carried out, in
 * order, before its replies are sent.
 */
export class AfterSave {
  private effects: Effect[] = [];

  private constructor(private readonly log: Logger) {}

  /** Starts holding this turn's effects (TurnGuard, once per turn). */
  static attach(context: TurnContext, log: Logger): AfterSave {
    const queue = new AfterSave(log);
    context.turnState.set(KEY, queue);
    return queue;
  }

  /** Carries out `effect` once this turn's state is saved. Every turn runs under TurnGuard, which attaches the queue. */
  static defer(context: TurnContext, effect: Effect): void {
    const queue: unknown = context.turnState.get(KEY);
    if (!(queue instanceof AfterSave)) throw new Error('AfterSave.defer outside a guarded turn: attach it before the turn runs');
    queue.effects.push(effect);
  }

  /** Forgets the effects of an attempt whose save lost (it is about to run again). */
  discard(): void {
    this.effects = [];
  }

  /**
   * Carries out the held effects in order. The state is saved by now, so a failing effect cannot
   * undo the turn: it is tried {@link ATTEMPTS} times, then logged, and the others still run.
   */
  async run(): Promise<void> {
    const effects = this.effects;
    this.effects = [];
    for (const effect of effects) {
      for (let attempt = 1; ; attempt++) {
        try {
          await effect();
          break;
        } catch (error) {
          if (attempt < ATTEMPTS) {
            await sleep(50 * attempt);
            continue;
          }
          this.log.error({ event: 'turn.after-save-failed', attempts: attempt, err: error instanceof Error ? error.message : 'unknown' }, 'a write after the saved turn failed');
          break;
        }
      }
    }
  }
}
