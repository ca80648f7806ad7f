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

/** Parses a flow or shared-nodes file; syntax errors come back as problems on their lines. */
export function readYaml(file: string, text: string): Result<YamlFile, FlowProblem[]> {
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
