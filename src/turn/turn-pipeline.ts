import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { hashText } from '../logging/hash-id.js';
import type { Logger } from '../logging/logger.js';
import { loggerOf } from '../logging/turn-log.js';
import { EtagConflict } from '../storage/store.js';
import type { ConversationPacer } from './conversation-pacer.js';
import type { ConversationState } from './conversation-state.js';
import { ActivityTypes, type Activity } from 'botbuilder';
import { HeldReplies, type HeldReply, type SentReply } from './held-replies.js';
import { isCardAction } from './invoke-answer.js';
import { packReplies, unpackReplies, type ReplyCodec } from './pending-replies.js';
import { activityKey, afterTurn, isRepeatClick, isReplay, TURN_RECORD_PROPERTY, turnRecordSchema, type TurnRecord } from './turn-record.js';

/** What the turn's logic learns from the pipeline, and may tell it back. */
export interface TurnInfo {
  /** How long the conversation was untouched before this turn; undefined on its first turn. */
  readonly idleMs: number | undefined;
  /** The click found nothing to act on (its case had expired): it is not remembered as the last click. */
  readonly forgetClick: () => void;
}

export interface TurnPipelineDeps<E, R> {
  readonly state: ConversationState;
  /** Names the turn's replies compactly, to keep them with the saved state. */
  readonly replies: ReplyCodec<R>;
  /** Checks an effect read back from storage (a re-sent activity's pending writes). */
  readonly effectSchema: z.ZodType<E>;
  /** Carries out one effect: a write outside the conversation state (a case record, a statistics record). */
  readonly runEffect: (effect: E) => Promise<void>;
  /** What a repeated click is told. */
  readonly clickProcessed: string;
  /** What an Action.Execute click is told when its turn said nothing to it (its card stays as it is). */
  readonly clickAnswered: string;
  readonly now: () => Date;
  readonly log: Logger;
  /** Keeps the turn's replies within Teams' per-conversation message limits. */
  readonly pacer?: ConversationPacer;
  /** Called right after a turn's state is saved, before anything goes out (tests crash the process here). */
  readonly afterSave?: (context: TurnContext) => void;
}

/** Attempts per turn: the first, and re-runs after losing an eTag race to another turn. */
const MAX_ATTEMPTS = 5;
/** Activities whose saved turn this process is delivering or delivered: a re-send of one is not answered again. */
const DELIVERED_MEMORY = 10_000;
const EFFECTS = Symbol('baliewijzer.turnEffects');

/**
 * Every turn exactly once, with the conversation state as the single source of truth:
 *
 * 1. The turn's replies are held (HeldReplies) and its writes outside the state (effects) queued.
 * 2. The state is saved over the version read at the start of the turn, together with the record
 *    of this turn, which packs the held replies and effects: they are as durable as the state.
 * 3. Only then are the effects carried out and the replies sent. What was kept of them stays in
 *    the record until the next turn replaces it: marking it delivered would cost every turn a
 *    second write.
 *
 * A turn that loses the eTag race (a double click, Teams re-sending, a second instance) drops what
 * it held, reads the winner's state and runs again. On that state a second click of the same
 * button is a repeat: answered "Deze klik is al verwerkt." without writing anything; an activity
 * already handled is a re-send: what its turn still had to deliver (after a crash between save and
 * send) is delivered now, else nothing is said. A turn that changed nothing writes nothing.
 */
export class TurnPipeline<E, R> {
  private readonly record: StatePropertyAccessor<TurnRecord>;
  private readonly delivered = new Set<string>();

  constructor(private readonly deps: TurnPipelineDeps<E, R>) {
    this.record = deps.state.property<TurnRecord>(TURN_RECORD_PROPERTY, turnRecordSchema);
  }

  /**
   * Says `activity` (a text, or a card) to the one who clicked, once the turn is saved: for an
   * Action.Execute it is the answer in the HTTP response, which Teams shows to them alone; on a
   * client without Universal Actions it is an ordinary message.
   */
  async answer(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const replies = HeldReplies.of(context);
    if (!replies) throw new Error('a click was answered outside a turn of the pipeline');
    await replies.answer(activity);
  }

  /** Queues `effect` to be carried out once this turn's state is saved (and again if Teams re-sends the turn before it was). */
  defer(context: TurnContext, effect: E): void {
    const effects: unknown = context.turnState.get(EFFECTS);
    if (!Array.isArray(effects)) throw new Error('an effect was deferred outside a turn of the pipeline');
    effects.push(effect);
  }

