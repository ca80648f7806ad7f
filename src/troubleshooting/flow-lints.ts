import type { FlowProblem } from './flow-problem.js';
import type { Flow, FlowNode, SharedNode } from './flow-schema.js';
import type { LineOf } from './yaml-document.js';

/**
 * Wording rules for what staff read on a card, checked by `npm run flows:check` (not at start-up:
 * a clumsy sentence should not keep the bot from starting). Each rule comes from the content
 * review (issue 14): a card says one thing once, a question has answers, an action has "Gedaan",
 * a button fits on a phone, no English jargon, and a Wise menu path is written as the staff
 * instructions write it.
 */

/** A flow as written in its file: `lineOf` takes a path from the top of the file. */
export interface WrittenFlow {
  readonly file: string;
  readonly flow: Flow;
  readonly lineOf: LineOf;
}

/** A node where it is written (in its flow, or once in `flows/shared/`): `lineOf` takes a path inside the node. */
export interface WrittenNode {
  readonly file: string;
  readonly node: FlowNode | SharedNode;
  readonly lineOf: LineOf;
}

/** Longest button text that fits a phone (Teams mobile, 320 px) without being cut off. */
export const MAX_BUTTON_CHARS = 30;

/** English words staff should not have to read, and the Dutch word to use. */
export const ENGLISH_JARGON: Readonly<Record<string, string>> = {
  flow: 'stappenplan',
  flows: 'stappenplannen',
  workflow: 'werkwijze',
  flowchart: 'stroomschema',
  step: 'stap',
  steps: 'stappen',
  user: 'gebruiker',
  username: 'gebruikersnaam',
  password: 'wachtwoord',
  ticket: 'melding',
};

const JARGON = new RegExp(`\\b(${Object.keys(ENGLISH_JARGON).join('|')})\\b`, 'i');
/** Domain names and error codes (login.kb.nl, AUTHENTICATION.LOGOUT_DETECTED) are not words to translate. */
const DOTTED = /[\p{L}\p{N}-]+(?:[._][\p{L}\p{N}-]+)+/gu;

const same = (a: string, b: string): boolean => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/** Every wording problem in the flows and the nodes they are written with. */
export function lintFlows(flows: readonly WrittenFlow[], nodes: readonly WrittenNode[], attested: (wisePath: readonly string[]) => boolean): FlowProblem[] {
  return [...flows.flatMap(lintFlow), ...nodes.flatMap((n) => lintNode(n, attested))];
}

function lintFlow({ file, flow, lineOf }: WrittenFlow): FlowProblem[] {
  const problems: FlowProblem[] = [];
  if (flow.title.length > MAX_BUTTON_CHARS) {
    problems.push({ file, line: lineOf(['title']), message: `titel "${flow.title}" is ${flow.title.length} tekens en staat als knop in het menu; hoogstens ${MAX_BUTTON_CHARS} past op een telefoon` });
  }
  for (const key of ['title', 'description'] as const) {
    const word = jargonIn(flow[key]);
    if (word) problems.push({ file, line: lineOf([key]), message: jargonMessage(word) });
  }
  return problems;
}

