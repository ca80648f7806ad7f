import type { AnalysedQuery, TextAnalyser } from './text-analyser.js';

/** Typed text longer than this is a new problem or a remark, never a button. */
export const MAX_ANSWER_CHARS = 80;
/** Terms at least this long may differ by one typo. */
const TYPO_MIN_LETTERS = 5;

/** A button on the current card: the answer's id and its label. */
export interface AnswerButton {
  readonly id: string;
  readonly label: string;
}

/**
 * The button typed text stands for, when it is clearly one: "geen rechten" → "Geen rechten",
 * "werkt niet" → "Lukt niet", "rechten zijn er" → "Rechten aanwezig". A typed negation must be in
 * the label ("lukt niet" is never "Inloggen lukt"); at most one typed word may be missing from the label;
 * two equally good buttons give none. Returns the answer's id, or undefined.
 */
export function matchAnswer(analyser: TextAnalyser, text: string, buttons: readonly AnswerButton[]): string | undefined {
  if (text.length > MAX_ANSWER_CHARS) return undefined;
  const typed = analyser.answer(text);
  if (typed.terms.length === 0) return undefined;
  const labels = buttons.map((b) => ({ id: b.id, label: analyser.answer(b.label) }));
  // A negation must agree; only when no button fits that way may a plain word find a negated label ("gegrijsd" → "Gegrijsd: geen inlogaccount").
  return bestFit(typed, labels, true) ?? (typed.negative ? undefined : bestFit(typed, labels, false));
}

function bestFit(typed: AnalysedQuery, labels: readonly { id: string; label: AnalysedQuery }[], samePolarity: boolean): string | undefined {
  let best: { id: string; shared: number; extra: number } | undefined;
  let tie = false;
  for (const { id, label } of labels) {
    if (samePolarity && typed.negative !== label.negative) continue;
    const fit = fitOf(typed, label);
    if (fit === undefined) continue;
    const better = best === undefined || fit.shared > best.shared || (fit.shared === best.shared && fit.extra < best.extra);
    const same = best !== undefined && fit.shared === best.shared && fit.extra === best.extra;
    if (better) {
      best = { id, ...fit };
      tie = false;
    } else if (same) {
      tie = true;
    }
  }
  return best === undefined || tie ? undefined : best.id;
}

/** How many typed terms the label has, and how many label terms were not typed; undefined when it does not fit at all. */
function fitOf(typed: AnalysedQuery, label: AnalysedQuery): { shared: number; extra: number } | undefined {
  const shared = typed.terms.filter((t) => label.terms.some((l) => sameTerm(t, l))).length;
  const missing = typed.terms.length - shared;
  if (shared === 0 || missing > 1 || shared * 2 < typed.terms.length) return undefined;
  return { shared, extra: label.terms.filter((l) => !typed.terms.some((t) => sameTerm(t, l))).length };
}

function sameTerm(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= TYPO_MIN_LETTERS && oneEditApart(a, b));
}

/** Whether two words differ by exactly one inserted, deleted or replaced letter. */
export function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  // Replace one letter, or insert one into the shorter word.
  return short.length === long.length ? short.slice(i + 1) === long.slice(i + 1) : short.slice(i) === long.slice(i + 1);
}
