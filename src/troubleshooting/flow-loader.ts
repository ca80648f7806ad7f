import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { LineCounter, parseDocument } from 'yaml';
import { FlowCatalog } from './flow-catalog.js';
import { checkFlowGraph } from './flow-graph.js';
import { flowSchema, type Flow } from './flow-schema.js';
import { err, ok, type Result } from './result.js';
import { compact, phraseKey } from './search/dutch-text.js';
import { SYNONYMS_FILE, WORDS_FILE } from './search/search-content.js';
import { readSearchContent } from './search/search-content-file.js';
import { lineOf } from './yaml-lines.js';

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

/** Thrown at start-up when any flow is broken: the bot must not start with a flow that fails at the desk. */
export class FlowLoadError extends Error {
  constructor(readonly problems: readonly FlowProblem[]) {
    super(`Flows kunnen niet worden geladen (${problems.length} probleem/problemen):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'FlowLoadError';
  }
}

/** Parses and checks one flow file's text: YAML syntax, schema, then graph. */
export function parseFlowFile(file: string, text: string): Result<Flow, FlowProblem[]> {
  const read = readFlowFile(file, text);
  return read.ok ? ok(read.value.flow) : read;
}

/** The 1-based line of a path in a flow file (`['nodes', 3, 'source']`), for problems found after parsing. */
type LineOf = (path: readonly PropertyKey[]) => number | undefined;

/** A checked flow and where its parts are in the file, so checks across files can name a line too. */
interface ReadFlow {
  readonly file: string;
  readonly flow: Flow;
  readonly lineOf: LineOf;
}

function readFlowFile(file: string, text: string): Result<ReadFlow, FlowProblem[]> {
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
  const lineAt: LineOf = (path) => lineOf(doc, lineCounter, path);
  const raw: unknown = doc.toJS();
  const parsed = flowSchema.safeParse(raw);
  if (!parsed.success) {
    return err(
      parsed.error.issues.map((issue) => ({
        file,
        line: lineAt(issue.path),
        nodeId: nodeIdAt(raw, issue.path),
        message: `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`,
      })),
    );
  }
  const flow = parsed.data;
  const problems: FlowProblem[] = [];
  const expectedId = basename(file).replace(/\.ya?ml$/, '');
  if (flow.id !== expectedId) {
    problems.push({ file, line: lineAt(['id']), message: `id "${flow.id}" moet gelijk zijn aan de bestandsnaam "${expectedId}"` });
  }
  for (const p of checkFlowGraph(flow)) {
    const index = p.nodeId === undefined ? -1 : flow.nodes.findIndex((n) => n.id === p.nodeId);
    problems.push({
      file,
      line: lineAt(index >= 0 ? ['nodes', index] : ['start']),
      nodeId: p.nodeId,
      message: p.message,
    });
  }
  return problems.length > 0 ? err(problems) : ok({ file, flow, lineOf: lineAt });
}

/** Every problem in a directory of flow files, including conflicts between files. */
export function checkFlowDirectory(dir: string): Result<FlowCatalog, FlowProblem[]> {
  let files: string[];
  try {
    // synonyms.yaml and words.yaml beside the flows are search content, read below.
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && f !== SYNONYMS_FILE && f !== WORDS_FILE).sort();
  } catch (e) {
    return err([{ file: dir, message: `map met flows niet leesbaar: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  if (files.length === 0) return err([{ file: dir, message: 'geen flow-bestanden (*.yaml) gevonden' }]);

  const problems: FlowProblem[] = [];
  const sources = readSources(dir);
  if (!sources.ok) problems.push(...sources.error);
  const flows: ReadFlow[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const result = readFlowFile(file, readFileSync(file, 'utf8'));
    if (result.ok) flows.push(result.value);
    else problems.push(...result.error);
  }
  const search = readSearchContent(dir);
  if (!search.ok) problems.push(...search.error);
  problems.push(...crossFlowProblems(flows));
  if (sources.ok) problems.push(...sourceProblems(flows, sources.value));
  if (problems.length > 0 || !sources.ok || !search.ok) return err(problems);
  return ok(new FlowCatalog(flows.map((f) => f.flow), new Map([...sources.value].map(([name, d]) => [name, d.title])), search.value));
}

/** Loads all flows or throws {@link FlowLoadError} naming every file and node that is wrong. */
export function loadFlowCatalog(dir: string): FlowCatalog {
  const result = checkFlowDirectory(dir);
  if (!result.ok) throw new FlowLoadError(result.error);
  return result.value;
}

/** Seed documents the flows may cite: titles for the cards and files for the citation check; lives beside the flows. */
export const SOURCES_FILE = 'sources.json';
const sourcesSchema = z.record(
  z.string().regex(/^[\w.-]+\.txt$/),
  z.strictObject({
    title: z.string().trim().min(1),
    /** The document's text, relative to the flows folder and inside it (e.g. `sources/000_x.txt`). */
    file: z.string().regex(/^(?!.*\.\.)[\w./-]+\.txt$/, 'een pad binnen de map met flows, bijvoorbeeld sources/000_x.txt'),
  }),
);

/** A seed document: the title cards show and its text, to check citations against. */
interface SourceDocument {
  readonly title: string;
  readonly text: string;
}

function readSources(dir: string): Result<Map<string, SourceDocument>, FlowProblem[]> {
  const file = join(dir, SOURCES_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return err([{ file, message: `bronnenlijst niet leesbaar: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  const parsed = sourcesSchema.safeParse(raw);
  if (!parsed.success) return err([{ file, message: `bronnenlijst ongeldig: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` }]);
  const documents = new Map<string, SourceDocument>();
  const problems: FlowProblem[] = [];
  for (const [name, entry] of Object.entries(parsed.data)) {
    try {
      documents.set(name, { title: entry.title, text: plainText(readFileSync(join(dir, entry.file), 'utf8')) });
    } catch (e) {
      problems.push({ file, message: `brondocument ${entry.file} niet leesbaar: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return problems.length > 0 ? err(problems) : ok(documents);
}

/**
 * Text as a citation is compared: markdown escapes and emphasis gone, white space folded, lower
 * case. So a section heading cited as `Geen rechten om e-books te lenen` matches `**Geen rechten
 * om e-books te lenen**` in the document, and nothing else is forgiven.
 */
export function plainText(text: string): string {
  return text
    .replace(/\\(.)/g, '$1')
    .replace(/[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Sources a node names that are not in sources.json, and cited sections that do not stand in their document. */
function sourceProblems(flows: readonly ReadFlow[], documents: ReadonlyMap<string, SourceDocument>): FlowProblem[] {
  return flows.flatMap(({ file, flow, lineOf: lineAt }) =>
    flow.nodes.flatMap((node, index): FlowProblem[] => {
      const document = documents.get(node.source.document);
      if (!document) return [{ file, line: lineAt(['nodes', index, 'source', 'document']), nodeId: node.id, message: `bron "${node.source.document}" staat niet in ${SOURCES_FILE}` }];
      if (document.text.includes(plainText(node.source.section))) return [];
      return [{ file, line: lineAt(['nodes', index, 'source', 'section']), nodeId: node.id, message: `sectie "${node.source.section}" staat niet letterlijk in ${node.source.document}` }];
    }),
  );
}

/**
 * Conflicts between files: a flow id used twice, a trigger phrase or error code in two flows, and
 * a phrase that would start two different places (a step's `entry` phrase that is also another
 * step's, or a trigger). Phrases are compared the way typed text is matched, so "e-books" and
 * "ebooks" are the same phrase.
 */
function crossFlowProblems(flows: readonly ReadFlow[]): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const ids = new Map<string, string>();
  /** Phrase key → where it is and the place a case would start: the flow, or flow#node. */
  const phrases = new Map<string, { file: string; line?: number; target: string }>();
  const where = (at: { file: string; line?: number }): string => `${at.file}${at.line === undefined ? '' : `:${at.line}`}`;
  for (const { file, flow, lineOf: lineAt } of flows) {
    const other = ids.get(flow.id);
    if (other !== undefined) problems.push({ file, line: lineAt(['id']), message: `flow-id "${flow.id}" staat ook in ${other}` });
    ids.set(flow.id, file);
    const all = [
      ...flow.triggers.phrases.map((phrase, i) => ({ phrase, key: phraseKey(phrase), path: ['triggers', 'phrases', i], target: flow.id, kind: 'trigger', nodeId: undefined })),
      ...flow.triggers.errorCodes.map((phrase, i) => ({ phrase, key: `code:${compact(phrase)}`, path: ['triggers', 'errorCodes', i], target: flow.id, kind: 'trigger', nodeId: undefined })),
      ...flow.nodes.flatMap((node, n) =>
        (node.entry ?? []).map((phrase, i) => ({ phrase, key: phraseKey(phrase), path: ['nodes', n, 'entry', i], target: node.id === flow.start ? flow.id : `${flow.id}#${node.id}`, kind: 'entry', nodeId: node.id })),
      ),
    ];
    for (const { phrase, key, path, target, kind, nodeId } of all) {
      const line = lineAt(path);
      const owner = phrases.get(key);
      if (owner !== undefined && owner.target !== target) {
        problems.push({ file, line, nodeId, message: `${kind} "${phrase}" staat ook in ${where(owner)}` });
      } else if (owner === undefined) {
        phrases.set(key, { file, line, target });
      }
    }
  }
  return problems;
}

function nodeIdAt(raw: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return undefined;
  if (typeof raw !== 'object' || raw === null || !('nodes' in raw) || !Array.isArray(raw.nodes)) return undefined;
  const node: unknown = raw.nodes[path[1]];
  if (typeof node === 'object' && node !== null && 'id' in node && typeof node.id === 'string') return node.id;
  return `#${path[1] + 1}`;
}
