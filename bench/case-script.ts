import type { SubmitButton } from './card-buttons.js';
import type { FlowPath } from './flow-paths.js';

/**
 * A button the staff member wants to click next, and the value it would carry (for a bot that
 * sends no cards). Buttons are found by their title; the data they carry is the fallback, so a
 * reworded title does not stop the bench.
 */
export interface WantedButton {
  /** For error messages: "answer \"Geen rechten\" on step 2 of proef". */
  readonly description: string;
  readonly matches: (button: SubmitButton) => boolean;
  readonly value: Record<string, unknown>;
}

/** What the staff member does in one turn. */
export type Intent = { readonly kind: 'say'; readonly text: string } | { readonly kind: 'click'; readonly button: WantedButton };

type Phase =
  | { readonly kind: 'open-menu' }
  | { readonly kind: 'pick-flow' }
  | { readonly kind: 'answer'; readonly path: FlowPath; readonly index: number; readonly caseNumber: number }
  | { readonly kind: 'new-case' };

/**
 * One staff member's day at the desk, as a sequence of intents: type "menu" once, then forever
 * pick a problem from the menu, click the path's answers to an end, and click "new case" on the
 * end card. Paths come from `pickPath` (seeded), so the bot and the baseline get the same sequence.
 */
export class CaseScript {
  private phase: Phase = { kind: 'open-menu' };
  private cases = 0;

  constructor(
    private readonly staffId: string,
    private readonly pickPath: () => FlowPath,
  ) {}

  next(): Intent {
    const phase = this.phase;
    switch (phase.kind) {
      case 'open-menu':
        this.phase = { kind: 'pick-flow' };
        return { kind: 'say', text: 'menu' };
      case 'pick-flow': {
        const path = this.pickPath();
        this.cases += 1;
        this.phase = path.clicks.length > 0 ? { kind: 'answer', path, index: 0, caseNumber: this.cases } : { kind: 'new-case' };
        return {
          kind: 'click',
          button: {
            description: `flow "${path.flowTitle}" on the menu`,
            matches: (b) => b.data.action === 'start' && (b.title === path.flowTitle || b.data.flow === path.flowId),
            value: { v: 1, action: 'start', flow: path.flowId },
          },
        };
      }
      case 'answer': {
        const { path, index, caseNumber } = phase;
        const click = path.clicks[index];
        if (click === undefined) throw new Error(`path of ${path.flowId} has no click ${index}`);
        this.phase = index + 1 < path.clicks.length ? { ...phase, index: index + 1 } : { kind: 'new-case' };
        return {
          kind: 'click',
          button: {
            description: `answer "${click.label}" on step ${index + 1} of ${path.flowId}`,
            matches: (b) => b.data.action === 'answer' && (b.title === click.label || (b.data.node === click.nodeId && b.data.answer === click.answerId)),
            value: { v: 1, action: 'answer', caseId: `${this.staffId}-case-${caseNumber}`, node: click.nodeId, step: index + 1, answer: click.answerId },
          },
        };
      }
      case 'new-case':
        this.phase = { kind: 'pick-flow' };
        return {
          kind: 'click',
          button: { description: 'the new-case button on the end card', matches: (b) => b.data.action === 'menu', value: { v: 1, action: 'menu' } },
        };
    }
  }

  /** After a turn went wrong: start over from the menu. */
  reset(): void {
    this.phase = { kind: 'open-menu' };
  }
}
