import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { FlowCatalog } from './flow-catalog.js';
import { checkFlowGraph } from './flow-graph.js';
import { lintFlows, type WrittenFlow, type WrittenNode } from './flow-lints.js';
import { formatProblem, schemaProblems, type FlowProblem } from './flow-problem.js';
import { flowSchema, type Flow } from './flow-schema.js';
import { err, ok, type Result } from './result.js';
import { compact, phraseKey } from './search/dutch-text.js';
import { SYNONYMS_FILE, WORDS_FILE } from './search/search-content.js';
import { readSearchContent } from './search/search-content-file.js';
import { NOTICES_FILE, readNotices } from './notices.js';
import { readSharedNodes, resolveIncludes, type SharedDefinition, type SharedNodes } from './shared-nodes.js';
import { readYaml } from './yaml-document.js';

export { formatProblem, type FlowProblem } from './flow-problem.js';

/** Thrown at start-up when any flow is broken: the bot must not start with a flow that fails at the desk. */
export class FlowLoadError extends Error {
  constructor(readonly problems: readonly FlowProblem[]) {
    super(`Flows kunnen niet worden geladen (${problems.length} probleem/problemen):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'FlowLoadError';
  }
}

/**
 * Parses and checks one flow file's text: YAML syntax, shared nodes it includes, schema, then
 * graph. `shared` defaults to none, so an include then names an unknown node.
 */
export function parseFlowFile(file: string, text: string, shared: SharedNodes = new Map()): Result<Flow, FlowProblem[]> {
  const read = readFlowFile(file, text, shared);
  return read.ok ? ok(read.value.flow) : read;
}

/** A checked flow, where its parts are in the file, and which of its nodes came from `flows/shared/`. */
interface ReadFlow extends WrittenFlow {
  readonly included: ReadonlyMap<number, SharedDefinition>;
}

function readFlowFile(file: string, text: string, shared: SharedNodes): Result<ReadFlow, FlowProblem[]> {
  const read = readYaml(file, text);
  if (!read.ok) return read;
  const { lineOf: lineAt } = read.value;
  const resolved = resolveIncludes(file, read.value.value, lineAt, shared);
  if (!resolved.ok) return resolved;
  const raw = resolved.value.value;
  const parsed = flowSchema.safeParse(raw);
  if (!parsed.success) return err(schemaProblems(file, raw, parsed.error.issues, lineAt));
  const flow = parsed.data;
  const problems: FlowProblem[] = [];
  const expectedId = basename(file).replace(/\.ya?ml$/, '');
  if (flow.id !== expectedId) {
    problems.push({ file, line: lineAt(['id']), message: `id "${flow.id}" moet gelijk zijn aan de bestandsnaam "${expectedId}"` });
  }
  const seenVersions = new Set<number>();
  flow.changes?.forEach((change, index) => {
    if (change.version > flow.version) problems.push({ file, line: lineAt(['changes', index, 'version']), message: `wijziging voor versie ${change.version}, maar de flow heeft versie ${flow.version}` });
    if (seenVersions.has(change.version)) problems.push({ file, line: lineAt(['changes', index, 'version']), message: `versie ${change.version} staat twee keer onder changes` });
    seenVersions.add(change.version);
  });
  flow.nodes.forEach((node, index) => {
    const sharedNode = shared.get(node.id);
    if (sharedNode && !resolved.value.included.has(index)) {
      problems.push({ file, line: lineAt(['nodes', index]), nodeId: node.id, message: `"${node.id}" is ook een gedeelde stap (${sharedNode.file}): neem die op met - include: ${node.id}, of kies een ander id` });
    }
  });
  for (const p of checkFlowGraph(flow)) {
    const index = p.nodeId === undefined ? -1 : flow.nodes.findIndex((n) => n.id === p.nodeId);
    problems.push({
      file,
      line: lineAt(index >= 0 ? ['nodes', index] : ['start']),
      nodeId: p.nodeId,
      message: p.message,
    });
  }
  return problems.length > 0 ? err(problems) : ok({ file, flow, lineOf: lineAt, included: resolved.value.included });
}

/** What `checkFlowDirectory` checks besides what start-up needs. */
export interface CheckOptions {
  /** Also the wording rules of `flows:check` (see flow-lints.ts). */
  readonly lint?: boolean;
  /**
   * Also `notices.yaml` (times, known procedures, length), with times without an offset read in
   * this time zone. The bot itself does not stop for a broken notices file (see NoticeBoard).
   */
  readonly notices?: { readonly timeZone: string };
}

/** Every problem in a directory of flow files (and its `shared/` nodes), including conflicts between files. */
export function checkFlowDirectory(dir: string, options: CheckOptions = {}): Result<FlowCatalog, FlowProblem[]> {
  let files: string[];
  try {
    // synonyms.yaml and words.yaml beside the flows are search content, notices.yaml the editors' notices.
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && f !== SYNONYMS_FILE && f !== WORDS_FILE && f !== NOTICES_FILE).sort();
  } catch (e) {
    return err([{ file: dir, message: `map met flows niet leesbaar: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  if (files.length === 0) return err([{ file: dir, message: 'geen flow-bestanden (*.yaml) gevonden' }]);

  const problems: FlowProblem[] = [];
  const sources = readSources(dir);
  if (!sources.ok) problems.push(...sources.error);
  const shared = readSharedNodes(dir);
  if (!shared.ok) problems.push(...shared.error);
  const sharedNodes = shared.ok ? shared.value : new Map<string, SharedDefinition>();
  const flows: ReadFlow[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const result = readFlowFile(file, readFileSync(file, 'utf8'), sharedNodes);
    if (result.ok) flows.push(result.value);
    else problems.push(...result.error);
  }
  const search = readSearchContent(dir);
  if (!search.ok) problems.push(...search.error);
  problems.push(...crossFlowProblems(flows), ...continueInProblems(flows, new Set(files.map((f) => f.replace(/\.ya?ml$/, '')))));
  const written = writtenNodes(flows, sharedNodes);
  if (problems.length === 0) problems.push(...unusedSharedNodes(flows, sharedNodes));
  if (sources.ok) problems.push(...sourceProblems(written, sources.value));
  if (options.lint && sources.ok) {
    const texts = [...sources.value.values()].map((d) => d.text.replaceAll('->', '→'));
    const attested = (path: readonly string[]): boolean => texts.some((t) => t.includes(plainText(path.join(' → '))));
    problems.push(...lintFlows(flows, written, attested));
  }
  if (options.notices) {
    const notices = readNotices(dir, { timeZone: options.notices.timeZone, flowIds: new Set(flows.map((f) => f.flow.id)) });
    if (!notices.ok) problems.push(...notices.error);
  }
  if (problems.length > 0 || !sources.ok) return err(problems);
  if (!search.ok) return err(problems);
  return ok(new FlowCatalog(flows.map((f) => f.flow), new Map([...sources.value].map(([name, d]) => [name, d.title])), search.value));
}

/** Every node once, where it is written: a flow's own nodes in their flow, shared nodes in `flows/shared/`. */
function writtenNodes(flows: readonly ReadFlow[], shared: SharedNodes): WrittenNode[] {
  const own = flows.flatMap(({ file, flow, lineOf: lineAt, included }) =>
    flow.nodes.flatMap((node, index): WrittenNode[] => (included.has(index) ? [] : [{ file, node, lineOf: (path) => lineAt(['nodes', index, ...path]) }])),
  );
  return [...own, ...shared.values()];
}

/** A shared node no flow includes is content nobody sees; like an unreachable step, it is a mistake. */
function unusedSharedNodes(flows: readonly ReadFlow[], shared: SharedNodes): FlowProblem[] {
  const used = new Set(flows.flatMap((f) => [...f.included.values()].map((d) => d.node.id)));
  return [...shared.values()]
    .filter((d) => !used.has(d.node.id))
    .map((d) => ({ file: d.file, line: d.lineOf([]), nodeId: d.node.id, message: 'gedeelde stap wordt door geen flow gebruikt (- include: ' + d.node.id + ')' }));
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
function sourceProblems(nodes: readonly WrittenNode[], documents: ReadonlyMap<string, SourceDocument>): FlowProblem[] {
  return nodes.flatMap(({ file, node, lineOf: lineAt }): FlowProblem[] => {
    const document = documents.get(node.source.document);
    if (!document) return [{ file, line: lineAt(['source', 'document']), nodeId: node.id, message: `bron "${node.source.document}" staat niet in ${SOURCES_FILE}` }];
    if (document.text.includes(plainText(node.source.section))) return [];
    return [{ file, line: lineAt(['source', 'section']), nodeId: node.id, message: `sectie "${node.source.section}" staat niet letterlijk in ${node.source.document}` }];
  });
}

/**
 * "Doorverwijzen" to a procedure (`continueIn` on an end step) that does not exist, to a step that
 * procedure does not have, or to the step's own procedure: named on the line of the reference. A
 * procedure whose file has problems of its own (`files` names every flow file) is not named again.
 */
function continueInProblems(flows: readonly ReadFlow[], files: ReadonlySet<string>): FlowProblem[] {
  const byId = new Map(flows.map(({ flow }) => [flow.id, flow]));
  return flows.flatMap(({ file, flow, lineOf: lineAt }) =>
    flow.nodes.flatMap((node, index): FlowProblem[] => {
      if (node.kind !== 'end' || node.continueIn === undefined) return [];
      const { flow: to, node: toNode } = node.continueIn;
      const at = (field: string): number | undefined => lineAt(['nodes', index, 'continueIn', field]) ?? lineAt(['nodes', index]);
      const target = byId.get(to);
      if (to === flow.id) return [{ file, line: at('flow'), nodeId: node.id, message: `continueIn verwijst naar dit stappenplan zelf; verwijs naar een ander stappenplan` }];
      if (!target && files.has(to)) return [];
      if (!target) return [{ file, line: at('flow'), nodeId: node.id, message: `continueIn: stappenplan "${to}" bestaat niet (wel: ${[...files].sort().join(', ')})` }];
      if (toNode !== undefined && !target.nodes.some((n) => n.id === toNode)) return [{ file, line: at('node'), nodeId: node.id, message: `continueIn: stap "${toNode}" bestaat niet in "${to}"` }];
      return [];
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
  const phrases = new Map<string, { file: string; line: () => number | undefined; target: string }>();
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
      const owner = phrases.get(key);
      // Lines are looked up only for what a message names: most phrases have no conflict.
      if (owner !== undefined && owner.target !== target) {
        problems.push({ file, line: lineAt(path), nodeId, message: `${kind} "${phrase}" staat ook in ${where({ file: owner.file, line: owner.line() })}` });
      } else if (owner === undefined) {
        phrases.set(key, { file, line: () => lineAt(path), target });
      }
    }
  }
  return problems;
}
