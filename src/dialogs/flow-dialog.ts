import { ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { z } from 'zod';
import type { AdaptiveCardJson } from '../cards/card-templates.js';
import type { CardRenderer } from '../cards/card-renderer.js';
import { fill } from '../cards/messages.js';
import type { Submit } from '../cards/submit-schema.js';
import type { Logger } from '../logging/logger.js';
import { caseStateSchema, type CaseState } from '../troubleshooting/case-state.js';
import { back, choose, locate, startCase, type EngineError, type Position } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import { outcomeSchema } from '../troubleshooting/flow-schema.js';
import type { Command, TurnInput } from './turn-input.js';

/** What a flow dialog needs from the composition root. */
export interface FlowDialogDeps {
  readonly catalog: FlowCatalog;
  readonly cards: CardRenderer;
  readonly newCaseId: () => string;
  readonly now: () => Date;
  readonly log: Logger;
  /** The current turn's parsed input; set by the bot before the dialog runs. */
  readonly inputOf: (context: TurnContext) => TurnInput;
}

/**
 * How a case ended, for whoever started the dialog. botbuilder hands the result back untyped, so
 * the caller parses it with this schema rather than trusting a cast.
 */
export const flowDialogResultSchema = z.discriminatedUnion('ended', [
  z.object({ ended: z.literal('finished'), state: caseStateSchema, outcome: outcomeSchema, endTitle: z.string() }),
  z.object({ ended: z.literal('stopped'), state: caseStateSchema }),
  /** Another flow was chosen from the menu while this case was open; `state` is the case left behind. */
  z.object({ ended: z.literal('switch'), flowId: z.string(), state: caseStateSchema }),
  z.object({ ended: z.literal('broken') }),
]);
export type FlowDialogResult = z.infer<typeof flowDialogResultSchema>;

const optionsSchema = z.object({
  case: caseStateSchema,
  /** Send the step's card when the step begins (false when only a notice was answered). */
  announce: z.boolean(),
});
type FlowDialogOptions = z.infer<typeof optionsSchema>;

const STEPS = 'steps';

export const flowDialogId = (flowId: string): string => `flow:${flowId}`;

export function attachCard(card: AdaptiveCardJson): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/**
 * One troubleshooting tree as a waterfall: step 1 shows the current node's card and waits,
 * step 2 applies the staff member's click through the engine and loops (replaceDialog) to step 1.
 * The case state travels in the dialog options, so it is saved with the conversation state after
 * every turn and parsed again (zod) whenever it is read back.
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

  /** Options that begin a fresh case of this flow. */
  static begin(state: CaseState): FlowDialogOptions {
    return { case: state, announce: true };
  }

  private async present(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = this.readOptions(step);
    if (!options) return this.broken(step);
    const located = locate(this.deps.catalog, options.case);
    if (!located.ok) return this.engineFailure(step, located.error);
    const position = located.value;
    if (options.announce) await step.context.sendActivity(attachCard(this.deps.cards.step(options.case, position)));
    if (position.node.kind === 'end') {
      this.deps.log.info({ event: 'case.finished', flow: this.flowId, node: position.node.id, outcome: position.node.outcome, steps: options.case.trail.length }, 'case finished');
      const result: FlowDialogResult = { ended: 'finished', state: options.case, outcome: position.node.outcome, endTitle: position.node.title };
      return step.endDialog(result);
    }
    return Dialog.EndOfTurn;
  }

  private async apply(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = this.readOptions(step);
    if (!options) return this.broken(step);
    const input = this.deps.inputOf(step.context);
    switch (input.kind) {
      case 'submit':
        return this.applySubmit(step, options.case, input.submit);
      case 'command':
        return this.applyCommand(step, options.case, input.command);
      case 'text':
        return this.remind(step, options.case);
      case 'invalid-submit':
        return this.notice(step, options.case, this.deps.cards.messages.invalidSubmit);
      case 'empty':
        return this.stay(step, options.case);
    }
  }

  private async applySubmit(step: WaterfallStepContext, state: CaseState, submit: Submit): Promise<DialogTurnResult> {
    const messages = this.deps.cards.messages;
    if ('caseId' in submit && submit.caseId !== state.caseId) return this.notice(step, state, messages.oldCase);
    switch (submit.action) {
      case 'answer': {
        const moved = choose(this.deps.catalog, state, { nodeId: submit.node, step: submit.step, answerId: submit.answer });
        if (!moved.ok) return this.engineFailure(step, moved.error, state);
        const { from, edge, state: next } = moved.value;
        await this.markAnswered(step.context, state, from, edge.label);
        this.deps.log.info({ event: 'case.step', flow: this.flowId, node: from.node.id, answer: edge.answerId, step: from.step }, 'step answered');
        return step.replaceDialog(STEPS, { case: next, announce: true } satisfies FlowDialogOptions);
      }
      case 'back': {
        const located = locate(this.deps.catalog, state);
        if (located.ok && located.value.step !== submit.step) return this.engineFailure(step, { code: 'stale-card', current: located.value }, state);
        return this.goBack(step, state);
      }
      case 'restart':
        return this.restart(step, state);
      case 'stop':
        return this.stop(step, state);
      case 'start': {
        const result: FlowDialogResult = { ended: 'switch', flowId: submit.flow, state };
        return step.endDialog(result);
      }
      case 'menu':
        await step.context.sendActivity(attachCard(this.deps.cards.menu()));
        return this.stay(step, state);
      case 'share':
        // Summary cards are handled before any dialog runs (DeskConversation); nothing to do for the case.
        return this.stay(step, state);
    }
  }

  private async applyCommand(step: WaterfallStepContext, state: CaseState, command: Command): Promise<DialogTurnResult> {
    switch (command) {
      case 'help':
        await step.context.sendActivity(attachCard(this.deps.cards.help({ mentionHint: isGroupConversation(step.context) })));
        return this.stay(step, state);
      case 'menu':
        await step.context.sendActivity(attachCard(this.deps.cards.menu()));
        return this.stay(step, state);
      case 'back':
        return this.goBack(step, state);
      case 'restart':
        return this.restart(step, state);
      case 'stop':
        return this.stop(step, state);
      case 'summaries-here':
      case 'statistics':
        // Handled before any dialog runs (DeskConversation).
        return this.stay(step, state);
    }
  }

  private async goBack(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const moved = back(this.deps.catalog, state);
    if (!moved.ok) return this.engineFailure(step, moved.error, state);
    this.deps.log.info({ event: 'case.back', flow: this.flowId, step: moved.value.to.step }, 'step back');
    return step.replaceDialog(STEPS, { case: moved.value.state, announce: true } satisfies FlowDialogOptions);
  }

  private async restart(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const flow = this.deps.catalog.flow(state.flowId);
    if (!flow) return this.engineFailure(step, { code: 'unknown-flow', flowId: state.flowId });
    this.deps.log.info({ event: 'case.restarted', flow: this.flowId }, 'case restarted');
    const fresh = startCase(flow, this.deps.newCaseId(), this.deps.now());
    return step.replaceDialog(STEPS, FlowDialog.begin(fresh));
  }

  private async stop(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const flow = this.deps.catalog.flow(state.flowId);
    await step.context.sendActivity(fill(this.deps.cards.messages.stopped, { flow: flow?.title ?? state.flowId }));
    this.deps.log.info({ event: 'case.stopped', flow: this.flowId, steps: state.trail.length }, 'case stopped');
    const result: FlowDialogResult = { ended: 'stopped', state };
    return step.endDialog(result);
  }

  /** Free text in the middle of a case: say where we are and show the current card again. */
  private async remind(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    const located = locate(this.deps.catalog, state);
    if (!located.ok) return this.engineFailure(step, located.error);
    const { flow, step: number } = located.value;
    await step.context.sendActivity(fill(this.deps.cards.messages.inCase, { flow: flow.title, step: number }));
    return step.replaceDialog(STEPS, { case: state, announce: true } satisfies FlowDialogOptions);
  }

  private async notice(step: WaterfallStepContext, state: CaseState, text: string): Promise<DialogTurnResult> {
    await step.context.sendActivity(text);
    return this.stay(step, state);
  }

  /** Waits for the next input on the same step without sending its card again. */
  private stay(step: WaterfallStepContext, state: CaseState): Promise<DialogTurnResult> {
    return step.replaceDialog(STEPS, { case: state, announce: false } satisfies FlowDialogOptions);
  }

  private async engineFailure(step: WaterfallStepContext, error: EngineError, state?: CaseState): Promise<DialogTurnResult> {
    const messages = this.deps.cards.messages;
    this.deps.log.info({ event: 'case.rejected', flow: this.flowId, code: error.code }, 'input rejected');
    switch (error.code) {
      case 'stale-card':
        if (!state) break;
        return this.notice(step, state, fill(messages.staleCard, { step: error.current.step, title: error.current.node.title }));
      case 'unknown-answer':
        if (!state) break;
        return this.notice(step, state, messages.invalidSubmit);
      case 'case-ended':
        if (!state) break;
        return this.notice(step, state, messages.oldCase);
      case 'at-start':
        if (!state) break;
        return this.notice(step, state, messages.atStart);
      case 'flow-changed': {
        const flow = this.deps.catalog.flow(error.flowId);
        await step.context.sendActivity(fill(messages.flowChanged, { flow: flow?.title ?? error.flowId }));
        await step.context.sendActivity(attachCard(this.deps.cards.menu()));
        return step.endDialog({ ended: 'broken' } satisfies FlowDialogResult);
      }
      case 'unknown-flow':
        await step.context.sendActivity(attachCard(this.deps.cards.menu(messages.unknownFlow)));
        return step.endDialog({ ended: 'broken' } satisfies FlowDialogResult);
    }
    return this.broken(step);
  }

  private async broken(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.deps.log.warn({ event: 'case.state-invalid', flow: this.flowId }, 'stored case state did not parse; case closed');
    await step.context.sendActivity(attachCard(this.deps.cards.menu(this.deps.cards.messages.unknownFlow)));
    return step.endDialog({ ended: 'broken' } satisfies FlowDialogResult);
  }

  private readOptions(step: WaterfallStepContext): FlowDialogOptions | undefined {
    const parsed = optionsSchema.safeParse(step.options);
    return parsed.success ? parsed.data : undefined;
  }

  /** Replaces the clicked card with the same step showing the chosen answer and no buttons. */
  private async markAnswered(context: TurnContext, state: CaseState, from: Position, label: string): Promise<void> {
    const cardId = context.activity.replyToId;
    if (!cardId) return;
    try {
      await context.updateActivity({
        ...attachCard(this.deps.cards.step(state, from, { label })),
        id: cardId,
        type: ActivityTypes.Message,
      });
    } catch (error) {
      // The case goes on even when Teams refuses the update (e.g. the card is too old to edit).
      this.deps.log.warn({ event: 'card.update-failed', err: error instanceof Error ? error.message : 'unknown' }, 'could not update clicked card');
    }
  }
}

/** Channels and group chats need an @mention; personal chats do not. */
export function isGroupConversation(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'channel' || context.activity.conversation?.conversationType === 'groupChat' || context.activity.conversation?.isGroup === true;
}
