import type { FlowCatalog } from './flow-catalog.js';
import type { Flow } from './flow-schema.js';

/** How well a typed message fits a flow, 0..1. */
export interface FlowMatch {
  readonly flow: Flow;
  readonly score: number;
}

/** What to do with a typed message that is not a command. */
export type MatchDecision =
  | { readonly kind: 'start'; readonly flow: Flow }
  | { readonly kind: 'choose'; readonly matches: readonly FlowMatch[] }
  | { readonly kind: 'none' };

const ERROR_CODE_SCORE = 1;
const START_SCORE = 0.9;
const OFFER_SCORE = 0.5;
const PARTIAL_SCORE = 0.6;
const CLEAR_LEAD = 0.15;
const MAX_OFFERED = 3;

const STOPWORDS = new Set(['de', 'het', 'een', 'en', 'of', 'bij', 'op', 'in', 'te', 'om', 'met', 'van', 'voor', 'is', 'kan', 'wil', 'mijn', 'zijn', 'haar', 'the', 'a', 'an', 'to']);

/** Lower case, no diacritics, hyphens joined ("e-books" = "ebooks"), other punctuation as spaces. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-‐–]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const tokens = (text: string): string[] => normalise(text).split(' ').filter((t) => t.length > 0 && !STOPWORDS.has(t));
const compact = (text: string): string => normalise(text).replace(/ /g, '');

function scoreFlow(flow: Flow, text: string): number {
  const textCompact = compact(text);
  if (flow.triggers.errorCodes.some((code) => textCompact.includes(compact(code)))) return ERROR_CODE_SCORE;
  const normalised = ` ${normalise(text)} `;
  const words = new Set(tokens(text));
  let best = 0;
  for (const phrase of flow.triggers.phrases) {
    if (normalised.includes(` ${normalise(phrase)} `)) {
      best = Math.max(best, START_SCORE + Math.min(0.09, normalise(phrase).length / 1000));
      continue;
    }
    const phraseWords = tokens(phrase);
    if (phraseWords.length === 0) continue;
    const shared = phraseWords.filter((w) => words.has(w)).length;
    // Most of a phrase typed, or a short message whose every word is in the phrase ("e-books"): close, not certain.
    const textCovered = words.size > 0 && shared === words.size ? PARTIAL_SCORE : 0;
    best = Math.max(best, (shared / phraseWords.length) * 0.8, textCovered);
  }
  return best;
}

/** All flows with a score above zero, best first. */
export function matchFlows(catalog: FlowCatalog, text: string): FlowMatch[] {
  return catalog.flows
    .map((flow) => ({ flow, score: scoreFlow(flow, text) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score);
}

/**
 * Starts a flow when one clearly fits (an error code, or a trigger phrase typed in full with no
 * close rival), offers the best few when the text is only close, and otherwise nothing.
 */
export function decide(catalog: FlowCatalog, text: string): MatchDecision {
  const matches = matchFlows(catalog, text);
  // An error code names its flow exactly: it wins over any phrase that also matched.
  const byCode = matches.filter((m) => m.score === ERROR_CODE_SCORE);
  if (byCode.length === 1 && byCode[0]) return { kind: 'start', flow: byCode[0].flow };
  const [first, second] = matches;
  if (!first || first.score < OFFER_SCORE) return { kind: 'none' };
  if (first.score >= START_SCORE && (!second || first.score - second.score >= CLEAR_LEAD)) {
    return { kind: 'start', flow: first.flow };
  }
  return { kind: 'choose', matches: matches.filter((m) => m.score >= OFFER_SCORE).slice(0, MAX_OFFERED) };
}
