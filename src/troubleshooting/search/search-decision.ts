/**
 * What the search makes of typed text: the contract between the engine and the dialogs.
 *
 * - `greeting` / `thanks`: small talk only ("hallo", "goedemorgen", "bedankt"); answer briefly,
 *   not an unrecognised problem.
 * - `start`: one procedure, or one step of it, clearly wins. Start `target.flowId`; when
 *   `target.nodeId` is set, deep entry at that step. `runnersUp` (0–2) are the next best
 *   procedures or steps (the evaluation's top-3; the bot offers the whole menu instead).
 * - `choose`: two or three candidates are close: show them, each with its `description`. Never
 *   a choice of one (that is a `start`).
 * - `none`: nothing fits; show the menu and count the phrase as unrecognised. `greeting` and
 *   `thanks` are never `none`.
 */
export type SearchDecision =
  | { readonly kind: 'greeting' }
  | { readonly kind: 'thanks' }
  | { readonly kind: 'start'; readonly target: SearchTarget; readonly runnersUp: readonly SearchTarget[] }
  | { readonly kind: 'choose'; readonly options: readonly [SearchTarget, SearchTarget, ...SearchTarget[]] }
  | { readonly kind: 'none' };

/** A procedure, or one step in it where a case can start, as a search result. */
export interface SearchTarget {
  readonly flowId: string;
  /**
   * Set for a step that content editors marked as an entry point (`entry:`) and that a case does
   * not reach from the top anyway; absent for the procedure's start.
   */
  readonly nodeId?: string;
  /** The procedure's title, or the step's title: "Gestart bij: <title>". */
  readonly title: string;
  /** One line to show on a "Bedoel je …?" button: the flow's description, or "<flow title> › <step title>". */
  readonly description: string;
  /** The search's relevance (BM25 summed over the typed terms); only for comparing targets of one search. */
  readonly score: number;
}
