import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardRenderer } from '../cards/card-renderer.js';
import { fill } from '../cards/messages.js';
import type { ConversationPacer } from '../http/conversation-pacer.js';
import { attachCard } from '../dialogs/flow-dialog.js';
import type { Logger } from '../logging/logger.js';
import type { CaseStatistics } from '../statistics/case-statistics.js';
import { caseStateSchema, type CaseState } from '../troubleshooting/case-state.js';
import { AfterSave } from './after-save.js';
import { ConversationConflictError, type ETagConversationState } from './etag-conversation-state.js';
import { OutgoingBuffer } from './outgoing-buffer.js';
import { activityKey, afterTurn, clickKey, isExpired, isRepeatClick, isReplay, readTurnRecord, TURN_RECORD_PROPERTY, type TurnRecord } from './turn-record.js';

/** Runs one turn's logic; the bot calls it once per incoming activity. */
export interface TurnRunner {
  run(context: TurnContext, work: () => Promise<void>): Promise<void>;
}

export interface TurnGuardDeps {
  readonly conversationState: ETagConversationState;
  readonly cards: CardRenderer;
  readonly now: () => Date;
  /** An open case untouched for longer than this is not continued (config CASE_TTL_HOURS). */
  readonly caseTtlHours: number;
  readonly log: Logger;
  /** Keeps the turn's replies within Teams' per-conversation message limits. */
  readonly pacer?: ConversationPacer;
  /** Told about an open case that expired, so the statistics count it as abandoned. */
  readonly statistics?: Pick<CaseStatistics, 'caseEnded'>;
}

const HOUR_MS = 3_600_000;
const HOURS = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** Attempts per turn: the first, and re-runs after losing an eTag conflict to another turn. */
const MAX_ATTEMPTS = 3;

/** Where botbuilder's DialogSet keeps the open case (DeskConversation's `dialogState` property). */
const openCaseSchema = z.looseObject({ dialogState: z.looseObject({ dialogStack: z.array(z.unknown()).min(1) }) });

/**
 * Every turn exactly once, with the conversation state as the single source of truth:
 *
 * 1. Replies are held (OutgoingBuffer) while the turn runs.
 * 2. The state is saved with the eTag read at the start of the turn.
 * 3. Only after the save succeeded are the held replies sent. A turn that loses the eTag race to
 *    another turn on the same conversation (a double click, Teams re-sending, a second instance)
 *    drops its held replies, reloads the state, and runs again on what the winner saved, up to
 *    {@link MAX_ATTEMPTS} times.
 *
 * The re-run sees the winner's record: Teams re-sending an activity it already handled gets no
 * answer at all; the same button on the same card right after the previous turn gets "Deze klik
 * is al verwerkt." and changes nothing. An open case untouched for longer than the case lifetime
 * is closed and the staff member gets the menu.
 *
 * Because a turn may run more than once, what it writes outside the conversation state waits in
 * {@link AfterSave} (case records, statistics) and is written only for the attempt that saved,
 * before its replies go out. The rest (the summary outbox, the team registry) is keyed by case or
 * team id, so writing it again changes nothing.
 */
export class TurnGuard implements TurnRunner {
  private readonly record: StatePropertyAccessor<unknown>;

  constructor(private readonly deps: TurnGuardDeps) {
    this.record = deps.conversationState.createProperty<unknown>(TURN_RECORD_PROPERTY);
  }

  async run(context: TurnContext, work: () => Promise<void>): Promise<void> {
    const { conversationState, log } = this.deps;
    const outgoing = OutgoingBuffer.attach(context, log, this.deps.pacer);
    const afterSave = AfterSave.attach(context, log);
    try {
      for (let attempt = 1; ; attempt++) {
        outgoing.discard();
        afterSave.discard();
        await conversationState.load(context, attempt > 1);
        await this.attempt(context, work);
        try {
          await conversationState.saveChanges(context);
          break;
        } catch (error) {
          if (!(error instanceof ConversationConflictError) || attempt >= MAX_ATTEMPTS) throw error;
          log.info({ event: 'turn.conflict', attempt }, 'another turn saved this conversation first; running this turn again');
        }
      }
    } catch (error) {
      outgoing.release();
      throw error;
    }
    await afterSave.run();
    await outgoing.flush();
  }

  private async attempt(context: TurnContext, work: () => Promise<void>): Promise<void> {
    const { log, cards } = this.deps;
    const now = this.deps.now();
    const previous = readTurnRecord(await this.record.get(context));
    if (context.activity.type !== ActivityTypes.Message) {
      await work();
      // Written on the first turn of a conversation, so the item exists before any card can be clicked.
      await this.remember(context, previous ?? afterTurn(undefined, { now }));
      return;
    }
    const key = activityKey(context.activity);
    const click = clickKey(context.activity);
    if (previous && isReplay(previous, key)) {
      log.info({ event: 'turn.replayed' }, 'activity was handled before; not answered again');
      return;
    }
    if (previous && isRepeatClick(previous, click, now)) {
      log.info({ event: 'turn.repeat-click' }, 'same button clicked again; not applied twice');
      await context.sendActivity(cards.messages.clickProcessed);
      await this.remember(context, afterTurn(previous, { key, click, now }));
      return;
    }
    const ttlMs = this.deps.caseTtlHours * HOUR_MS;
    const expired = previous && isExpired(previous, now, ttlMs) ? this.openCase(context) : undefined;
    if (previous && expired) {
      log.info({ event: 'case.expired', idleHours: Math.floor((now.getTime() - Date.parse(previous.touchedAt)) / HOUR_MS) }, 'open case expired; closed');
      const { statistics } = this.deps;
      const state = expired.state;
      if (state && statistics) AfterSave.defer(context, () => statistics.caseEnded(state, { kind: 'expired' }));
      await this.deps.conversationState.clear(context);
      await context.sendActivity(attachCard(cards.menu(fill(cards.messages.caseExpired, { hours: HOURS.format(this.deps.caseTtlHours) }))));
      await this.remember(context, afterTurn(undefined, { key, now }));
      return;
    }
    await work();
    await this.remember(context, afterTurn(previous, { key, click, now }));
  }

  /** Puts the turn record into the state; it is written with everything else by saveChanges. */
  private remember(context: TurnContext, record: TurnRecord): Promise<void> {
    return this.record.set(context, record);
  }

  /**
   * The open case, if a flow dialog is on the stack: its state as kept in the dialog's options
   * (see FlowDialog), parsed, or no state when it no longer parses (it is closed all the same).
   */
  private openCase(context: TurnContext): { readonly state: CaseState | undefined } | undefined {
    const stored = this.deps.conversationState.get(context);
    const open = openCaseSchema.safeParse(stored);
    if (!open.success) return undefined;
    const found: unknown[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (typeof value === 'object' && value !== null) {
        if ('case' in value) found.push(value.case);
        Object.values(value).forEach(visit);
      }
    };
    visit(open.data.dialogState.dialogStack);
    for (const candidate of found) {
      const parsed = caseStateSchema.safeParse(candidate);
      if (parsed.success) return { state: parsed.data };
    }
    return { state: undefined };
  }
}
