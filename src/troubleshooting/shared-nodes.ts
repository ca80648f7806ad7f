import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTINUE_ANSWER_ID, DEFAULT_CONTINUE_LABEL } from './flow-graph.js';
import { schemaProblems, type FlowProblem } from './flow-problem.js';
import { includeSchema, sharedNodesFileSchema, type SharedNode } from './flow-schema.js';
import { err, ok, type Result } from './result.js';
import { readYaml, type LineOf } from './yaml-document.js';

/**
 * Nodes that several flows ask the same way (the colleague/volunteer guard, say) are written once,
 * in `flows/shared/*.yaml`, and a flow takes them in with `- include: <id>`. They are resolved
 * here, before a flow is checked, so the engine, the graph checks and everything downstream see
 * ordinary nodes.
 */

/** The folder, inside the flows folder, that holds the shared nodes. */
export const SHARED_DIR = 'shared';

/** A shared node and where it is written. */
export interface SharedDefinition {
  readonly node: SharedNode;
  readonly file: string;
  /** Line of a path inside this node, e.g. `['source', 'section']`. */
  readonly lineOf: LineOf;
}

export type SharedNodes = ReadonlyMap<string, SharedDefinition>;

/** Every shared node in `<flowsDir>/shared/`; none when the folder does not exist. */
export function readSharedNodes(flowsDir: string): Result<SharedNodes, FlowProblem[]> {
  const dir = join(flowsDir, SHARED_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    return ok(new Map());
  }
  const nodes = new Map<string, SharedDefinition>();
  const problems: FlowProblem[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const read = readYaml(file, readFileSync(file, 'utf8'));
    if (!read.ok) {
      problems.push(...read.error);
      continue;
    }
    const { value, lineOf } = read.value;
    const parsed = sharedNodesFileSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(...schemaProblems(file, value, parsed.error.issues, lineOf));
      continue;
    }
    parsed.data.nodes.forEach((node, index) => {
      const at = (path: readonly PropertyKey[]): number | undefined => lineOf(['nodes', index, ...path]);
      const other = nodes.get(node.id);
      if (other) {
        problems.push({ file, line: at([]), nodeId: node.id, message: `gedeelde stap "${node.id}" staat ook in ${other.file}:${other.lineOf([]) ?? '?'}` });
      } else {
        nodes.set(node.id, { node, file, lineOf: at });
      }
    });
  }
  return problems.length > 0 ? err(problems) : ok(nodes);
}

/** A flow file's data with its `include` entries replaced by the shared nodes they name. */
export interface ResolvedFlow {
  readonly value: unknown;
  /** Position in `nodes` → the shared node that stands there. */
  readonly included: ReadonlyMap<number, SharedDefinition>;
}

/**
 * Replaces each `- include: <id>` in a flow's nodes by that shared node, its open answers led
 * where the include's `next` says. Unknown ids, answers left open and `next` entries for answers
 * that are not open are problems on the include's line.
 */
export function resolveIncludes(file: string, value: unknown, lineOf: LineOf, shared: SharedNodes): Result<ResolvedFlow, FlowProblem[]> {
  if (typeof value !== 'object' || value === null || !('nodes' in value) || !Array.isArray(value.nodes)) return ok({ value, included: new Map() });
  const entries: unknown[] = value.nodes;
  const problems: FlowProblem[] = [];
  const included = new Map<number, SharedDefinition>();
  const nodes = entries.map((entry, index): unknown => {
    if (typeof entry !== 'object' || entry === null || !('include' in entry)) return entry;
    const at = (path: readonly PropertyKey[]): number | undefined => lineOf(['nodes', index, ...path]);
    const parsed = includeSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(...schemaProblems(file, value, parsed.error.issues.map((i) => ({ ...i, path: ['nodes', index, ...i.path] })), lineOf));
      return entry;
    }
    const { include, next = {}, entry: entryPhrases } = parsed.data;
    const definition = shared.get(include);
    if (!definition) {
      const known = [...shared.keys()].sort().join(', ') || 'geen';
      problems.push({ file, line: at(['include']), nodeId: include, message: `gedeelde stap "${include}" bestaat niet in ${SHARED_DIR}/ (wel: ${known})` });
      return entry;
    }
    const open = openAnswers(definition.node);
    for (const answer of Object.keys(next)) {
      if (!open.some((o) => o.id === answer)) {
        const list = open.map((o) => o.id).join(', ') || 'geen';
        problems.push({ file, line: at(['next', answer]), nodeId: include, message: `gedeelde stap "${include}" heeft geen open antwoord "${answer}" (open: ${list})` });
      }
    }
    for (const answer of open) {
      if (next[answer.id] === undefined) {
        problems.push({ file, line: at(['include']), nodeId: include, message: `zeg waar "${answer.label}" van gedeelde stap "${include}" in deze flow heen gaat: next: { ${answer.id}: <stap> }` });
      }
    }
    included.set(index, definition);
    return withTargets(entryPhrases === undefined ? definition.node : { ...definition.node, entry: entryPhrases }, next);
  });
  return problems.length > 0 ? err(problems) : ok({ value: { ...value, nodes }, included });
}

/** The answers of a shared node that each including flow leads somewhere itself. */
function openAnswers(node: SharedNode): Array<{ readonly id: string; readonly label: string }> {
  switch (node.kind) {
    case 'question':
      return node.answers.filter((a) => a.next === undefined);
    case 'instruction':
      return node.next === undefined ? [{ id: CONTINUE_ANSWER_ID, label: node.continueLabel ?? DEFAULT_CONTINUE_LABEL }] : [];
    case 'end':
      return [];
  }
}

function withTargets(node: SharedNode, next: Readonly<Record<string, string>>): unknown {
  switch (node.kind) {
    case 'question':
      return { ...node, answers: node.answers.map((a) => (a.next === undefined ? { ...a, next: next[a.id] } : a)) };
    case 'instruction':
      return node.next === undefined ? { ...node, next: next[CONTINUE_ANSWER_ID] } : node;
    case 'end':
      return node;
  }
}
