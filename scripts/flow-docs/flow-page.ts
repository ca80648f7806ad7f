import { edgesOf } from '../../src/troubleshooting/flow-graph.js';
import type { FlowCatalog } from '../../src/troubleshooting/flow-catalog.js';
import type { Flow, FlowNode } from '../../src/troubleshooting/flow-schema.js';
import { cell, code, table } from './markdown.js';
import { mermaidFlowchart } from './mermaid-flowchart.js';

/** The first line of every generated page, so nobody edits one by hand. */
export const GENERATED_NOTICE = '<!-- Gegenereerd met `npm run flows:docs`. Niet met de hand aanpassen: wijzig de flow in flows/ en genereer opnieuw. -->';

const KIND: Readonly<Record<FlowNode['kind'], string>> = { question: 'vraag', instruction: 'instructie', end: 'einde' };

const wisePath = (path: readonly string[]): string => cell(path.join(' → '));

/** Every Wise menu path a step names: the step's own, then those of its numbered instructions. */
function wisePaths(node: FlowNode): string {
  const paths = [node.wise, ...(node.steps ?? []).map((s) => s.wise)].filter((p): p is string[] => p !== undefined);
  return paths.length === 0 ? '' : paths.map(wisePath).join('<br>');
}

function buttons(flow: Flow, node: FlowNode): string {
  if (node.kind === 'end') return `uitkomst: ${node.outcome}`;
  return edgesOf(node)
    .map((e) => `${cell(e.label)} → ${code(e.next)}${e.loop ? ' (opnieuw controleren)' : ''}`)
    .join('<br>');
}

const fileLink = (link: string): string => `[${code(link.replace(/^(\.\.\/)+/, ''))}](${link})`;

/**
 * One flow's page for content editors: what starts it, the flowchart of its steps and buttons,
 * and a table of the steps with the seed document and section each comes from and its Wise paths.
 * A step written once in `flows/shared/` links to that file (`sharedLinks`: node id → link).
 */
export function flowPage(flow: Flow, catalog: FlowCatalog, yamlLink: string, sharedLinks: ReadonlyMap<string, string> = new Map()): string {
  const rows = flow.nodes.map((node) => [
    sharedLinks.has(node.id) ? `${code(node.id)}<br>gedeeld: ${fileLink(sharedLinks.get(node.id) ?? '')}` : code(node.id),
    node.id === flow.start ? `${KIND[node.kind]} (start)` : KIND[node.kind],
    cell(node.title),
    wisePaths(node),
    cell(catalog.sourceLine(node.source)),
    buttons(flow, node),
  ]);
  const codes = flow.triggers.errorCodes;
  return [
    GENERATED_NOTICE,
    '',
    `# ${flow.title}`,
    '',
    `${cell(flow.description)}`,
    '',
    `- Bestand: ${fileLink(yamlLink)}`,
    `- Versie: ${flow.version}`,
    `- Stappen: ${flow.nodes.length}`,
    `- Start als iemand typt: ${flow.triggers.phrases.map((p) => `“${cell(p)}”`).join(', ')}`,
    ...(codes.length > 0 ? [`- Foutcodes: ${codes.map(code).join(', ')}`] : []),
    '',
    '## Stroomschema',
    '',
    'Zeshoek: vraag · rechthoek: instructie · afgerond: einde (groen opgelost, rood niet opgelost, geel doorverwijzen) · stippellijn: opnieuw controleren.',
    '',
    '```mermaid',
    mermaidFlowchart(flow),
    '```',
    '',
    '## Stappen',
    '',
    table(['stap', 'soort', 'titel', 'Wise', 'bron', 'knoppen → volgende stap'], rows),
    '',
  ].join('\n');
}
