import { load } from 'js-yaml';
import { isMap, isNode, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { FlowProblem } from './flow-problem.js';
import { err, ok, type Result } from './result.js';

/** The 1-based line of a path in a YAML file (`['nodes', 3, 'source']`), for problems found after parsing. */
export type LineOf = (path: readonly PropertyKey[]) => number | undefined;

/** A YAML file's content as plain data, and where each part of it stands in the file. */
export interface YamlFile {
  readonly value: unknown;
  readonly lineOf: LineOf;
}

/**
 * Parses a flow or shared-nodes file; syntax errors come back as problems on their lines.
 *
 * A file that js-yaml reads is taken as it reads it: two to three times faster than `yaml`'s
 * document parse, which was most of the time the flows take to load (issue 19). `yaml` then parses
 * the file only when a line is asked for (a problem found later). js-yaml 5 is the stricter of the
 * two (it rejected every one of 20,000 one-character corruptions of our files that `yaml`
 * rejects, and more; where both accept, the values were the same, except that an empty key reads
 * as "null" instead of ""). Whatever js-yaml rejects goes through `yaml` as before, so syntax
 * errors keep `yaml`'s messages and lines, and what `yaml` accepts still loads.
 */
export function readYaml(file: string, text: string): Result<YamlFile, FlowProblem[]> {
  const quick = quickLoad(text);
  if (quick.ok) return ok({ value: quick.value, lineOf: linesOnDemand(text) });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return err(
      doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        message: `YAML-fout: ${e.message.split('\n')[0] ?? e.code}`,
      })),
    );
  }
  return ok({ value: doc.toJS(), lineOf: (path) => lineOf(doc, lineCounter, path) });
}

/** The file's data as js-yaml reads it (YAML 1.2, core schema); not ok for anything it does not read. */
function quickLoad(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  try {
    return { ok: true, value: load(text) };
  } catch {
    return { ok: false };
  }
}

/** lineOf for a file parsed only when a first line is asked for. */
function linesOnDemand(text: string): LineOf {
  let lines: LineOf | undefined;
  return (path) => {
    if (lines === undefined) {
      const lineCounter = new LineCounter();
      const doc = parseDocument(text, { lineCounter, prettyErrors: false });
      lines = (at) => lineOf(doc, lineCounter, at);
    }
    return lines(path);
  };
}

/** The 1-based line of the deepest YAML node on `path` that exists. */
function lineOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let current: unknown = doc.contents;
  let offset = isNode(current) ? current.range?.[0] : undefined;
  for (const key of path) {
    let child: unknown;
    if (isMap(current) && typeof key === 'string') child = current.get(key, true);
    else if (isSeq(current) && typeof key === 'number') child = current.get(key, true);
    if (!isNode(child)) {
      // Point at the key itself when it is missing its value, else stay at the parent.
      if (isMap(current) && typeof key === 'string') {
        const pair = current.items.find((p) => isNode(p.key) && String(p.key.toJSON()) === key);
        if (pair && isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
      }
      break;
    }
    current = child;
    offset = child.range?.[0] ?? offset;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
