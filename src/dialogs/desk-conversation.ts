import { ActivityTypes, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
// From their own modules, as in flow-dialog.ts: the package's index loads recognisers the bot never uses.
import { DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
import type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
import { cardActivity } from '../cards/card-activity.js';
import type { StepCardIntent } from '../cards/desk-card-intent.js';
import type { AdaptiveCardJson } from '../cards/card-templates.js';
import { fill, type Messages } from '../cards/messages.js';
import { isHandoverSubmit, ownerOf as ownerOfSubmit, type Submit } from '../cards/submit-schema.js';
import type { Logger } from '../logging/logger.js';
import { loggerOf } from '../logging/turn-log.js';
import type { CaseStatistics } from '../statistics/case-statistics.js';
import type { SummaryOutcome, TakenOver } from '../summaries/case-summary.js';
import type { Handover, HandoverBoard } from '../summaries/handover-board.js';
import { maskNote } from '../summaries/mask-note.js';
import type { SummaryService } from '../summaries/summary-service.js';
import { occurrenceId, unrecognisedPhrase } from '../statistics/unrecognised-phrases.js';
import type { CaseEnding } from '../troubleshooting/case-ending.js';
import type { CaseState } from '../troubleshooting/case-state.js';
import { locate, startCase } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { Flow } from '../troubleshooting/flow-schema.js';
import type { DeferEffect } from './case-effects.js';
import { DeskTurn, type DeskPlace } from './desk-turn.js';
import { DialogMemory } from './dialog-memory.js';
import { FlowDialog, flowDialogId, flowDialogResultSchema } from './flow-dialog.js';
import { HandoverDesk } from './handover-desk.js';
import { closeClickedOffer, ownerOf, type LiveCards } from './live-card.js';
import type { AnswerClick, Replies } from './replies.js';
import { SeenVersions } from './seen-versions.js';
import type { TurnInput } from './turn-input.js';
import { HOUR_MS } from '../clock/durations.js';

export type { DeskPlace } from './desk-turn.js';

export interface DeskConversationDeps {
  readonly catalog: FlowCatalog;
  readonly messages: Messages;
  readonly replies: Replies;
  readonly newCaseId: () => string;
  readonly now: () => Date;
  readonly log: Logger;
  readonly summaries: SummaryService;
  /** Records every finished or abandoned case, and reports them for "statistieken". */
  readonly statistics: CaseStatistics;
  /** Renders the "statistieken" card. */
  readonly statisticsCard: (report: Awaited<ReturnType<CaseStatistics['report']>>) => AdaptiveCardJson;
  /** Writes that wait until the turn's state is saved (case records, statistics). */
  readonly defer: DeferEffect;
  /** The open case (a typed, zod-checked conversation state property). */
  readonly openCase: StatePropertyAccessor<CaseState>;
  /** The open case's one card with buttons (a conversation state property behind it). */
  readonly liveCards: LiveCards;
  /** Tells the one who clicked (to them alone, for an Action.Execute). */
  readonly answer: AnswerClick;
  /** Where botbuilder's dialogs keep their stack (a conversation state property). */
  readonly dialogState: StatePropertyAccessor<DialogState>;
  /** An open case untouched for longer than this is not continued (config CASE_TTL_HOURS). */
  readonly caseTtlHours: number;
  /** Unresolved cases posted in team channels, and who picked them up. */
  readonly handovers: HandoverBoard;
  /** Which flow versions each staff member has seen (for the change note of a new version). */
  readonly seenVersions: SeenVersions;
  /** The library's time zone (config TIME_ZONE). */
  readonly timeZone?: string;
}

const HOURS = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/**
 * A staff member's conversation with the bot: with a case open, every turn goes to that case's
 * flow dialog; with none, a click or typed text picks a flow, a command is answered, and anything
 * else gets the problem menu. In a group chat or channel each staff member has a conversation of
 * their own (the state is kept per user there): a click on a colleague's case card is refused
 * before anything is read or changed, and a card's refresh is answered with the view its viewer
 * may have.
 */
export class DeskConversation {
  private readonly dialogs: DialogSet;
  private readonly memory = new DialogMemory();
  private readonly handover: HandoverDesk;

  constructor(private readonly deps: DeskConversationDeps) {
    this.dialogs = new DialogSet(deps.dialogState);
    for (const flow of deps.catalog.flows) this.dialogs.add(new FlowDialog(flow.id, deps));
    this.handover = new HandoverDesk({ ...deps, board: deps.handovers });
  }

  /** One message turn, as the edge read it into the turn's {@link DeskTurn}. */
  async onMessage(context: TurnContext): Promise<void> {
    const { input, place, idleMs } = DeskTurn.of(context);
    if (input.kind === 'submit' && input.submit.action === 'refresh') return this.refresh(context, place, input.submit);
    if (input.kind === 'submit' && (await this.refusedAsNotOwner(context, place, input.submit))) return;
    // Summary cards and handed-over cases work beside any open case, also an expired one, and leave it as it is.
    if (input.kind === 'submit' && input.submit.action === 'share') return this.share(context, place, input.submit);
    if (input.kind === 'submit' && isHandoverSubmit(input.submit)) {
      // An Action.Execute click is answered to the clicker alone; its Action.Submit fallback privately in their own chat.
      const invoke = context.activity.type === ActivityTypes.Invoke;
      const text = await this.handover.click(context, place, input.submit, invoke ? 'invoke' : 'message');
      if (invoke) await this.deps.answer(context, text);
      return;
    }
    if (idleMs !== undefined && idleMs > this.deps.caseTtlHours * HOUR_MS && (await this.deps.openCase.get(context))) return this.expire(context, idleMs);
    // The channel commands, too, leave an open case as it is.
    if (input.kind === 'command' && input.command === 'open-cases') return this.handover.list(context, place);
    if (input.kind === 'command' && input.command === 'summaries-here') {
      await context.sendActivity(await this.deps.summaries.summariesHere(place));
      return;
    }
    if (input.kind === 'command' && input.command === 'statistics') return this.showStatistics(context, place);
    const dc = await this.dialogContext(context);
    if (dc.activeDialog && !this.dialogs.find(dc.activeDialog.id)) return this.flowRemoved(dc);
    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.complete) await this.afterCase(dc, result.result);
      return;
    }
    await this.idle(dc, input);
  }

  /** The turn's dialog context, on the dialog memory made once. */
  private dialogContext(context: TurnContext): Promise<DialogContext> {
    this.memory.prepare(context);
    return this.dialogs.createContext(context);
  }

  /**
   * A proactive turn in the claimer's own chat: the handed-over case `caseId` of `team` goes on
   * here as their own case (a copy under the id the board gave it), where it stopped: at the step
   * it was stopped on, or, when it ended on an end step, at the question before it, so the new
   * owner answers that again. A case open in this chat is closed first (counted as switched). A
   * second run for the same copy shows where it now stands.
   */
  async continueHandedOver(context: TurnContext, team: string, caseId: string): Promise<void> {
    const { handovers, catalog, messages } = this.deps;
    const log = loggerOf(context, this.deps.log);
    const handover = await handovers.get(team, caseId);
    const copyId = handover?.continuedAs;
    const flow = handover && catalog.flow(handover.summary.flowId);
    if (!handover || !copyId || !flow) {
      log.warn({ event: 'handover.continue-missing' }, 'a handed-over case to continue was not found');
      return;
    }
    const dc = await this.dialogContext(context);
    const open = await this.deps.openCase.get(context);
    if (open?.caseId === copyId && dc.activeDialog) {
      const located = locate(catalog, open);
      await context.sendActivity(messages.handoverAlreadyHere);
      if (located.ok) {
        await this.deps.liveCards.close(context, { closed: 'reshown' });
        await this.deps.liveCards.show(context, open, located.value);
      }
      return;
    }
    if (dc.activeDialog) {
      if (open) this.caseEnded(context, open, 'gewisseld');
      await this.deps.liveCards.close(context, { closed: 'switched' });
      await dc.cancelAllDialogs();
    }
    const state = continuedState(catalog, flow, handover, copyId, this.deps.now());
    await this.deps.openCase.set(context, state);
    const from = handover.summary.staff.name || messages.unknownStaff;
    log.info({ event: 'handover.continued', flow: flow.id, steps: state.trail.length }, 'handed-over case continued in the claimer\'s chat');
    await context.sendActivity(fill(messages.handoverIntro, { flow: flow.title, name: from, step: state.trail.length + 1 }));
    if (handover.note) await context.sendActivity(fill(messages.handoverIntroNote, { name: from, note: handover.note }));
    const result = await dc.beginDialog(flowDialogId(flow.id), FlowDialog.begin());
    if (result.status === DialogTurnStatus.complete) await this.afterCase(dc, result.result);
  }

  /** First contact: the welcome card with the problem menu. */
  async welcome(context: TurnContext): Promise<void> {
    await context.sendActivity(this.deps.replies.desk({ card: 'welcome' }));
  }

  private async idle(dc: DialogContext, input: TurnInput): Promise<void> {
    const { replies, messages } = this.deps;
    const send = (activity: Partial<Activity>) => dc.context.sendActivity(activity);
    switch (input.kind) {
      case 'submit':
        switch (input.submit.action) {
          case 'start':
            if (input.submit.from === 'matches') await closeClickedOffer(dc.context, replies, { card: 'matches', targets: [], owner: input.submit.owner, chosen: this.deps.catalog.flow(input.submit.flow)?.title ?? input.submit.flow });
            return this.startFlow(dc, { flowId: input.submit.flow, nodeId: input.submit.node });
          case 'menu':
            await send(replies.menu());
            return;
          default:
            // A button of a case that has ended or was replaced: nothing to change.
            await this.deps.answer(dc.context, messages.oldCase);
            await send(replies.menu());
            return;
        }
      case 'command':
        if (input.command === 'help') await send(replies.desk({ card: 'help', mentionHint: DeskTurn.of(dc.context).place.isGroup }));
        else if (input.command === 'menu') await send(replies.menu());
        else await send(replies.menu(messages.noOpenCase));
        return;
      case 'text':
        return this.typed(dc, input.text);
      case 'invalid-submit':
        await this.deps.answer(dc.context, messages.invalidSubmit);
        return;
      case 'empty':
        await send(replies.menu());
        return;
    }
  }

  /**
   * Typed text with no case open: a clear match starts its procedure (at its step, for a deep
   * entry), two or three close ones are offered, small talk is answered, and anything else gets
   * the menu and is kept (masked) as an unrecognised phrase for the content editors.
   */
  private async typed(dc: DialogContext, text: string): Promise<void> {
    const { replies, messages, catalog } = this.deps;
    const log = loggerOf(dc.context, this.deps.log);
    const decision = catalog.search.decide(text);
    log.info({ event: 'text.matched', decision: decision.kind, entry: decision.kind === 'start' ? decision.target.nodeId : undefined }, 'typed text matched');
    switch (decision.kind) {
      case 'start':
        return this.startFlow(dc, decision.target, { offerList: true });
      case 'choose':
        await dc.context.sendActivity(replies.desk({ card: 'matches', targets: decision.options.map((o) => ({ flowId: o.flowId, nodeId: o.nodeId })), owner: ownerOf(dc.context) }));
        return;
      case 'greeting':
        await dc.context.sendActivity(replies.menu(messages.greeting));
        return;
      case 'thanks':
        await dc.context.sendActivity(messages.thanks);
        return;
      case 'none':
        await dc.context.sendActivity(replies.menu(messages.notRecognised));
        this.unrecognised(dc.context, text);
        return;
    }
  }

  /** Keeps typed text nothing matched (masked, counted once the turn is saved), for the content editors. */
  private unrecognised(context: TurnContext, text: string): void {
    const phrase = unrecognisedPhrase(text, (t) => maskNote(t, this.deps.messages));
    if (phrase === undefined) return;
    const at = this.deps.now();
    const occurrence = occurrenceId(DeskTurn.of(context).place.conversationId, context.activity.id ?? at.toISOString());
    this.deps.defer(context, { kind: 'unrecognised', phrase, occurrence, at: at.toISOString() });
  }

  /** Starts a case of a procedure: at its top, or at `nodeId` (deep entry; the flow's guard is asked first). */
  private async startFlow(dc: DialogContext, target: { readonly flowId: string; readonly nodeId?: string }, options: { readonly offerList?: boolean } = {}): Promise<void> {
    const flow = this.deps.catalog.flow(target.flowId);
    if (!flow) {
      await dc.context.sendActivity(this.deps.replies.menu(this.deps.messages.unknownFlow));
      return;
    }
    const state = startCase(flow, this.deps.newCaseId(), this.deps.now(), target.nodeId);
    await this.deps.openCase.set(dc.context, state);
    loggerOf(dc.context, this.deps.log).info({ event: 'case.started', flow: flow.id, version: flow.version, entry: state.entry }, 'case started');
    const flowChanged = await this.flowChangedFor(dc.context, flow);
    const result = await dc.beginDialog(flowDialogId(flow.id), FlowDialog.begin({ ...options, flowChanged }));
    if (result.status === DialogTurnStatus.complete) await this.afterCase(dc, result.result);
  }

  /**
   * Whether this case's first card shows the flow's change note: the flow's file has a note for
   * its current version and this staff member has not started a case in that version yet. Then
   * the version counts as seen once the turn is saved.
   */
  private async flowChangedFor(context: TurnContext, flow: Flow): Promise<boolean> {
    const staffId = DeskTurn.of(context).place.staff.id;
    if (staffId === '' || !flow.changes?.some((c) => c.version === flow.version)) return false;
    const staffKey = SeenVersions.staffKey(staffId);
    if (!(await this.deps.seenVersions.isNew(staffKey, flow.id, flow.version))) return false;
    this.deps.defer(context, { kind: 'seen-version', staffKey, flowId: flow.id, version: flow.version });
    return true;
  }

  /**
   * An open case untouched for longer than the case lifetime: closed, counted as expired, and the
   * menu offered. The click that found it expired does not count as a click on the case: clicking
   * that old card again is told the card's case is closed.
   */
  private async expire(context: TurnContext, idleMs: number): Promise<void> {
    DeskTurn.of(context).notAClick();
    const state = await this.deps.openCase.get(context);
    loggerOf(context, this.deps.log).info({ event: 'case.expired', idleHours: Math.floor(idleMs / HOUR_MS) }, 'open case expired; closed');
    if (state) this.caseEnded(context, state, 'verlopen');
    await this.deps.liveCards.close(context, { closed: 'expired' });
    await this.deps.openCase.delete(context);
    await (await this.dialogContext(context)).cancelAllDialogs();
    await context.sendActivity(this.deps.replies.menu(fill(this.deps.messages.caseExpired, { hours: HOURS.format(this.deps.caseTtlHours) })));
  }

  /**
   * The open case's flow was removed from the flows (or renamed) since the case began: its dialog
   * no longer exists, so the case is closed, with a clear message and the menu, whatever was typed
   * or clicked. Its statistics are kept as stopped.
   */
  private async flowRemoved(dc: DialogContext): Promise<void> {
    const state = await this.deps.openCase.get(dc.context);
    loggerOf(dc.context, this.deps.log).warn({ event: 'case.flow-removed', flow: state?.flowId }, 'open case of a flow that no longer exists; closed');
    if (state) this.deps.defer(dc.context, { kind: 'statistics', keyed: this.deps.statistics.recordFor(state, 'gestopt', undefined, this.deps.now()) });
    await this.deps.liveCards.close(dc.context, { closed: 'stopped' });
    await this.deps.openCase.delete(dc.context);
    await this.deps.dialogState.delete(dc.context);
    await dc.context.sendActivity(this.deps.replies.menu(this.deps.messages.flowRemoved));
  }

  /** "Deel in teamkanaal": queue the summary, and show the summary card with its share state (or say why not). */
  private async share(context: TurnContext, place: DeskPlace, submit: { readonly caseId: string; readonly note?: string; readonly team?: string }): Promise<void> {
    const reply = await this.deps.summaries.share(place, submit);
    if ('text' in reply) {
      await this.deps.answer(context, reply.text);
      return;
    }
    if (place.replyToId) await context.updateActivity({ ...this.deps.replies.summary(reply.item.summary, { teams: [], item: reply.item }), id: place.replyToId, type: ActivityTypes.Message });
  }

  /**
   * A click on a card of someone else's case (a group chat or channel: the card names its owner):
   * refused with a word to the one who clicked only, and nothing is read or changed. Their own
   * conversation state is another document, so the click could not reach the owner's case anyway.
   */
  private async refusedAsNotOwner(context: TurnContext, place: DeskPlace, submit: Submit): Promise<boolean> {
    const owner = ownerOfSubmit(submit);
    if (owner === undefined || owner.id === place.staff.id) return false;
    DeskTurn.of(context).notAClick();
    loggerOf(context, this.deps.log).info({ event: 'case.not-owner', action: submit.action }, 'click on a colleague\'s case refused');
    await this.deps.answer(context, fill(this.deps.messages.notOwner, { name: owner.name || this.deps.messages.unknownStaff }));
    return true;
  }

  /**
   * Teams asks how a case card should look to whoever is looking (Universal Actions refresh, in a
   * group chat or channel): to its owner the live card while it is live, else the card without
   * buttons; to anyone else the card without buttons, naming whose case it is. Nothing changes,
   * except that a live card whose id was not kept yet is now known by it.
   */
  private async refresh(context: TurnContext, place: DeskPlace, submit: Extract<Submit, { action: 'refresh' }>): Promise<void> {
    const card: StepCardIntent = { card: 'step', caseId: submit.caseId, flowId: submit.flow, nodeId: submit.node, step: submit.step, owner: submit.owner };
    const view = submit.owner.id === place.staff.id ? await this.ownersView(context, place, card) : { ...card, readOnly: true as const };
    await this.deps.answer(context, this.deps.replies.deskOrNone(view) ?? this.deps.messages.oldCase);
  }

  /** The card as its owner sees it: the live card while it is the live one (its id learnt, if not kept yet), else without buttons. */
  private async ownersView(context: TurnContext, place: DeskPlace, card: StepCardIntent): Promise<StepCardIntent> {
    const live = await this.deps.liveCards.current(context);
    if (!live || live.intent.caseId !== card.caseId || live.intent.nodeId !== card.nodeId || live.intent.step !== card.step) return { ...card, closed: 'final' };
    if (place.replyToId) await this.deps.liveCards.learnId(context, live, place.replyToId);
    return live.intent;
  }

  /** "statistieken" in a team channel: the report as a card for the whole team; elsewhere, where to ask. */
  private async showStatistics(context: TurnContext, place: DeskPlace): Promise<void> {
    const { messages, statistics } = this.deps;
    const log = loggerOf(context, this.deps.log);
    if (!place.team) {
      await context.sendActivity(messages.statisticsOnlyInTeam);
      return;
    }
    const report = await statistics.report();
    log.info({ event: 'statistics.shown', cases: report.cases }, 'statistics shown in a team channel');
    await context.sendActivity(cardActivity(this.deps.statisticsCard(report)));
  }

  /**
   * A flow dialog ended: the case is closed, recorded (statistics, and the case record when it gets
   * a summary) once the turn is saved, and the summary or the menu shown.
   */
  private async afterCase(dc: DialogContext, result: unknown): Promise<void> {
    const parsed = flowDialogResultSchema.safeParse(result);
    // The dialog has left the stack; the case it held is closed.
    await this.deps.openCase.delete(dc.context);
    if (!parsed.success) {
      loggerOf(dc.context, this.deps.log).error({ event: 'case.result-unreadable' }, 'a flow dialog ended without a readable result');
      return;
    }
    const ended = parsed.data;
    switch (ended.ended) {
      case 'switch':
        this.caseEnded(dc.context, ended.state, 'gewisseld');
        return this.startFlow(dc, { flowId: ended.flowId, nodeId: ended.nodeId });
      // A summary needs at least one answered step: an information-only flow or a case stopped at once has nothing to report.
      case 'finished':
        if (ended.state.trail.length === 0) return this.caseEnded(dc.context, ended.state, ended.outcome, ended.lastNodeId);
        return this.summarise(dc.context, ended.state, ended.outcome, ended.lastNodeId, ended.endTitle);
      case 'stopped':
        if (ended.state.trail.length > 0) await this.summarise(dc.context, ended.state, 'gestopt', ended.lastNodeId);
        else this.caseEnded(dc.context, ended.state, 'gestopt', ended.lastNodeId);
        // "Nieuwe casus: …": the case chosen instead starts now.
        if (ended.next) return this.startFlow(dc, ended.next);
        if (ended.state.trail.length === 0) await dc.context.sendActivity(this.deps.replies.menu());
        return;
      case 'broken':
        return;
    }
  }

  /** Shows the staff member the summary card, and records the case with its summary once the turn is saved. */
  private async summarise(context: TurnContext, state: CaseState, outcome: SummaryOutcome, lastNodeId: string | undefined, endTitle?: string): Promise<void> {
    const { place } = DeskTurn.of(context);
    const endedAt = this.deps.now();
    const takenOver = await this.takenOver(state);
    const { summary, teams } = await this.deps.summaries.caseEnded(place, state, outcome, endedAt, endTitle, { takenOver, lastNodeId });
    this.deps.defer(context, { kind: 'summarised', state, outcome, lastNodeId, endedAt: summary.endedAt, conversationId: summary.conversationId, staff: summary.staff, endTitle, takenOver });
    await context.sendActivity(this.deps.replies.summary(summary, { teams }));
  }

  /** For a case continued from a colleague's: who that was and the note they left (while the handed-over case is kept). */
  private async takenOver(state: CaseState): Promise<TakenOver | undefined> {
    if (!state.continues) return undefined;
    const handover = await this.deps.handovers.get(state.continues.team, state.continues.caseId);
    return handover && { from: handover.summary.staff, note: handover.note };
  }

  /**
   * Queues the statistics record of a case that ends now without a summary. `lastNodeId` is the
   * step it ended on, when the caller knows it without replaying the trail.
   */
  private caseEnded(context: TurnContext, state: CaseState, ending: CaseEnding, lastNodeId?: string): void {
    const located = lastNodeId === undefined ? locate(this.deps.catalog, state) : undefined;
    const last = lastNodeId ?? (located?.ok ? located.value.node.id : undefined);
    this.deps.defer(context, { kind: 'statistics', keyed: this.deps.statistics.recordFor(state, ending, last, this.deps.now()) });
  }
}

/** The claimer's copy of a handed-over case, standing where the case stopped (see continueHandedOver). */
function continuedState(catalog: FlowCatalog, flow: Flow, handover: Handover, copyId: string, now: Date): CaseState {
  const trail = handover.summary.trail ?? [];
  const state: CaseState = { caseId: copyId, flowId: flow.id, flowVersion: handover.summary.flowVersion, trail, startedAt: now.toISOString(), continues: { caseId: handover.caseId, team: handover.team }, ...(handover.summary.entry === undefined ? {} : { entry: handover.summary.entry }) };
  const located = locate(catalog, state);
  return located.ok && located.value.node.kind === 'end' && trail.length > 0 ? { ...state, trail: trail.slice(0, -1) } : state;
}
