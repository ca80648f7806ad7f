import type { TurnContext } from 'botbuilder';
import type { SummaryPlace } from '../summaries/summary-service.js';
import type { TurnInput } from './turn-input.js';

/** Where a turn happens: what summaries need, and whether it is a group chat or channel. */
export type DeskPlace = SummaryPlace & { readonly isGroup: boolean };

const KEY = Symbol('baliewijzer.deskTurn');

/**
 * One turn at the desk as the edge read it, once: the parsed input and where it happens. Kept in
 * botbuilder's per-turn state, so the flow dialog's waterfall (which botbuilder calls with no
 * arguments of ours) reads it there instead of parsing the activity again.
 */
export class DeskTurn {
  private countsAsClick = true;

  private constructor(
    readonly input: TurnInput,
    readonly place: DeskPlace,
    /** How long the conversation was untouched before this turn; undefined on its first. */
    readonly idleMs: number | undefined,
  ) {}

  static begin(context: TurnContext, turn: { readonly input: TurnInput; readonly place: DeskPlace; readonly idleMs: number | undefined }): DeskTurn {
    const begun = new DeskTurn(turn.input, turn.place, turn.idleMs);
    context.turnState.set(KEY, begun);
    return begun;
  }

  /** This turn's click found nothing to click on (its case had expired): a second one is not a double click. */
  notAClick(): void {
    this.countsAsClick = false;
  }

  /** Whether the turn pipeline should remember this turn's click, to recognise a double click. */
  get clickCounts(): boolean {
    return this.countsAsClick;
  }

  /** This turn's input and place; a turn that did not begin at the desk has no input (and is answered as empty). */
  static of(context: TurnContext): DeskTurn {
    const turn: unknown = context.turnState.get(KEY);
    if (turn instanceof DeskTurn) return turn;
    return new DeskTurn({ kind: 'empty' }, { conversationId: context.activity.conversation?.id ?? '', staff: { id: 'unknown', name: '' }, isGroup: false }, undefined);
  }
}
