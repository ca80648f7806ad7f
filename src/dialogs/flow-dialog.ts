import type { StatePropertyAccessor } from 'botbuilder';
// The dialog classes from their own modules: botbuilder-dialogs' index also loads prompts,
// choice recognisers and the memory scopes (about 20 MB and 200 modules the bot never uses).
import { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
import { Dialog, DialogReason, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog.js';
import type { DialogContext } from 'botbuilder-dialogs/lib/dialogContext.js';
import { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
import type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext.js';
import { z } from 'zod';
import { fill, type Messages } from '../cards/messages.js';
import type { Submit } from '../cards/submit-schema.js';
import type { Logger } from '../logging/logger.js';
import { loggerOf } from '../logging/turn-log.js';
import { outcomeSchema } from '../troubleshooting/case-ending.js';
import { caseStateSchema, type CaseState } from '../troubleshooting/case-state.js';
import { answer, back, choose, locate, startCase, stepOf, type EngineError, type Position } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import { DeskTurn } from './desk-turn.js';
import { closeClickedOffer, ownerOf, type CardClosing, type LiveCards } from './live-card.js';
import type { AnswerClick, Replies } from './replies.js';
import type { Command } from './turn-input.js';

/** What a flow dialog needs from the composition root. */
export interface FlowDialogDeps {
  readonly catalog: FlowCatalog;
  readonly messages: Messages;
  readonly replies: Replies;
  readonly newCaseId: () => string;
  readonly now: () => Date;
  readonly log: Logger;
  /** The open case: a typed, zod-checked property of the conversation state. */
  readonly openCase: StatePropertyAccessor<CaseState>;
  /** The open case's one card with buttons, closed whenever the case moves on. */
  readonly liveCards: LiveCards;
  /** Tells the one who clicked why nothing changed (to them alone, for an Action.Execute). */
  readonly answer: AnswerClick;
}

/**
 * How a case ended, for whoever started the dialog, with the case as it stood and the step it
 * ended on. botbuilder hands the result back untyped, so the caller parses it with this schema.
 */
const nextCaseSchema = z.object({ flowId: z.string(), nodeId: z.string().optional() });

export const flowDialogResultSchema = z.discriminatedUnion('ended', [
  z.object({ ended: z.literal('finished'), state: caseStateSchema, outcome: outcomeSchema, endTitle: z.string(), lastNodeId: z.string() }),
  /** Stopped by the staff member; `next`: the case they chose to start instead ("Nieuwe casus: …"). */
  z.object({ ended: z.literal('stopped'), state: caseStateSchema, lastNodeId: z.string().optional(), next: nextCaseSchema.optional() }),
  /** Another flow was chosen from the menu while this case was open; `state` is the case left behind. */
  z.object({ ended: z.literal('switch'), flowId: z.string(), nodeId: z.string().optional(), state: caseStateSchema }),
  z.object({ ended: z.literal('broken') }),
]);
export type FlowDialogResult = z.infer<typeof flowDialogResultSchema>;

/**
 * Whether the step's card is sent when the waterfall (re)starts: on a new case, or after
 * back/restart; `offerList` for the first card of a case the typed text started; `flowChanged` on
 * a new case whose first card shows the flow's change note.
 */
const optionsSchema = z.object({ announce: z.boolean(), offerList: z.boolean().optional(), flowChanged: z.boolean().optional() });
type FlowDialogOptions = z.infer<typeof optionsSchema>;

const STEPS = 'steps';
const ANNOUNCE: FlowDialogOptions = { announce: true };
const WAIT: FlowDialogOptions = { announce: false };

export const flowDialogId = (flowId: string): string => `flow:${flowId}`;

/** How a new card is shown besides its step: the search's list offer, the flow's change note. */
type ShowOptions = { readonly offerList?: boolean; readonly flowChanged?: boolean };

/**
 * botbuilder's waterfall only goes on for message activities; a click also arrives as an
 * Action.Execute invoke, and the desk conversation gives the dialog no other turns, so this one
 * goes on for every turn it is given (the input is read from the DeskTurn, not the activity).
 */
class DeskWaterfall extends WaterfallDialog {
  override continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.resumeDialog(dc, DialogReason.continueCalled);
  }
}

/**
 * One troubleshooting tree as a waterfall: step 1 shows the current node's card (when asked to)
 * and waits; step 2 applies the staff member's input through the engine and loops (replaceDialog)
 * to step 1. The case itself is the conversation's `case` property, read and written through its
 * accessor, so it is saved with the conversation state after every turn and parsed (zod) whenever
 * it is read back. A click replays the case's trail once (the engine's `choose`); the card of the
 * step it leads to is sent from that same result. Every move closes the case's live card first
 * (LiveCards), so only the newest card of a case has buttons.
 */
export class FlowDialog extends ComponentDialog {
  constructor(
    readonly flowId: string,
    private readonly deps: FlowDialogDeps,
  ) {
    super(flowDialogId(flowId));
    this.addDialog(new DeskWaterfall(STEPS, [this.present.bind(this), this.apply.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /**
   * Options that begin a case of this flow: its first card is sent, with "Kies uit de lijst" when
   * the search chose the flow, and with the flow's change note when `flowChanged`.
   */
  static begin(options: { readonly offerList?: boolean; readonly flowChanged?: boolean } = {}): FlowDialogOptions {
    if (options.offerList !== true && options.flowChanged !== true) return ANNOUNCE;
    return { announce: true, ...(options.offerList === true ? { offerList: true } : {}), ...(options.flowChanged === true ? { flowChanged: true } : {}) };
  }

  private async present(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = optionsSchema.safeParse(step.options);
    if (!options.success || !options.data.announce) return Dialog.EndOfTurn;
    const state = await this.deps.openCase.get(step.context);
    if (!state) return this.broken(step);
    const located = locate(this.deps.catalog, state);
    if (!located.ok) return this.engineFailure(step, located.error);
    return this.show(step, state, located.value, { offerList: options.data.offerList, flowChanged: options.data.flowChanged });
  }

  private async apply(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = await this.deps.openCase.get(step.context);
    if (!state) return this.broken(step);
    const input = DeskTurn.of(step.context).input;
    switch (input.kind) {
      case 'submit':
        return this.applySubmit(step, state, input.submit);
      case 'command':
        return this.applyCommand(step, state, input.command);
      case 'text':
        return this.typed(step, state, input.text);
      case 'invalid-submit':
        return this.notice(step, this.deps.messages.invalidSubmit);
      case 'empty':
        return step.replaceDialog(STEPS, WAIT);
    }
  }

  /** Sends the card of the step the case now stands on (its new live card), and ends the case when that step is an end. */
  private async show(step: WaterfallStepContext, state: CaseState, position: Position, options: ShowOptions = {}): Promise<DialogTurnResult> {
    await this.deps.liveCards.show(step.context, state, position, options);
    if (position.node.kind === 'end') {
      loggerOf(step.context, this.deps.log).info({ event: 'case.finished', flow: this.flowId, node: position.node.id, outcome: position.node.outcome, steps: state.trail.length }, 'case finished');
      const result: FlowDialogResult = { ended: 'finished', state, outcome: position.node.outcome, endTitle: position.node.title, lastNodeId: position.node.id };
      return step.endDialog(result);
    }
    return step.replaceDialog(STEPS, WAIT);
  }

  private async applySubmit(step: WaterfallStepContext, state: CaseState, submit: Submit): Promise<DialogTurnResult> {
    const messages = this.deps.messages;
    if ('caseId' in submit && submit.caseId !== state.caseId) return this.notice(step, messages.oldCase);
    switch (submit.action) {
      case 'answer': {
        const moved = choose(this.deps.catalog, state, { nodeId: submit.node, step: submit.step, answerId: submit.answer });
        if (!moved.ok) return this.engineFailure(step, moved.error);
        await this.deps.liveCards.close(step.context, { answered: moved.value.edge.label }, { caseId: state.caseId, position: moved.value.from });
        return this.answered(step, moved.value, false);
      }
      case 'back':
        if (submit.step !== stepOf(state)) return this.staleCard(step, state);
        return this.goBack(step, state);
      case 'restart':
        return this.restart(step, state, state.entry);
      case 'from-start':
        return this.restart(step, state, undefined);
      case 'stop':
        return this.stop(step, state);
      case 'switch':
        await this.closeSwitchOffer(step, state, this.flowTitle(submit.flow));
        return this.stop(step, state, { flowId: submit.flow, nodeId: submit.node });
      case 'resume': {
        await this.closeSwitchOffer(step, state, this.deps.messages.labelResume);
        return this.reshow(step, state);
      }
      case 'start': {
        if (submit.from === 'matches') await closeClickedOffer(step.context, this.deps.replies, { card: 'matches', targets: [], owner: submit.owner, chosen: this.flowTitle(submit.flow) });
        // "Bedoel je" or "Doorverwijzen" clicked again for the procedure and step this case started at: the case goes on (the menu's buttons start afresh).
        if (submit.from !== undefined && submit.flow === state.flowId && submit.node === state.entry) return this.reshow(step, state);
        await this.close(step, { closed: 'switched' });
        const result: FlowDialogResult = { ended: 'switch', flowId: submit.flow, nodeId: submit.node, state };
        return step.endDialog(result);
      }
      case 'menu':
        await step.context.sendActivity(this.deps.replies.menu());
        return step.replaceDialog(STEPS, WAIT);
      case 'share':
      case 'claim':
      case 'continue':
      case 'handled':
      case 'refresh':
        // Summary cards, handed-over cases and refreshes are handled before any dialog runs (DeskConversation); nothing to do for the case.
        return step.replaceDialog(STEPS, WAIT);
    }
  }

  private async applyCommand(step: WaterfallStepContext, state: CaseState, command: Command): Promise<DialogTurnResult> {
    switch (command) {
      case 'help':
        await step.context.sendActivity(this.deps.replies.desk({ card: 'help', mentionHint: DeskTurn.of(step.context).place.isGroup }));
        return step.replaceDialog(STEPS, WAIT);
      case 'menu':
        await step.context.sendActivity(this.deps.replies.menu());
        return step.replaceDialog(STEPS, WAIT);
      case 'back':
        return this.goBack(step, state);
      case 'restart':
        return this.restart(step, state, state.entry);
      case 'stop':
        return this.stop(step, state);
      case 'summaries-here':
      case 'statistics':
      case 'open-cases':
        // Handled before any dialog runs (DeskConversation).
        return step.replaceDialog(STEPS, WAIT);
    }
  }

  /** Logs an applied answer (its card already closed), keeps the case's new state and shows the step it leads to. */
  private async answered(step: WaterfallStepContext, moved: { readonly state: CaseState; readonly from: Position; readonly edge: { readonly answerId: string }; readonly to: Position }, typed: boolean): Promise<DialogTurnResult> {
    const { from, edge, state: next, to } = moved;
    loggerOf(step.context, this.deps.log).info({ event: 'case.step', flow: this.flowId, node: from.node.id, answer: edge.answerId, step: from.step, typed }, 'step answered');
    await this.deps.openCase.set(step.context, next);
    return this.show(step, next, to);
  }

  private async goBack(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const moved = back(this.deps.catalog, state);
    // Back from the first card of a case that started at a later step: the case closes and the menu shows.
    if (!moved.ok && moved.error.code === 'at-start' && state.entry !== undefined) {
      loggerOf(step.context, this.deps.log).info({ event: 'case.back-to-menu', flow: this.flowId }, 'back from the first step of a deep entry');
      await this.close(step, { closed: 'back' });
      const result: FlowDialogResult = { ended: 'stopped', state, lastNodeId: moved.error.current.node.id };
      return step.endDialog(result);
    }
    if (!moved.ok) return this.engineFailure(step, moved.error);
    loggerOf(step.context, this.deps.log).info({ event: 'case.back', flow: this.flowId, step: moved.value.to.step }, 'step back');
    await this.close(step, { closed: 'back' });
    await this.deps.openCase.set(step.context, moved.value.state);
    return this.show(step, moved.value.state, moved.value.to);
  }

  /** A fresh case of this flow: at the same entry step ("Opnieuw"), or from the top ("Vanaf het begin"). */
  private async restart(step: WaterfallStepContext, state: CaseState, entry: string | undefined): Promise<DialogTurnResult> {
    const flow = this.deps.catalog.flow(state.flowId);
    if (!flow) return this.engineFailure(step, { code: 'unknown-flow', flowId: state.flowId });
    loggerOf(step.context, this.deps.log).info({ event: 'case.restarted', flow: this.flowId, entry }, 'case restarted');
    await this.close(step, { closed: 'restarted' });
    const fresh = startCase(flow, this.deps.newCaseId(), this.deps.now(), entry);
    await this.deps.openCase.set(step.context, fresh);
    return step.replaceDialog(STEPS, ANNOUNCE);
  }

  /** Stops the case ("Stop", or "Nieuwe casus: …" with the case to start instead as `next`). */
  private async stop(step: WaterfallStepContext, state: CaseState, next?: { readonly flowId: string; readonly nodeId?: string }): Promise<DialogTurnResult> {
    const flow = this.deps.catalog.flow(state.flowId);
    await this.close(step, { closed: next ? 'switched' : 'stopped' });
    await step.context.sendActivity(fill(this.deps.messages.stopped, { flow: flow?.title ?? state.flowId }));
    loggerOf(step.context, this.deps.log).info({ event: 'case.stopped', flow: this.flowId, steps: state.trail.length, next: next?.flowId }, 'case stopped');
    const located = locate(this.deps.catalog, state);
    const result: FlowDialogResult = { ended: 'stopped', state, lastNodeId: located.ok ? located.value.node.id : undefined, next };
    return step.endDialog(result);
  }

  /**
   * Text typed in the middle of a case: the text of one of the card's buttons clicks it; another
   * problem gets the offer to start it as a new case; thanks get a short reply; anything else a
   * reminder where the case stands, with its card again.
   */
  private async typed(step: WaterfallStepContext, state: CaseState, text: string): Promise<DialogTurnResult> {
    const { catalog, messages, replies } = this.deps;
    const log = loggerOf(step.context, this.deps.log);
    const located = locate(catalog, state);
    if (!located.ok) return this.engineFailure(step, located.error);
    const here = located.value;
    const clicked = here.node.kind === 'end' ? undefined : catalog.search.matchAnswer(text, here.edges.map((e) => ({ id: e.answerId, label: e.label })));
    if (clicked !== undefined) {
      const moved = answer(catalog, state, here, clicked);
      if (!moved.ok) return this.engineFailure(step, moved.error);
      await this.close(step, { answered: moved.value.edge.label });
      await step.context.sendActivity(fill(messages.typedAnswer, { answer: moved.value.edge.label }));
      return this.answered(step, moved.value, true);
    }
    const decision = catalog.search.decide(text);
    if (decision.kind === 'thanks') {
      log.info({ event: 'text.in-case', outcome: 'thanks' }, 'typed text during a case');
      return this.notice(step, messages.thanks);
    }
    const found = decision.kind === 'start' ? [decision.target] : decision.kind === 'choose' ? decision.options : [];
    // Another problem: a procedure other than this one, or a step of it other than where the case stands or started.
    const targets = found.filter((t) => t.flowId !== state.flowId || (t.nodeId !== undefined && t.nodeId !== here.node.id && t.nodeId !== state.entry)).map((t) => ({ flowId: t.flowId, nodeId: t.nodeId }));
    log.info({ event: 'text.in-case', outcome: targets.length > 0 ? 'switch-offered' : 'reminded', decision: decision.kind }, 'typed text during a case');
    if (targets.length > 0) {
      await step.context.sendActivity(replies.desk({ card: 'switch', caseId: state.caseId, flowId: state.flowId, step: here.step, targets, owner: ownerOf(step.context) }));
      return step.replaceDialog(STEPS, WAIT);
    }
    // The card is shown again further down; the one above is closed.
    await this.close(step, { closed: 'reshown' });
    await step.context.sendActivity(fill(messages.inCase, { flow: here.flow.title, step: here.step }));
    return this.show(step, state, here);
  }

  /** The case's current card again, as its live card (the one above it closed as "reshown"). */
  private async reshow(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const located = locate(this.deps.catalog, state);
    if (!located.ok) return this.engineFailure(step, located.error);
    await this.close(step, { closed: 'reshown' });
    return this.show(step, state, located.value);
  }

  /** The clicked "Een ander probleem?" card, closed with the choice made. */
  private closeSwitchOffer(step: WaterfallStepContext, state: CaseState, chosen: string): Promise<void> {
    return closeClickedOffer(step.context, this.deps.replies, { card: 'switch', caseId: state.caseId, flowId: state.flowId, step: stepOf(state), targets: [], owner: ownerOf(step.context), chosen });
  }

  private flowTitle(flowId: string): string {
    return this.deps.catalog.flow(flowId)?.title ?? flowId;
  }

  private async staleCard(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const located = locate(this.deps.catalog, state);
    if (!located.ok) return this.engineFailure(step, located.error);
    return this.engineFailure(step, { code: 'stale-card', current: located.value });
  }

  /** Nothing changes: the one who clicked (or typed) is told why. */
  private async notice(step: WaterfallStepContext, text: string): Promise<DialogTurnResult> {
    await this.deps.answer(step.context, text);
    return step.replaceDialog(STEPS, WAIT);
  }

  private async close(step: WaterfallStepContext, how: CardClosing): Promise<void> {
    await this.deps.liveCards.close(step.context, how);
  }

  private async engineFailure(step: WaterfallStepContext, error: EngineError): Promise<DialogTurnResult> {
    const messages = this.deps.messages;
    loggerOf(step.context, this.deps.log).info({ event: 'case.rejected', flow: this.flowId, code: error.code }, 'input rejected');
    switch (error.code) {
      case 'stale-card':
        return this.notice(step, fill(messages.staleCard, { step: error.current.step, title: error.current.node.title }));
      case 'unknown-answer':
        return this.notice(step, messages.invalidSubmit);
      case 'case-ended':
        return this.notice(step, messages.oldCase);
      case 'at-start':
        return this.notice(step, messages.atStart);
      case 'flow-changed': {
        await this.close(step, { closed: 'stopped' });
        const flow = this.deps.catalog.flow(error.flowId);
        await step.context.sendActivity(fill(messages.flowChanged, { flow: flow?.title ?? error.flowId }));
        await step.context.sendActivity(this.deps.replies.menu());
        return step.endDialog({ ended: 'broken' } satisfies FlowDialogResult);
      }
      case 'unknown-flow':
        await this.close(step, { closed: 'stopped' });
        await step.context.sendActivity(this.deps.replies.menu(messages.unknownFlow));
        return step.endDialog({ ended: 'broken' } satisfies FlowDialogResult);
    }
  }

  private async broken(step: WaterfallStepContext): Promise<DialogTurnResult> {
    loggerOf(step.context, this.deps.log).warn({ event: 'case.state-invalid', flow: this.flowId }, 'stored case state did not parse; case closed');
    await this.close(step, { closed: 'stopped' });
    await step.context.sendActivity(this.deps.replies.menu(this.deps.messages.unknownFlow));
    return step.endDialog({ ended: 'broken' } satisfies FlowDialogResult);
  }
}
