import { isMap, isNode, isSeq, type Document, type LineCounter } from 'yaml';

/** The 1-based line of the deepest YAML node on `path` that exists. */
export function lineOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
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
