import { ActivityTypes, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
// From their own modules, as in flow-dialog.ts: the package's index loads recognisers the bot never uses.
import { DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
import type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
import { cardActivity } from '../cards/card-activity.js';
import type { AdaptiveCardJson } from '../cards/card-templates.js';
import { fill, type Messages } from '../cards/messages.js';
import type { Logger } from '../logging/logger.js';
import { loggerOf } from '../logging/turn-log.js';
import type { CaseStatistics } from '../statistics/case-statistics.js';
import type { SummaryOutcome } from '../summaries/case-summary.js';
import type { SummaryService } from '../summaries/summary-service.js';
import type { CaseEnding } from '../troubleshooting/case-ending.js';
import type { CaseState } from '../troubleshooting/case-state.js';
import { locate, startCase } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { DeferEffect } from './case-effects.js';
import { DeskTurn, type DeskPlace } from './desk-turn.js';
import { FlowDialog, flowDialogId, flowDialogResultSchema } from './flow-dialog.js';
import type { Replies } from './replies.js';
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
  /** Where botbuilder's dialogs keep their stack (a conversation state property). */
  readonly dialogState: StatePropertyAccessor<DialogState>;
  /** An open case untouched for longer than this is not continued (config CASE_TTL_HOURS). */
  readonly caseTtlHours: number;
}

const HOURS = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/**
 * A staff member's conversation with the bot: with a case open, every turn goes to that case's
 * flow dialog; with none, a click or typed text picks a flow, a command is answered, and anything
 * else gets the problem menu.
 */
export class DeskConversation {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: DeskConversationDeps) {
    this.dialogs = new DialogSet(deps.dialogState);
    for (const flow of deps.catalog.flows) this.dialogs.add(new FlowDialog(flow.id, deps));
  }

  /** One message turn, as the edge read it into the turn's {@link DeskTurn}. */
  async onMessage(context: TurnContext): Promise<void> {
    const { input, place, idleMs } = DeskTurn.of(context);
    if (idleMs !== undefined && idleMs > this.deps.caseTtlHours * HOUR_MS && (await this.deps.openCase.get(context))) return this.expire(context, idleMs);
    // Summary cards and the channel commands work beside any open case and leave it as it is.
    if (input.kind === 'submit' && input.submit.action === 'share') return this.share(context, place, input.submit);
    if (input.kind === 'command' && input.command === 'summaries-here') {
      await context.sendActivity(await this.deps.summaries.summariesHere(place));
      return;
    }
    if (input.kind === 'command' && input.command === 'statistics') return this.showStatistics(context, place);
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.complete) await this.afterCase(dc, result.result);
      return;
    }
    await this.idle(dc, input);
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
            return this.startFlow(dc, input.submit.flow);
          case 'menu':
            await send(replies.menu());
            return;
          default:
            // A button of a case that has ended or was replaced: nothing to change.
            await dc.context.sendActivity(messages.oldCase);
            await send(replies.menu());
            return;
        }
      case 'command':
        if (input.command === 'help') await send(replies.desk({ card: 'help', mentionHint: DeskTurn.of(dc.context).place.isGroup }));
        else if (input.command === 'menu') await send(replies.menu());
        else await send(replies.menu(messages.noOpenCase));
        return;
      case 'text': {
        // Deep entry (target.nodeId), greetings and thanks are not wired yet: start at the top, and small talk gets the menu as before.
        const decision = this.deps.catalog.search.decide(input.text);
        loggerOf(dc.context, this.deps.log).info({ event: 'text.matched', decision: decision.kind }, 'typed text matched');
        if (decision.kind === 'start') return this.startFlow(dc, decision.target.flowId);
        const offered = decision.kind === 'choose' ? [...new Set(decision.options.map((o) => o.flowId))] : [];
        const [only] = offered;
        if (offered.length === 1 && only) return this.startFlow(dc, only);
        if (offered.length > 1) await send(replies.desk({ card: 'matches', flowIds: offered }));
        else await send(replies.menu(messages.notRecognised));
        return;
      }
      case 'invalid-submit':
        await dc.context.sendActivity(messages.invalidSubmit);
        return;
      case 'empty':
        await send(replies.menu());
        return;
    }
  }

  private async startFlow(dc: DialogContext, flowId: string): Promise<void> {
    const flow = this.deps.catalog.flow(flowId);
    if (!flow) {
      await dc.context.sendActivity(this.deps.replies.menu(this.deps.messages.unknownFlow));
      return;
    }
    await this.deps.openCase.set(dc.context, startCase(flow, this.deps.newCaseId(), this.deps.now()));
    loggerOf(dc.context, this.deps.log).info({ event: 'case.started', flow: flow.id, version: flow.version }, 'case started');
    const result = await dc.beginDialog(flowDialogId(flow.id), FlowDialog.begin());
    if (result.status === DialogTurnStatus.complete) await this.afterCase(dc, result.result);
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
    await this.deps.openCase.delete(context);
    await (await this.dialogs.createContext(context)).cancelAllDialogs();
    await context.sendActivity(this.deps.replies.menu(fill(this.deps.messages.caseExpired, { hours: HOURS.format(this.deps.caseTtlHours) })));
  }

  /** "Deel in teamkanaal": queue the summary, and show the summary card with its share state (or say why not). */
  private async share(context: TurnContext, place: DeskPlace, submit: { readonly caseId: string; readonly note?: string; readonly team?: string }): Promise<void> {
    const reply = await this.deps.summaries.share(place, submit);
    if ('text' in reply) {
      await context.sendActivity(reply.text);
      return;
    }
    if (place.replyToId) await context.updateActivity({ ...this.deps.replies.summary(reply.item.summary, { teams: [], item: reply.item }), id: place.replyToId, type: ActivityTypes.Message });
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
        return this.startFlow(dc, ended.flowId);
      // A summary needs at least one answered step: an information-only flow or a case stopped at once has nothing to report.
      case 'finished':
        if (ended.state.trail.length === 0) return this.caseEnded(dc.context, ended.state, ended.outcome, ended.lastNodeId);
        return this.summarise(dc.context, ended.state, ended.outcome, ended.lastNodeId, ended.endTitle);
      case 'stopped':
        if (ended.state.trail.length > 0) return this.summarise(dc.context, ended.state, 'gestopt', ended.lastNodeId);
        this.caseEnded(dc.context, ended.state, 'gestopt', ended.lastNodeId);
        await dc.context.sendActivity(this.deps.replies.menu());
        return;
      case 'broken':
        return;
    }
  }

  /** Shows the staff member the summary card, and records the case with its summary once the turn is saved. */
  private async summarise(context: TurnContext, state: CaseState, outcome: SummaryOutcome, lastNodeId: string | undefined, endTitle?: string): Promise<void> {
    const { place } = DeskTurn.of(context);
    const endedAt = this.deps.now();
    const { summary, teams } = await this.deps.summaries.caseEnded(place, state, outcome, endedAt, endTitle);
    this.deps.defer(context, { kind: 'summarised', state, outcome, lastNodeId, endedAt: summary.endedAt, conversationId: summary.conversationId, staff: summary.staff, endTitle });
    await context.sendActivity(this.deps.replies.summary(summary, { teams }));
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
