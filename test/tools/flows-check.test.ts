import { afterEach, describe, expect, it } from 'vitest';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { runScript } from './run-script.js';
import { TempFlows } from './temp-flows.js';

const copies: TempFlows[] = [];
afterEach(() => copies.splice(0).forEach((c) => c.cleanup()));

function copyOf(from?: string): TempFlows {
  const copy = new TempFlows(from);
  copies.push(copy);
  return copy;
}

const check = (dir: string) => runScript('flows-check', ['--dir', dir]);

describe('npm run flows:check, as a content editor runs it after editing a flow', () => {
  it('says OK with the number of flows and steps when every flow is fine', () => {
    const catalog = loadFlowCatalog('flows');
    const nodes = catalog.flows.reduce((sum, f) => sum + f.nodes.length, 0);
    const run = runScript('flows-check', []);
    expect(run.lines).toEqual([`OK: ${catalog.flows.length} flows, ${nodes} nodes`]);
    expect(run.status).toBe(0);
  });

  it('names file, line and step of a button that points to a step that does not exist, and exits 1', () => {
    const flows = copyOf();
    flows.edit('klant-kan-niet-inloggen.yaml', 'label: Lukt niet, next: collega-check', 'label: Lukt niet, next: collega-chek');
    const file = flows.path('klant-kan-niet-inloggen.yaml');
    const run = check(flows.dir);
    expect(run.lines).toContain(`${file}:${flows.lineOf('klant-kan-niet-inloggen.yaml', '- id: zelfhulp')}  zelfhulp  "Lukt niet" verwijst naar node "collega-chek" die niet bestaat`);
    expect(run.lines.at(-1)).toBe('1 probleem gevonden');
    expect(run.status).toBe(1);
  });

  it('finds a step nobody can reach', () => {
    const flows = copyOf();
    flows.edit(
      'inactief-inlogaccount.yaml',
      '  - id: opgelost\n',
      '  - id: vergeten-stap\n    kind: end\n    outcome: opgelost\n    title: Vergeten stap\n    source: { document: 001_aa782606bf296214.txt, section: Inactief inlogaccount }\n\n  - id: opgelost\n',
    );
    const run = check(flows.dir);
    expect(run.lines).toContain(`${flows.path('inactief-inlogaccount.yaml')}:${flows.lineOf('inactief-inlogaccount.yaml', '- id: vergeten-stap')}  vergeten-stap  onbereikbaar vanaf de start`);
    expect(run.status).toBe(1);
  });

  it('finds a dead end: a step from which no end can be reached', () => {
    const flows = copyOf('test/fixtures/flows');
    flows.edit('proef.yaml', '{ id: ja, label: Nu wel rechten, next: klaar }', '{ id: ja, label: Nu wel rechten, next: doe-iets, loop: true }');
    flows.edit('proef.yaml', '{ id: nee, label: Nog geen rechten, next: niet-klaar }', '{ id: nee, label: Nog geen rechten, next: doe-iets, loop: true }');
    const run = check(flows.dir);
    expect(run.lines).toContain(`${flows.path('proef.yaml')}:${flows.lineOf('proef.yaml', '- id: controle')}  controle  loopt dood: van hier is geen einde te bereiken`);
    expect(run.status).toBe(1);
  });

  it('finds a step without a source, on that step', () => {
    const flows = copyOf('test/fixtures/flows');
    flows.edit('proef.yaml', '    source: { document: 000_6fed7dc7d090f00a.txt, section: Autoriseer inlogaccount }\n    next: controle', '    next: controle');
    const run = check(flows.dir);
    expect(run.lines).toContain(
      `${flows.path('proef.yaml')}:${flows.lineOf('proef.yaml', '- id: doe-iets')}  doe-iets  nodes.1.source: bron ontbreekt: elke stap noemt zijn brondocument en sectie, bijvoorbeeld source: { document: 000_x.txt, section: Check rechten }`,
    );
    expect(run.status).toBe(1);
  });

  it('finds a source document that is not in sources.json, on the line of that source', () => {
    const flows = copyOf();
    flows.edit('geen-rechten-e-books.yaml', '{ document: 000_6fed7dc7d090f00a.txt, section: "Compleet rechten" }', '{ document: 002_nieuw.txt, section: "Compleet rechten" }');
    const before = flows.lineOf('geen-rechten-e-books.yaml', '002_nieuw.txt');
    const run = check(flows.dir);
    expect(run.lines).toContain(`${flows.path('geen-rechten-e-books.yaml')}:${before}  geen-compleet  bron "002_nieuw.txt" staat niet in sources.json`);
    expect(run.status).toBe(1);
  });

  it('finds a trigger phrase that is also in another flow, on the line of that phrase', () => {
    const flows = copyOf();
    flows.edit('geen-rechten-e-books.yaml', '    - geen rechten e-books\n', '    - geen rechten e-books\n    - Kan niet inloggen\n');
    const run = check(flows.dir);
    const other = `${flows.path('geen-rechten-e-books.yaml')}:${flows.lineOf('geen-rechten-e-books.yaml', '- Kan niet inloggen')}`;
    expect(run.lines).toContain(
      `${flows.path('klant-kan-niet-inloggen.yaml')}:${flows.lineOf('klant-kan-niet-inloggen.yaml', '    - kan niet inloggen')}  -  trigger "kan niet inloggen" staat ook in ${other}`,
    );
    expect(run.status).toBe(1);
  });

  it('checks flows/synonyms.yaml too: a group of one word, on its line', () => {
    const flows = copyOf();
    flows.edit('synonyms.yaml', '  - [kb, koninklijke bibliotheek, single identity]', '  - [kb, koninklijke bibliotheek, single identity]\n  - [balie]');
    const run = check(flows.dir);
    expect(run.lines).toContain(`${flows.path('synonyms.yaml')}:${flows.lineOf('synonyms.yaml', '[balie]')}  -  synoniemgroep 37 heeft minstens twee woorden of zinnen nodig`);
    expect(run.status).toBe(1);
  });

  it('refuses a link that is not https, on the line of the link', () => {
    const flows = copyOf();
    flows.edit('klant-kan-niet-inloggen.yaml', 'url: https://www.bibliotheek.nl/hulp-bij-inloggen.html', 'url: http://www.bibliotheek.nl/hulp-bij-inloggen.html');
    const run = check(flows.dir);
    expect(run.lines).toContain(
      `${flows.path('klant-kan-niet-inloggen.yaml')}:${flows.lineOf('klant-kan-niet-inloggen.yaml', 'url: http://www.bibliotheek.nl')}  zelfhulp  nodes.0.links.0.url: links moeten met https:// beginnen`,
    );
    expect(run.status).toBe(1);
  });

  it('checks another folder with --dir and says when it cannot be read', () => {
    const run = check('flows-bestaat-niet');
    expect(run.lines[0]).toMatch(/^flows-bestaat-niet {2}- {2}map met flows niet leesbaar: /);
    expect(run.status).toBe(1);
  });

  it('explains its usage for an unknown option', () => {
    const run = runScript('flows-check', ['--folder', 'flows']);
    expect(run.stderr).toContain('usage: tsx scripts/flows-check.ts [--dir <folder with flows>]');
    expect(run.status).toBe(1);
  });
});
