import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import type { CardRenderer } from '../cards/card-renderer.js';
import type { Logger } from '../logging/logger.js';
import type { CaseStatistics } from '../statistics/case-statistics.js';
import { startCase } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import { AfterSave } from '../storage/after-save.js';
import { attachCard, FlowDialog, flowDialogId, flowDialogResultSchema, isGroupConversation } from './flow-dialog.js';
import { isTeamChannel, type SummaryService } from '../summaries/summary-service.js';
import type { TurnInput } from './turn-input.js';

export interface DeskConversationDeps {
  readonly conversationState: ConversationState;
  readonly catalog: FlowCatalog;
  readonly cards: CardRenderer;
  readonly newCaseId: () => string;
  readonly now: () => Date;
  readonly log: Logger;
  readonly summaries: SummaryService;
  /** Records every finished or abandoned case, and reports them for "statistieken". */
  readonly statistics: CaseStatistics;
}

/**
 * A staff member's conversation with the bot: with a case open, every turn goes to that case's
 * flow dialog; with none, a click or typed text picks a flow, a command is answered, and anything
 * else gets the problem menu.
 */
export class DeskConversation {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly inputs = new WeakMap<TurnContext, TurnInput>();

  constructor(private readonly deps: DeskConversationDeps) {
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    for (const flow of deps.catalog.flows) {
      this.dialogs.add(new FlowDialog(flow.id, { ...deps, inputOf: (context) => this.inputs.get(context) ?? { kind: 'empty' } }));
    }
  }

  async onMessage(context: TurnContext, input: TurnInput): Promise<void> {
    // Summary cards and the channel command work beside any open case and leave it as it is.
    if (input.kind === 'submit' && input.submit.action === 'share') return this.deps.summaries.share(context, input.submit);
    if (input.kind === 'command' && input.command === 'summaries-here') return this.deps.summaries.summariesHere(context);
    if (input.kind === 'command' && input.command === 'statistics') return this.showStatistics(context);
    this.inputs.set(context, input);
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
    await context.sendActivity(attachCard(this.deps.cards.welcome()));
  }

  private async idle(dc: DialogContext, input: TurnInput): Promise<void> {
    const { cards } = this.deps;
    const send = (card: Parameters<typeof attachCard>[0]) => dc.context.sendActivity(attachCard(card));
    switch (input.kind) {
      case 'submit':
        switch (input.submit.action) {
          case 'start':
            return this.startFlow(dc, input.submit.flow);
          case 'menu':
            await send(cards.menu());
            return;
          default:
            // A button of a case that has ended or was replaced: nothing to change.
            await dc.context.sendActivity(cards.messages.oldCase);
            await send(cards.menu());
            return;
        }
      case 'command':
        if (input.command === 'help') await send(cards.help({ mentionHint: isGroupConversation(dc.context) }));
        else if (input.command === 'menu') await send(cards.menu());
        else await send(cards.menu(cards.messages.noOpenCase));
        return;
      case 'text': {
        // Deep entry (target.nodeId), greetings and thanks are not wired yet: start at the top, and small talk gets the menu as before.
        const decision = this.deps.catalog.search.decide(input.text);
        this.deps.log.info({ event: 'text.matched', decision: decision.kind }, 'typed text matched');
        if (decision.kind === 'start') return this.startFlow(dc, decision.target.flowId);
        const offered = decision.kind === 'choose' ? [...new Set(decision.options.map((o) => o.flowId))].flatMap((id) => this.deps.catalog.flow(id) ?? []) : [];
        const [only] = offered;
        if (offered.length === 1 && only) return this.startFlow(dc, only.id);
        if (offered.length > 1) await send(cards.matches(offered));
        else await send(cards.menu(cards.messages.notRecognised));
        return;
      }
      case 'invalid-submit':
        await dc.context.sendActivity(cards.messages.invalidSubmit);
        return;
      case 'empty':
        await send(cards.menu());
        return;
    }
  }

  private async startFlow(dc: DialogContext, flowId: string): Promise<void> {
    const flow = this.deps.catalog.flow(flowId);
    if (!flow) {
      await dc.context.sendActivity(attachCard(this.deps.cards.menu(this.deps.cards.messages.unknownFlow)));
      return;
    }
    const state = startCase(flow, this.deps.newCaseId(), this.deps.now());
    this.deps.log.info({ event: 'case.started', flow: flow.id, version: flow.version }, 'case started');
    const result = await dc.beginDialog(flowDialogId(flow.id), FlowDialog.begin(state));
    if (result.status === DialogTurnStatus.complete) await this.afterCase(dc, result.result);
  }

  /** "statistieken" in a team channel: the report as a card for the whole team; elsewhere, where to ask. */
  private async showStatistics(context: TurnContext): Promise<void> {
    const { cards, statistics, log } = this.deps;
    if (!isTeamChannel(context)) {
      await context.sendActivity(cards.messages.statisticsOnlyInTeam);
      return;
    }
    const report = await statistics.report();
    log.info({ event: 'statistics.shown', cases: report.cases }, 'statistics shown in a team channel');
    await context.sendActivity(attachCard(cards.statistics(report)));
  }

  /**
   * A flow dialog ended: record the case for the statistics (once the turn is saved, see
   * AfterSave), and show the summary or the menu.
   */
  private async afterCase(dc: DialogContext, result: unknown): Promise<void> {
    const parsed = flowDialogResultSchema.safeParse(result);
    if (!parsed.success) {
      this.deps.log.error({ event: 'case.result-unreadable' }, 'a flow dialog ended without a readable result');
      return;
    }
    const ended = parsed.data;
    const { statistics, summaries } = this.deps;
    switch (ended.ended) {
      case 'switch':
        AfterSave.defer(dc.context, () => statistics.caseEnded(ended.state, { kind: 'switched' }));
        return this.startFlow(dc, ended.flowId);
      // A summary needs at least one answered step: an information-only flow or a case stopped at once has nothing to report.
      case 'finished':
        AfterSave.defer(dc.context, () => statistics.caseEnded(ended.state, { kind: 'finished', outcome: ended.outcome }));
        if (ended.state.trail.length > 0) await summaries.caseEnded(dc.context, ended.state, ended.outcome, ended.endTitle);
        return;
      case 'stopped':
        AfterSave.defer(dc.context, () => statistics.caseEnded(ended.state, { kind: 'stopped' }));
        if (ended.state.trail.length > 0) return summaries.caseEnded(dc.context, ended.state, 'gestopt');
        await dc.context.sendActivity(attachCard(this.deps.cards.menu()));
        return;
      case 'broken':
        return;
    }
  }
}
