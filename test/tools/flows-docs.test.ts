import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GENERATED_NOTICE } from '../../scripts/flow-docs/flow-page.js';
import { generateFlowDocs } from '../../scripts/flow-docs/generate-flow-docs.js';
import { mermaidFlowchart, mermaidText } from '../../scripts/flow-docs/mermaid-flowchart.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { runScript } from './run-script.js';
import { TempFlows } from './temp-flows.js';

const DOCS = 'docs/flows';
const copies: TempFlows[] = [];
afterEach(() => copies.splice(0).forEach((c) => c.cleanup()));

function generated(flowsDir: string, outDir: string): Map<string, string> {
  const result = generateFlowDocs({ flowsDir, outDir });
  if (!result.ok) throw new Error(`flows do not load: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('the checked-in flow docs (docs/flows)', () => {
  const pages = generated('flows', DOCS);

  it.each([...pages.keys()])('%s is up to date with flows/', (name) => {
    const file = join(DOCS, name);
    expect(existsSync(file), `${file} is missing: run \`npm run flows:docs\` and commit docs/flows`).toBe(true);
    expect(readFileSync(file, 'utf8') === pages.get(name), `${file} is out of date with flows/: run \`npm run flows:docs\` and commit docs/flows`).toBe(true);
  });

  it('has no page for a flow that no longer exists', () => {
    const stale = readdirSync(DOCS).filter((name) => name.endsWith('.md') && !pages.has(name));
    expect(stale, `pages without a flow in docs/flows: run \`npm run flows:docs\` (it removes them) and commit`).toEqual([]);
  });

  it('has one page per flow and an index that links to each', () => {
    const catalog = loadFlowCatalog('flows');
    const index = pages.get('README.md') ?? '';
    for (const flow of catalog.flows) {
      expect(pages.has(`${flow.id}.md`)).toBe(true);
      expect(index).toContain(`[${flow.title}](${flow.id}.md)`);
    }
  });

  it('lists every step with its source document title, section and Wise path', () => {
    const page = pages.get('geen-rechten-e-books.md') ?? '';
    expect(page).toContain(
      '| `rechten-check` | vraag | Controleer de rechten | Klant → Inlogaccount → Toon inlogaccount-gegevens<br>Klant → Inlogaccount → Toon inlogaccount-rechten | Inloggen - inlogproblemen (maart 2026) › “Controleer of de rechten goed staan” | Geen inlogaccount gekoppeld → `koppel`<br>Wel inlogaccount gekoppeld → `juiste-account` |',
    );
    expect(page).toContain('```mermaid\nflowchart TD\n');
    expect(page).toContain('n5 -->|"Geen inlogaccount<br/>gekoppeld"| n6');
  });

  it('marks a step written once in flows/shared/ with a link to that file, in every flow that includes it', () => {
    for (const name of ['klant-kan-niet-inloggen.md', 'geen-rechten-e-books.md', 'inactief-inlogaccount.md']) {
      expect(pages.get(name), name).toContain('| `collega-check`<br>gedeeld: [`flows/shared/collega-of-vrijwilliger.yaml`](../../flows/shared/collega-of-vrijwilliger.yaml) |');
    }
  });
});

describe('npm run flows:docs after a content editor changed a flow', () => {
  it('shows the new wording in the page and the diagram', () => {
    const flows = copyOf();
    flows.edit('inactief-inlogaccount.yaml', 'title: Activeer het inlogaccount', 'title: Zet het inlogaccount op "Actief" (#1; niet 2)');
    const out = join(flows.root, 'docs');
    const run = runScript('flows-docs', ['--dir', flows.dir, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.lines.at(-1)).toBe(`Geschreven: 6 pagina's in ${out}`);
    const page = readFileSync(join(out, 'inactief-inlogaccount.md'), 'utf8');
    expect(page.startsWith(GENERATED_NOTICE)).toBe(true);
    expect(page).toContain('| `activeer` | instructie | Zet het inlogaccount op "Actief" (#1; niet 2) |');
    expect(page).toContain('"Zet het inlogaccount op<br/>#quot;Actief#quot; (#35;1#59; niet 2)<br/>(activeer)"');
    expect(page).not.toContain('title: Activeer het inlogaccount');
  });

  it('removes the page of a deleted flow and refuses to write docs for broken flows', () => {
    const flows = copyOf();
    const out = join(flows.root, 'docs');
    expect(runScript('flows-docs', ['--dir', flows.dir, '--out', out]).status).toBe(0);
    flows.remove('stroomschemas.yaml');
    const run = runScript('flows-docs', ['--dir', flows.dir, '--out', out]);
    expect(run.lines).toContain(`Verwijderd: ${join(out, 'stroomschemas.md')}`);
    expect(existsSync(join(out, 'stroomschemas.md'))).toBe(false);

    flows.edit('inactief-inlogaccount.yaml', 'next: vernieuw-kb\n', 'next: vernieuw-kbb\n');
    const broken = runScript('flows-docs', ['--dir', flows.dir, '--out', out]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('verwijst naar node "vernieuw-kbb" die niet bestaat');
    expect(broken.lines.at(-1)).toBe('Geen documentatie gemaakt: los eerst de problemen hierboven op (npm run flows:check).');
  });
});

describe('Mermaid labels', () => {
  it('writes quotes, #, ; and other syntax characters as Mermaid entities', () => {
    expect(mermaidText('Fout "X" (code #12; <b> & `y` | z)')).toBe('Fout #quot;X#quot; (code #35;12#59; #lt;b#gt; #amp; #96;y#96; #124; z)');
  });

  it('never uses a step id as a Mermaid id, so a step called "end" cannot break the diagram', () => {
    const catalog = loadFlowCatalog('test/fixtures/flows');
    const flow = catalog.flows[0];
    if (!flow) throw new Error('fixture flow missing');
    const renamed = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'klaar' ? { ...n, id: 'end' } : n)) };
    const chart = mermaidFlowchart(renamed);
    expect(chart).toContain('n4(["Opgelost (end)"]):::opgelost');
    expect(chart).not.toMatch(/^\s*end\b/m);
  });
});

function copyOf(): TempFlows {
  const copy = new TempFlows();
  copies.push(copy);
  return copy;
}
