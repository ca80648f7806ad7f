import type { Messages } from '../cards/messages.js';
import { abandoned, type EndingCounts } from './statistics-report.js';

/** "2 opgelost, 1 afgebroken": the non-zero endings, resolved first; undefined when there are none. */
export function endingsText(messages: Messages, counts: EndingCounts): string | undefined {
  const words = messages.endingCounts;
  const parts = [
    [counts.opgelost, words.opgelost],
    [counts['niet-opgelost'], words['niet-opgelost']],
    [counts.doorverwijzen, words.doorverwijzen],
    [abandoned(counts), words.afgebroken],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`).join(', ');
  return text === '' ? undefined : text;
}

/** "(2 gestopt, 1 ander stappenplan gekozen)": how the abandoned cases were abandoned; empty when none were. */
export function abandonedDetail(messages: Messages, counts: EndingCounts): string {
  const parts = (['gestopt', 'gewisseld', 'verlopen'] as const).filter((e) => counts[e] > 0).map((e) => `${counts[e]} ${messages.endingCounts[e]}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
