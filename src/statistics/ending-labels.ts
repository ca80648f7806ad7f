import type { EndingCounts } from './statistics-report.js';
import { abandoned } from './statistics-report.js';

/** How the report names the ways a case ends, in the card and in `npm run report`. */
export const COUNT_LABELS = {
  opgelost: 'opgelost',
  'niet-opgelost': 'niet opgelost',
  doorverwijzen: 'doorverwezen',
  afgebroken: 'afgebroken',
  gestopt: 'gestopt',
  gewisseld: 'ander stappenplan gekozen',
  verlopen: 'verlopen',
} as const;

/** "1 casus", "3 casussen". */
export const casesText = (n: number): string => `${n} ${n === 1 ? 'casus' : 'casussen'}`;

/** "2 opgelost, 1 afgebroken": the non-zero endings, resolved first; undefined when there are none. */
export function endingsText(counts: EndingCounts): string | undefined {
  const parts = [
    [counts.opgelost, COUNT_LABELS.opgelost],
    [counts['niet-opgelost'], COUNT_LABELS['niet-opgelost']],
    [counts.doorverwijzen, COUNT_LABELS.doorverwijzen],
    [abandoned(counts), COUNT_LABELS.afgebroken],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`).join(', ');
  return text === '' ? undefined : text;
}

/** "(2 gestopt, 1 ander stappenplan gekozen)": how the abandoned cases were abandoned; empty when none were. */
export function abandonedDetail(counts: EndingCounts): string {
  const parts = (['gestopt', 'gewisseld', 'verlopen'] as const).filter((e) => counts[e] > 0).map((e) => `${counts[e]} ${COUNT_LABELS[e]}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
