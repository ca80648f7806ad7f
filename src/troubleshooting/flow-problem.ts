import type { z } from 'zod';
import type { LineOf } from './yaml-document.js';

/** One thing wrong with a flow file, located so a content editor can find it. */
export interface FlowProblem {
  readonly file: string;
  readonly line?: number;
  readonly nodeId?: string;
  readonly message: string;
}

/** `flows/x.yaml:12  node-id  message`: the format of `flows:check` and of the start-up error. */
export function formatProblem(p: FlowProblem): string {
  return `${p.file}${p.line === undefined ? '' : `:${p.line}`}  ${p.nodeId ?? '-'}  ${p.message}`;
}

/** Schema issues of a YAML file as problems on their lines, named after the node they are in. */
export function schemaProblems(file: string, raw: unknown, issues: z.ZodError['issues'], lineOf: LineOf): FlowProblem[] {
  return issues.map((issue) => ({
    file,
    line: lineOf(issue.path),
    nodeId: nodeIdAt(raw, issue.path),
    message: `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`,
  }));
}

function nodeIdAt(raw: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return undefined;
  if (typeof raw !== 'object' || raw === null || !('nodes' in raw) || !Array.isArray(raw.nodes)) return undefined;
  const node: unknown = raw.nodes[path[1]];
  if (typeof node === 'object' && node !== null && 'id' in node && typeof node.id === 'string') return node.id;
  if (typeof node === 'object' && node !== null && 'include' in node && typeof node.include === 'string') return node.include;
  return `#${path[1] + 1}`;
}
