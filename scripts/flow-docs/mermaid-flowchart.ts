import { edgesOf } from '../../src/troubleshooting/flow-graph.js';
import type { Flow, FlowNode } from '../../src/troubleshooting/flow-schema.js';

/**
 * Characters Mermaid reads as syntax even inside a quoted label, written as Mermaid entity codes
 * (`#quot;`, `#35;`): a quote ends the label, `#…;` starts an entity, `;` ends a statement.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '"': '#quot;',
  '#': '#35;',
  ';': '#59;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
  '|': '#124;',
};

/** Text safe inside a quoted Mermaid label: entities for syntax characters, no line breaks. */
export function mermaidText(text: string): string {
  return [...text.replace(/\s+/g, ' ').trim()].map((ch) => ENTITIES[ch] ?? ch).join('');
}

/** A quoted label, wrapped at word boundaries so long step titles do not make metre-wide boxes. */
export function mermaidLabel(text: string, width = 30): string {
  return `"${wrap(text, width).map(mermaidText).join('<br/>')}"`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Node shapes: a question is a hexagon, an instruction a box, an end a stadium. */
function shape(node: FlowNode, label: string): string {
  switch (node.kind) {
    case 'question':
      return `{{${label}}}`;
    case 'instruction':
      return `[${label}]`;
    case 'end':
      return `([${label}])`;
  }
}

const CLASS_DEFS = [
  'classDef start fill:#f3f2f1,stroke:#605e5c,color:#252424',
  'classDef vraag fill:#e8ebfa,stroke:#5b5fc7,color:#252424',
  'classDef instructie fill:#ffffff,stroke:#605e5c,color:#252424',
  'classDef opgelost fill:#e7f5e3,stroke:#107c10,color:#252424',
  'classDef nietopgelost fill:#fde7e9,stroke:#c4314b,color:#252424',
  'classDef doorverwijzen fill:#fff4ce,stroke:#c19c00,color:#252424',
];

function className(node: FlowNode): string {
  switch (node.kind) {
    case 'question':
      return 'vraag';
    case 'instruction':
      return 'instructie';
    case 'end':
      return node.outcome.replace('-', '');
  }
}

/**
 * The flow as a Mermaid flowchart (GitHub renders it): one shape per node, one arrow per button
 * with the button's text, dotted arrows for "controleer opnieuw" loops. Node ids become n1, n2, …
 * because Mermaid reserves words like `end` and reads `--` as an arrow.
 */
export function mermaidFlowchart(flow: Flow): string {
  const ref = new Map(flow.nodes.map((node, i) => [node.id, `n${i + 1}`]));
  const lines = ['flowchart TD', `  start(["Start"]):::start --> ${ref.get(flow.start) ?? 'start'}`];
  for (const node of flow.nodes) {
    lines.push(`  ${ref.get(node.id) ?? node.id}${shape(node, mermaidLabel(`${node.title} (${node.id})`))}:::${className(node)}`);
  }
  for (const node of flow.nodes) {
    for (const edge of edgesOf(node)) {
      const arrow = edge.loop ? '-.->' : '-->';
      lines.push(`  ${ref.get(node.id) ?? node.id} ${arrow}|${mermaidLabel(edge.label, 24)}| ${ref.get(edge.next) ?? edge.next}`);
    }
  }
  lines.push(...CLASS_DEFS.map((c) => `  ${c}`));
  return lines.join('\n');
}
