import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { FlowProblem } from '../flow-problem.js';
import { err, ok, type Result } from '../result.js';
import { readYaml as readYamlFile } from '../yaml-document.js';
import { phraseKey } from './dutch-text.js';
import { SYNONYMS_FILE, WORDS_FILE, synonymsFileSchema, wordsFileSchema, type SearchContent } from './search-content.js';

/** A checked YAML file and the line of each of its parts, so later checks can point at a line too. */
interface ReadYaml<T> {
  readonly value: T;
  readonly lineAt: (path: readonly PropertyKey[]) => number | undefined;
}

/**
 * Reads and checks `synonyms.yaml` and `words.yaml` in a flows folder (both optional: a folder
 * without them has no synonyms and no small talk). Every problem names file and line.
 */
export function readSearchContent(dir: string): Result<SearchContent, FlowProblem[]> {
  const synonymsFile = join(dir, SYNONYMS_FILE);
  const wordsFile = join(dir, WORDS_FILE);
  const words = readYaml(wordsFile, wordsFileSchema);
  const synonyms = readYaml(synonymsFile, synonymsFileSchema);
  const problems = [...(words.ok ? [] : words.error), ...(synonyms.ok ? [] : synonyms.error)];
  if (!words.ok || !synonyms.ok) return err(problems);
  problems.push(...wordProblems(wordsFile, words.value), ...synonymProblems(synonymsFile, synonyms.value, new Set(words.value.value.stopWords.map(phraseKey))));
  if (problems.length > 0) return err(problems);
  return ok({ synonyms: synonyms.value.value.groups, ...words.value.value });
}

function readYaml<S extends z.ZodType>(file: string, schema: S): Result<ReadYaml<z.infer<S>>, FlowProblem[]> {
  const read = readYamlFile(file, existsSync(file) ? readFileSync(file, 'utf8') : '{}');
  if (!read.ok) return read;
  const { lineOf: lineAt } = read.value;
  const parsed = schema.safeParse(read.value.value ?? {});
  if (!parsed.success) {
    return err(parsed.error.issues.map((issue) => ({ file, line: lineAt(issue.path), message: `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}` })));
  }
  return ok({ value: parsed.data, lineAt });
}

/** Synonym groups of one word, empty members, a member in two groups, and members that are only stop words. */
function synonymProblems(file: string, { value, lineAt }: ReadYaml<z.infer<typeof synonymsFileSchema>>, stopWords: ReadonlySet<string>): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const seen = new Map<string, { group: number; member: number }>();
  value.groups.forEach((group, g) => {
    if (group.length < 2) problems.push({ file, line: lineAt(['groups', g]), message: `synoniemgroep ${g + 1} heeft minstens twee woorden of zinnen nodig` });
    group.forEach((member, m) => {
      // Lines are looked up only for a problem: they take a walk through the YAML document.
      const line = (): number | undefined => lineAt(['groups', g, m]);
      const key = phraseKey(member);
      if (key === '') {
        problems.push({ file, line: line(), message: `"${member}" bevat geen woorden` });
        return;
      }
      if (key.split(' ').every((w) => stopWords.has(w))) problems.push({ file, line: line(), message: `"${member}" bestaat alleen uit stopwoorden (${WORDS_FILE}) en zou overal passen` });
      const other = seen.get(key);
      if (other === undefined) {
        seen.set(key, { group: g, member: m });
        return;
      }
      const otherLine = lineAt(['groups', other.group, other.member]);
      if (other.group === g) problems.push({ file, line: line(), message: `"${member}" staat twee keer in synoniemgroep ${g + 1}` });
      else problems.push({ file, line: line(), message: `"${member}" staat ook in synoniemgroep ${other.group + 1}${otherLine === undefined ? '' : ` (regel ${otherLine})`}: een woord hoort in één groep` });
    });
  });
  return problems;
}

/** A word in two lists that contradict each other, and stop words of more than one word. */
function wordProblems(file: string, { value, lineAt }: ReadYaml<z.infer<typeof wordsFileSchema>>): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const lists = ['greetings', 'thanks', 'stopWords', 'negations'] as const;
  const owner = new Map<string, string>();
  for (const list of lists) {
    value[list].forEach((entry, i) => {
      const key = phraseKey(entry);
      const line = (): number | undefined => lineAt([list, i]);
      if (key === '') problems.push({ file, line: line(), message: `${list}: "${entry}" bevat geen woorden` });
      else if ((list === 'stopWords' || list === 'negations') && key.includes(' ')) problems.push({ file, line: line(), message: `${list}: "${entry}" moet één woord zijn` });
      const other = owner.get(key);
      if (other !== undefined && other !== list) problems.push({ file, line: line(), message: `"${entry}" staat zowel bij ${other} als bij ${list}` });
      else owner.set(key, list);
    });
  }
  return problems;
}
