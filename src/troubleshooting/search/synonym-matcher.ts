/**
 * Finds the synonym groups a text mentions. Each group gets one search term of its own (`~g3`),
 * added beside the words of the text on both sides, in flow content and in what staff type, so
 * "resetmail" finds a step that says "mail" without losing the word "resetmail" itself.
 */

/** Words of a member that may stand between two of its words: "weet zijn inlognaam niet meer" still says "weet niet meer". */
const MAX_GAP = 3;

interface Member {
  readonly group: number;
  readonly stems: readonly string[];
}

export class SynonymMatcher {
  private readonly byFirstStem = new Map<string, Member[]>();

  /** @param groups each group's members, each member as the stems of its words in order. */
  constructor(groups: readonly (readonly (readonly string[])[])[]) {
    groups.forEach((members, group) => {
      for (const stems of members) {
        const first = stems[0];
        if (first === undefined) continue;
        const list = this.byFirstStem.get(first) ?? [];
        list.push({ group, stems });
        this.byFirstStem.set(first, list);
      }
    });
  }

  /** The term of each group found in `stems` (the text's word stems in order), once per group. */
  groupTerms(stems: readonly string[]): string[] {
    const found = new Set<number>();
    stems.forEach((stem, start) => {
      for (const member of this.byFirstStem.get(stem) ?? []) {
        if (!found.has(member.group) && occursFrom(stems, start, member.stems)) found.add(member.group);
      }
    });
    return [...found].map(groupTerm);
  }
}

/** The search term that stands for synonym group `index`. */
export const groupTerm = (index: number): string => `~g${index}`;

/** Whether `member` occurs in `stems` from `start` on, in order, with at most MAX_GAP other words in between. */
function occursFrom(stems: readonly string[], start: number, member: readonly string[]): boolean {
  let at = start;
  let gap = 0;
  for (let i = 1; i < member.length; i++) {
    at++;
    while (at < stems.length && stems[at] !== member[i]) {
      at++;
      gap++;
      if (gap > MAX_GAP) return false;
    }
    if (at >= stems.length) return false;
  }
  return true;
}