function lintNode({ file, node, lineOf }: WrittenNode, attested: (wisePath: readonly string[]) => boolean): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const add = (path: readonly PropertyKey[], message: string): void => {
    problems.push({ file, line: lineOf(path), nodeId: node.id, message });
  };
  const button = (path: readonly PropertyKey[], title: string): void => {
    if (title.length > MAX_BUTTON_CHARS) add(path, `knoptekst "${title}" is ${title.length} tekens; hoogstens ${MAX_BUTTON_CHARS} past op een telefoon`);
  };

  if (node.kind === 'question') {
    if (node.answers.every((a) => /^gedaan\b/i.test(a.label.trim()))) {
      add(['answers'], 'vraag met alleen "Gedaan" als antwoord: maak er een instructie van (kind: instruction) of geef antwoorden op de vraag');
    }
    if (same(node.title, node.question)) add(['question'], 'titel en vraag zijn gelijk, dus de kaart toont hetzelfde twee keer: geef de stap een titel die zegt waar hij over gaat');
    node.answers.forEach((a, i) => button(['answers', i, 'label'], a.label));
  }
  if (node.kind === 'instruction') {
    if (node.title.trim().endsWith('?')) add(['title'], 'instructie met een vraag als titel: een actie zegt wat je doet (knop "Gedaan"); stel een vraag als kind: question met antwoorden');
    if (node.continueLabel !== undefined) button(['continueLabel'], node.continueLabel);
  }
  (node.links ?? []).forEach((l, i) => button(['links', i, 'title'], l.title));

  if (node.steps?.length === 1) add(['steps'], 'genummerde lijst met één stap: schrijf die als zin in text, met het Wise-pad als wise van de stap');
  if (node.text !== undefined && hasOneItemList(node.text)) add(['text'], 'lijst met één punt: schrijf het als zin');

  (node.warnings ?? []).forEach((w, i) => {
    if (/^\p{Lu}\p{Ll}/u.test(w)) add(['warnings', i], `de kaart zet "Let op:" voor een waarschuwing: begin met een kleine letter ("${w.charAt(0).toLowerCase()}${w.slice(1, 20)}…")`);
    if (w.includes(':')) add(['warnings', i], 'de kaart zet "Let op:" voor een waarschuwing: een tweede dubbele punt in die zin leest slecht, gebruik een punt of komma');
  });

  for (const { path, text } of shownTexts(node)) {
    const word = jargonIn(text);
    if (word) add(path, jargonMessage(word));
  }

  const paths: Array<{ path: readonly PropertyKey[]; wise: readonly string[] }> = [];
  if (node.wise) paths.push({ path: ['wise'], wise: node.wise });
  (node.steps ?? []).forEach((s, i) => {
    if (s.wise) paths.push({ path: ['steps', i, 'wise'], wise: s.wise });
  });
  for (const { path, wise } of paths) {
    if (!attested(wise)) add(path, `Wise-pad "${wise.join(' → ')}" staat zo niet in de brondocumenten (flows/sources.json): schrijf het menu-item zoals de instructie het noemt`);
  }
  return problems;
}

/** Every text of a node a staff member reads, with its path in the node. */
function shownTexts(node: FlowNode | SharedNode): Array<{ path: readonly PropertyKey[]; text: string }> {
  const texts: Array<{ path: readonly PropertyKey[]; text: string }> = [{ path: ['title'], text: node.title }];
  if (node.text !== undefined) texts.push({ path: ['text'], text: node.text });
  (node.steps ?? []).forEach((s, i) => texts.push({ path: ['steps', i, 'text'], text: s.text }));
  (node.facts ?? []).forEach((f, i) => texts.push({ path: ['facts', i], text: `${f.name} ${f.value}` }));
  (node.warnings ?? []).forEach((w, i) => texts.push({ path: ['warnings', i], text: w }));
  (node.links ?? []).forEach((l, i) => texts.push({ path: ['links', i, 'title'], text: l.title }));
  if (node.kind === 'question') {
    texts.push({ path: ['question'], text: node.question });
    node.answers.forEach((a, i) => texts.push({ path: ['answers', i, 'label'], text: a.label }));
  }
  if (node.kind === 'instruction' && node.continueLabel !== undefined) texts.push({ path: ['continueLabel'], text: node.continueLabel });
  return texts;
}

function jargonIn(text: string): string | undefined {
  return JARGON.exec(text.replace(DOTTED, ' '))?.[1];
}

function jargonMessage(word: string): string {
  return `Engels vakjargon "${word}": schrijf "${ENGLISH_JARGON[word.toLowerCase()] ?? '?'}"`;
}

/** A Markdown list (lines starting with "- " or "1. ") of a single item, as its own paragraph. */
function hasOneItemList(text: string): boolean {
  return text.split(/\n\s*\n/).some((block) => {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    return lines.length === 1 && /^\s*(?:[-*]|\d+\.)\s/.test(lines[0] ?? '');
  });
}
