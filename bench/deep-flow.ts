import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowCatalog } from '../src/troubleshooting/flow-catalog.js';

export interface DeepFlows {
  readonly dir: string;
  readonly flowId: string;
  readonly depth: number;
  remove(): void;
}

/**
 * The flows folder plus a synthetic flow `depth` questions deep (issue 19's state-size target is
 * for 160), written to a temp folder so it loads and validates like any flow. Its ids are as long
 * as the seed flows' on average (node ids 12 characters, answer ids 9), and every step cites a
 * real source section, taken from the first node of `catalog`.
 */
export function writeDeepFlows(flowsDir: string, catalog: FlowCatalog, depth = 160): DeepFlows {
  const dir = mkdtempSync(join(tmpdir(), 'baliewijzer-bench-deep-'));
  cpSync(flowsDir, dir, { recursive: true });
  const source = catalog.flows[0]?.nodes[0]?.source;
  if (!source) throw new Error('the flows have no node to take a source from');
  const id = (i: number): string => `controle-${String(i).padStart(3, '0')}`;
  const nodes = Array.from({ length: depth }, (_, i) =>
    [
      `  - id: ${id(i + 1)}`,
      '    kind: question',
      `    title: Controle ${i + 1} van de diepe proef`,
      '    question: Lukt het nu?',
      `    source: { document: ${JSON.stringify(source.document)}, section: ${JSON.stringify(source.section)} }`,
      '    answers:',
      `      - { id: lukt-niet, label: Lukt niet, next: ${i + 1 < depth ? id(i + 2) : 'einde'} }`,
      '      - { id: opgelost, label: Opgelost, next: einde }',
    ].join('\n'),
  );
  const yaml = [
    'schemaVersion: 1',
    'id: diepe-proef',
    'title: Diepe proef',
    'version: 1',
    `description: Een synthetische stroom van ${depth} vragen diep, voor de bench.`,
    'order: 99',
    'triggers:',
    '  phrases: [diepe proef voor de bench]',
    '  errorCodes: []',
    `start: ${id(1)}`,
    'nodes:',
    ...nodes,
    '  - id: einde',
    '    kind: end',
    '    title: Einde van de diepe proef',
    '    outcome: opgelost',
    `    source: { document: ${JSON.stringify(source.document)}, section: ${JSON.stringify(source.section)} }`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'diepe-proef.yaml'), yaml);
  return { dir, flowId: 'diepe-proef', depth, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