  /**
   * Runs `work` (the turn's logic) under the pipeline. `clickIdentity` names a card click (its
   * button and the card it was on), to recognise a double click; undefined for anything else.
   */
  async run(context: TurnContext, clickIdentity: string | undefined, work: (info: TurnInfo) => Promise<void>): Promise<void> {
    const { state } = this.deps;
    const log = loggerOf(context, this.deps.log);
    const click = clickIdentity === undefined ? undefined : hashText(clickIdentity);
    const replies = HeldReplies.attach(context, log, { pacer: this.deps.pacer, answered: this.deps.clickAnswered });
    const key = activityKey(context.activity);
    let effects: E[] = [];
    try {
      for (let attempt = 1; ; attempt++) {
        replies.discard();
        effects = [];
        context.turnState.set(EFFECTS, effects);
        await state.load(context);
        const now = this.deps.now();
        const record = await this.record.get(context);
        if (record && isReplay(record, key)) return await this.resend(context, replies, record, key, log);
        if (record && isRepeatClick(record, click, now)) {
          log.info({ event: 'turn.repeat-click' }, 'same button clicked again; not applied twice');
          await replies.send([this.said(this.deps.clickProcessed)]);
          return;
        }
        let clicked = click;
        await work({ idleMs: record ? now.getTime() - Date.parse(record.touchedAt) : undefined, forgetClick: () => (clicked = undefined) });
        if (!state.changed(context) && effects.length === 0) break;
        await this.record.set(context, afterTurn(record, { key, click: clicked, now, pending: { replies: packReplies(replies.replies, this.deps.replies), effects } }));
        try {
          await state.save(context);
          this.deps.afterSave?.(context);
          // Delivered by this turn from here on: a re-send of the activity meanwhile stays silent.
          if (key !== undefined) this.remember(key);
          break;
        } catch (error) {
          if (!(error instanceof EtagConflict) || attempt >= MAX_ATTEMPTS) throw error;
          log.info({ event: 'turn.conflict', attempt }, 'another turn saved this conversation first; running this turn again');
        }
      }
    } catch (error) {
      // The turn failed before its state was saved: nothing held goes out, the apology does.
      replies.release();
      throw error;
    }
    try {
      await this.carryOut(effects, log);
      await this.keepIds(context, await replies.send());
    } catch (error) {
      // Not delivered after all: when Teams re-sends the activity, its saved replies go out then.
      if (key !== undefined) this.delivered.delete(key);
      throw error;
    }
  }

  /**
   * Teams sent an activity again that a turn already saved. When that turn's replies may not have
   * gone out (this process is not sending and did not send them: it crashed, or another instance
   * saved the turn), its effects and replies are delivered now, and the case moves no further; a
   * re-send that reaches another instance after the first delivered is answered twice, the price
   * of never losing an answer. Else the activity is not answered again.
   */
  private async resend(context: TurnContext, replies: HeldReplies, record: TurnRecord, key: string | undefined, log: Logger): Promise<void> {
    const pending = record.pending;
    const kept = key !== undefined && pending?.key === key ? await unpackReplies(pending.replies, this.deps.replies) : undefined;
    if (key === undefined || pending?.key !== key || this.delivered.has(key)) {
      log.info({ event: 'turn.replayed' }, 'activity was handled before; not answered again');
      // A click Teams sent again (it did not get the answer in time) still needs its answer: the same one, else "already done".
      if (isCardAction(context.activity)) await replies.answerOnly(kept ?? [this.said(this.deps.clickProcessed)]);
      else replies.release();
      return;
    }
    const effects = z.array(this.deps.effectSchema).safeParse(pending.effects);
    if (!effects.success || !kept) {
      log.warn({ event: 'turn.pending-unreadable' }, 'the replies kept for a re-sent activity could not be read');
      if (isCardAction(context.activity)) await replies.answerOnly([this.said(this.deps.clickProcessed)]);
      else replies.release();
      return;
    }
    log.info({ event: 'turn.redelivered', replies: kept.length, effects: effects.data.length }, 're-sent activity: delivering what its saved turn had not');
    this.remember(key);
    try {
      await this.carryOut(effects.data, log);
      await this.keepIds(context, await replies.send(kept));
    } catch (error) {
      this.delivered.delete(key);
      throw error;
    }
  }

  /**
   * The follow-up write after sending: the ids Teams gave the replies the conversation must find
   * again (ReplyCodec.keepsId), written into the state. The replies went out: a failed write is
   * logged, and the next click on that card brings its id anyway.
   */
  private async keepIds(context: TurnContext, sent: readonly SentReply[]): Promise<void> {
    const kept = this.deps.replies.keepsId;
    if (!kept) return;
    for (const { activity, id } of sent) {
      const intent = this.deps.replies.intentOf(activity);
      if (intent === undefined || id === '' || !kept.wanted(intent)) continue;
      try {
        await this.deps.state.updateProperty(context, kept.property, (current) => kept.record(current, intent, id));
      } catch (error) {
        loggerOf(context, this.deps.log).warn({ event: 'turn.id-not-kept', err: error instanceof Error ? error.message : 'unknown' }, 'the id of a sent reply could not be kept');
      }
    }
  }

  /** A short text said to the one who clicked. */
  private said(text: string): HeldReply {
    return { kind: 'answer', activity: { type: ActivityTypes.Message, text } };
  }

  /**
   * Carries out the saved turn's effects in order. The state is saved by now, so a failing effect
   * cannot undo the turn: it is logged, and the others still run (effects are keyed writes, so a
   * re-sent activity may run them again).
   */
  private async carryOut(effects: readonly E[], log: Logger): Promise<void> {
    for (const effect of effects) {
      try {
        await this.deps.runEffect(effect);
      } catch (error) {
        log.error({ event: 'turn.effect-failed', err: error instanceof Error ? error.message : 'unknown' }, 'a write after the saved turn failed');
      }
    }
  }

  private remember(key: string): void {
    this.delivered.add(key);
    if (this.delivered.size > DELIVERED_MEMORY) this.delivered.delete(this.delivered.values().next().value ?? key);
  }
}
