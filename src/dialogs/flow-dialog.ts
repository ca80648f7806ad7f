import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
// The dialog classes from their own modules: botbuilder-dialogs' index also loads prompts,
// choice recognisers and the memory scopes (about 20 MB and 200 modules the bot never uses).
import { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
import { Dialog, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog.js';
import { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
import type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext.js';
import { z } from 'zod';
import { fill, type Messages } from '../cards/messages.js';
import type { Submit } from '../cards/submit-schema.js';
import type { Logger } from '../logging/logger.js';
import { loggerOf } from '../logging/turn-log.js';
import { outcomeSchema } from '../troubleshooting/case-ending.js';
import { caseStateSchema, type CaseState } from '../troubleshooting/case-state.js';
import { back, choose, locate, startCase, stepOf, type EngineError, type Position } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import { DeskTurn } from './desk-turn.js';
import type { Replies } from './replies.js';
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
}

/**
 * How a case ended, for whoever started the dialog, with the case as it stood and the step it
 * ended on. botbuilder hands the result back untyped, so the caller parses it with this schema.
 */
export const flowDialogResultSchema = z.discriminatedUnion('ended', [
  z.object({ ended: z.literal('finished'), state: caseStateSchema, outcome: outcomeSchema, endTitle: z.string(), lastNodeId: z.string() }),
  z.object({ ended: z.literal('stopped'), state: caseStateSchema, lastNodeId: z.string().optional() }),
  /** Another flow was chosen from the menu while this case was open; `state` is the case left behind. */
  z.object({ ended: z.literal('switch'), flowId: z.string(), state: caseStateSchema }),
  z.object({ ended: z.literal('broken') }),
]);
export type FlowDialogResult = z.infer<typeof flowDialogResultSchema>;

/** Whether the step's card is sent when the waterfall (re)starts: on a new case, or after back/restart. */
const optionsSchema = z.object({ announce: z.boolean() });
type FlowDialogOptions = z.infer<typeof optionsSchema>;

const STEPS = 'steps';
const ANNOUNCE: FlowDialogOptions = { announce: true };
const WAIT: FlowDialogOptions = { announce: false };

export const flowDialogId = (flowId: string): string => `flow:${flowId}`;

/**
 * One troubleshooting tree as a waterfall: step 1 shows the current node's card (when asked to)
 * and waits; step 2 applies the staff member's input through the engine and loops (replaceDialog)
 * to step 1. The case itself is the conversation's `case` property, read and written through its
 * accessor, so it is saved with the conversation state after every turn and parsed (zod) whenever
 * it is read back. A click replays the case's trail once (the engine's `choose`); the card of the
 * step it leads to is sent from that same result.
 */
export class FlowDialog extends ComponentDialog {
  constructor(
    readonly flowId: string,
    private readonly deps: FlowDialogDeps,
  ) {
    super(flowDialogId(flowId));
    this.addDialog(new WaterfallDialog(STEPS, [this.present.bind(this), this.apply.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Options that begin a case of this flow: its first card is sent. */
  static begin(): FlowDialogOptions {
    return ANNOUNCE;
  }

  private async present(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = optionsSchema.safeParse(step.options);
    if (!options.success || !options.data.announce) return Dialog.EndOfTurn;
    const state = await this.deps.openCase.get(step.context);
    if (!state) return this.broken(step);
    const located = locate(this.deps.catalog, state);
    if (!located.ok) return this.engineFailure(step, located.error);
    return this.show(step, state, located.value);
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
        return this.remind(step, state);
      case 'invalid-submit':
        return this.notice(step, this.deps.messages.invalidSubmit);
      case 'empty':
        return step.replaceDialog(STEPS, WAIT);
    }
  }

  /** Sends the card of the step the case now stands on, and ends the case when that step is an end. */
  private async show(step: WaterfallStepContext, state: CaseState, position: Position): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.deps.replies.step(state.caseId, position));
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
        const { from, edge, state: next, to } = moved.value;
        await this.markAnswered(step.context, state, from, edge.label);
        loggerOf(step.context, this.deps.log).info({ event: 'case.step', flow: this.flowId, node: from.node.id, answer: edge.answerId, step: from.step }, 'step answered');
        await this.deps.openCase.set(step.context, next);
        return this.show(step, next, to);
      }
      case 'back':
        if (submit.step !== stepOf(state)) return this.staleCard(step, state);
        return this.goBack(step, state);
      case 'restart':
        return this.restart(step, state);
      case 'stop':
        return this.stop(step, state);
      case 'start': {
        const result: FlowDialogResult = { ended: 'switch', flowId: submit.flow, state };
        return step.endDialog(result);
      }
      case 'menu':
        await step.context.sendActivity(this.deps.replies.menu());
        return step.replaceDialog(STEPS, WAIT);
      case 'share':
        // Summary cards are handled before any dialog runs (DeskConversation); nothing to do for the case.
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
        return this.restart(step, state);
      case 'stop':
        return this.stop(step, state);
      case 'summaries-here':
      case 'statistics':
        // Handled before any dialog runs (DeskConversation).
        return step.replaceDialog(STEPS, WAIT);
    }
  }

  private async goBack(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const moved = back(this.deps.catalog, state);
    if (!moved.ok) return this.engineFailure(step, moved.error);
    loggerOf(step.context, this.deps.log).info({ event: 'case.back', flow: this.flowId, step: moved.value.to.step }, 'step back');
    await this.deps.openCase.set(step.context, moved.value.state);
    return this.show(step, moved.value.state, moved.value.to);
  }

  private async restart(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const flow = this.deps.catalog.flow(state.flowId);
    if (!flow) return this.engineFailure(step, { code: 'unknown-flow', flowId: state.flowId });
    loggerOf(step.context, this.deps.log).info({ event: 'case.restarted', flow: this.flowId }, 'case restarted');
    const fresh = startCase(flow, this.deps.newCaseId(), this.deps.now());
    await this.deps.openCase.set(step.context, fresh);
    return step.replaceDialog(STEPS, ANNOUNCE);
  }

  private async stop(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const flow = this.deps.catalog.flow(state.flowId);
    await step.context.sendActivity(fill(this.deps.messages.stopped, { flow: flow?.title ?? state.flowId }));
    loggerOf(step.context, this.deps.log).info({ event: 'case.stopped', flow: this.flowId, steps: state.trail.length }, 'case stopped');
    const located = locate(this.deps.catalog, state);
    const result: FlowDialogResult = { ended: 'stopped', state, lastNodeId: located.ok ? located.value.node.id : undefined };
    return step.endDialog(result);
  }

  /** Free text in the middle of a case: say where we are and show the current card again. */
  private async remind(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const located = locate(this.deps.catalog, state);
    if (!located.ok) return this.engineFailure(step, located.error);
    await step.context.sendActivity(fill(this.deps.messages.inCase, { flow: located.value.flow.title, step: located.value.step }));
    return this.show(step, state, located.value);
  }

  private async staleCard(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const located = locate(this.deps.catalog, state);
    if (!located.ok) return this.engineFailure(step, located.error);
    return this.engineFailure(step, { code: 'stale-card', current: located.value });
  }

  private async notice(step: WaterfallStepContext, text: string): Promise<DialogTurnResult> {
    await step.context.sendActivity(text);
    return step.replaceDialog(STEPS, WAIT);
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
        const flow = this.deps.catalog.flow(error.flowId);
        await step.context.sendActivity(fill(messages.flowChanged, { flow: flow?.title ?? error.flowId }));
        await step.context.sendActivity(this.deps.replies.menu());
        return step.endDialog({ ended: 'broken' } satisfies FlowDialogResult);
      }
      case 'unknown-flow':
        await step.context.sendActivity(this.deps.replies.menu(messages.unknownFlow));
        return step.endDialog({ ended: 'broken' } satisfies FlowDialogResult);
    }
  }

  private async broken(step: WaterfallStepContext): Promise<DialogTurnResult> {
    loggerOf(step.context, this.deps.log).warn({ event: 'case.state-invalid', flow: this.flowId }, 'stored case state did not parse; case closed');
    await step.context.sendActivity(this.deps.replies.menu(this.deps.messages.unknownFlow));
    return step.endDialog({ ended: 'broken' } satisfies FlowDialogResult);
  }

  /** Replaces the clicked card with the same step showing the chosen answer and no buttons. */
  private async markAnswered(context: TurnContext, state: CaseState, from: Position, label: string): Promise<void> {
    const cardId = context.activity.replyToId;
    if (!cardId) return;
    // Held by the turn pipeline until the state is saved; a refused update is logged there and the case goes on.
    await context.updateActivity({ ...this.deps.replies.step(state.caseId, from, label), id: cardId, type: ActivityTypes.Message });
  }
}
