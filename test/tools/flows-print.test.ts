import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { numberSteps } from '../../scripts/flows-print/number-steps.js';
import { printablePage, type PrintInput } from '../../scripts/flows-print/print-document.js';
import { loadPrintText } from '../../scripts/flows-print/print-text.js';
import { loadMessages } from '../../src/cards/messages.js';
import { endingView } from '../../src/cards/ending-view.js';
import { edgesOf } from '../../src/troubleshooting/flow-graph.js';
import { FlowCatalog } from '../../src/troubleshooting/flow-catalog.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import type { Flow } from '../../src/troubleshooting/flow-schema.js';

const messages = loadMessages('cards');
const text = loadPrintText('cards');
/** 23 Nov 2026, 09:41 at the desk (Amsterdam). */
const GENERATED_AT = new Date('2026-11-23T08:41:00Z');

function inputFor(catalog: FlowCatalog): PrintInput {
  return { catalog, text, outcomeLabel: (o) => endingView(messages, o).label, generatedAt: GENERATED_AT };
}

function printed(catalog: FlowCatalog): Document {
  return new JSDOM(printablePage(inputFor(catalog))).window.document;
}

/** The printed procedure of a flow, as the staff member finds it from the contents. */
class PrintedProcedure {
  constructor(
    readonly flow: Flow,
    readonly section: Element,
  ) {}

  static of(document: Document, flow: Flow): PrintedProcedure {
    const section = document.getElementById(`stappenplan-${flow.id}`);
    if (!section) throw new Error(`${flow.id} is not printed`);
    return new PrintedProcedure(flow, section);
  }

  get steps(): Element[] {
    return [...this.section.querySelectorAll('article.step')];
  }

  /** The printed step of a node, by its id. */
  step(nodeId: string): Element {
    const found = this.steps.filter((s) => s.getAttribute('data-node') === nodeId);
    const [only] = found;
    if (found.length !== 1 || only === undefined) throw new Error(`${this.flow.id}/${nodeId} is printed ${found.length} times`);
    return only;
  }

  /** "Stap 7" as printed above the step. */
  numberOf(step: Element): number {
    const label = step.querySelector('.step-number')?.textContent ?? '';
    const match = /^Stap (\d+)$/.exec(label);
    if (!match) throw new Error(`"${label}" is not a step number`);
    return Number(match[1]);
  }

  /** Where each printed answer of a step leads: its label and the step the "→ stap N" (or "↺ terug naar stap N") points at. */
  answers(step: Element): Array<{ label: string; reference: string; leadsTo: Element }> {
    return [...step.querySelectorAll('.answers li')].map((li) => {
      const link = li.querySelector('a.goto');
      const reference = link?.textContent ?? '';
      const number = /stap (\d+)/.exec(reference)?.[1];
      const target = this.steps.find((s) => this.numberOf(s) === Number(number));
      if (number === undefined || target === undefined) throw new Error(`"${reference}" in ${this.flow.id} leads to no printed step`);
      expect(link?.getAttribute('href'), `the link of "${reference}" points at that step`).toBe(`#${target.id}`);
      return { label: li.querySelector('.answer')?.textContent ?? '', reference, leadsTo: target };
    });
  }
}

describe('the printed procedures (npm run flows:print), as HTML', () => {
  const catalog = loadFlowCatalog('flows');
  const document = printed(catalog);
  const procedures = catalog.flows.map((flow) => PrintedProcedure.of(document, flow));

  it.each(procedures.map((p) => [p.flow.id, p] as const))('%s: every step is printed once, with its title, numbered 1 to n from the start', (_id, procedure) => {
    const { flow } = procedure;
    expect(procedure.steps.map((s) => procedure.numberOf(s))).toEqual(flow.nodes.map((_n, i) => i + 1));
    for (const node of flow.nodes) {
      expect(procedure.step(node.id).querySelector('h3')?.textContent).toBe(node.title);
    }
    expect(procedure.numberOf(procedure.step(flow.start))).toBe(1);
  });

  it.each(procedures.map((p) => [p.flow.id, p] as const))('%s: every answer says which step comes next, and that step is the one the bot would show', (_id, procedure) => {
    for (const node of procedure.flow.nodes) {
      const step = procedure.step(node.id);
      const printedAnswers = procedure.answers(step);
      expect(printedAnswers.map((a) => [a.label, a.leadsTo.getAttribute('data-node')])).toEqual(edgesOf(node).map((e) => [e.label, e.next]));
      for (const answer of printedAnswers) {
        // Without "controleer opnieuw" loops a reader only turns forward.
        expect(procedure.numberOf(answer.leadsTo), `${node.id}: "${answer.label} ${answer.reference}"`).toBeGreaterThan(procedure.numberOf(step));
        expect(answer.reference).toBe(`→ stap ${procedure.numberOf(answer.leadsTo)}`);
      }
    }
  });

  it('prints every link with its full address visible, not only as a hyperlink', () => {
    const links = catalog.flows.flatMap((flow) => flow.nodes.flatMap((node) => (node.links ?? []).map((link) => ({ flow, node, link }))));
    expect(links.length).toBeGreaterThan(0);
    for (const { flow, node, link } of links) {
      const step = PrintedProcedure.of(document, flow).step(node.id);
      const shown = [...step.querySelectorAll('.links li')].map((li) => li.textContent);
      expect(shown).toContain(`${link.title}${link.url}`);
    }
    expect(document.body.textContent).toContain('https://czkqfo.axshare.com/?id=vvxdoz&p=inloggen&sc=3&g=1');
  });

  it('shows a step the way its card does: Wise paths, numbered instructions, facts, warnings and the Bron line', () => {
    const procedure = PrintedProcedure.of(document, flowOf(catalog, 'klant-kan-niet-inloggen'));
    const rechten = procedure.step('rechten-check');
    expect(rechten.querySelector('.wise')?.textContent).toBe('Wise Klant → Inlogaccount → Toon inlogaccount-rechten');
    expect(rechten.querySelector('.question')?.textContent).toBe('Wat zie je?');
    expect(procedure.answers(rechten).map((a) => `${a.label} ${a.reference}`)).toEqual(['Rechten aanwezig → stap 7', 'Geen rechten → stap 6', 'Gegrijsd: geen inlogaccount → stap 8']);
    expect(rechten.querySelector('.source')?.textContent).toBe('Bron: Inlogproblemen: beknopt stappenplan (maart 2026) › “Check rechten via Menu Klant”');

    const autoriseer = procedure.step('autoriseer');
    expect([...autoriseer.querySelectorAll('.instructions > li')].map((li) => li.textContent)).toEqual([
      'Autoriseer het inlogaccount.Wise Klant → Inlogaccount → Autoriseer inlogaccount',
      'Check opnieuw of er nu wel rechten zijn toegekend. Zo horen ze eruit te zien:Wise Klant → Inlogaccount → Toon inlogaccount-rechten',
    ]);
    expect([...autoriseer.querySelectorAll('.facts tr')].map((tr) => tr.textContent)).toEqual(['BasisBasis · Actief', 'OnlineBibliotheek - CompleetOnline Bibliotheek Compleet · Actief']);
    expect(autoriseer.querySelectorAll('.text p')).toHaveLength(2);

    const koppel = procedure.step('koppel');
    expect(koppel.querySelector('.warning')?.textContent).toBe('Let op: controleer goed of je de juiste KB-inlog koppelt aan de juiste actor (aandacht voor partner / kinderen / enz.).');
    expect(procedure.answers(koppel).map((a) => `${a.label} ${a.reference}`)).toEqual(['Gedaan → stap 12']);
    expect(procedure.step('koppel').querySelector('.source')?.textContent).toContain('Bron: Inloggen - inlogproblemen (maart 2026) › “koppel een bestaand account');

    const einde = procedure.step('collega-zelf');
    expect(einde.querySelector('.outcome')?.textContent).toBe('Einde: Doorverwezen');
    expect(einde.querySelectorAll('.answers li')).toHaveLength(0);

    const overzicht = PrintedProcedure.of(document, flowOf(catalog, 'stroomschemas')).step('overzicht');
    expect([...overzicht.querySelectorAll('.text li')].map((li) => li.textContent)).toContain('Self-service lid worden');
  });

  it('has a front page with the date it was made and a contents line per procedure with its version', () => {
    expect(document.querySelector('h1')?.textContent).toBe('Baliewijzer: de stappenplannen op papier');
    expect(document.querySelector('.generated')?.textContent).toBe('Gemaakt op 23 nov 2026, 09:41. Wijzigt er iets in de stappenplannen, druk dan een nieuwe versie af.');
    const rows = [...document.querySelectorAll('.contents tbody tr')];
    expect(rows.map((r) => r.querySelector('.title')?.textContent)).toEqual(catalog.flows.map((f) => f.title));
    for (const [index, flow] of catalog.flows.entries()) {
      const cells = [...(rows[index]?.querySelectorAll('td') ?? [])].map((td) => td.textContent);
      expect(cells).toEqual([`${index + 1}.`, `${flow.title}${flow.description}`, String(flow.version), String(flow.nodes.length)]);
      const procedure = PrintedProcedure.of(document, flow);
      expect(procedure.section.querySelector('.meta')?.textContent).toBe(`Versie ${flow.version} · ${flow.nodes.length} stappen`);
    }
    expect(document.documentElement.getAttribute('lang')).toBe('nl');
  });

  it('gives the contents the page each procedure starts on, once the PDF has been measured', () => {
    const pages = new Map(catalog.flows.map((flow, index) => [flow.id, 2 + index * 3]));
    const withPages = new JSDOM(printablePage(inputFor(catalog), pages)).window.document;
    expect([...withPages.querySelectorAll('.contents tbody .page')].map((td) => td.textContent)).toEqual(catalog.flows.map((_f, i) => String(2 + i * 3)));
    expect(withPages.querySelector('.contents thead')?.textContent).toContain('Blz.');
  });
});

describe('numbering the steps of a small procedure', () => {
  const proef = flowOf(loadFlowCatalog('test/fixtures/flows'), 'proef');

  it('starts at the start and follows the file wherever no step would come before one that leads to it', () => {
    const { steps } = numberSteps(proef);
    expect(steps.map((n) => n.id)).toEqual(['vraag', 'doe-iets', 'controle', 'klaar', 'niet-klaar']);
  });

  it('puts a step after every step that leads to it, even when the file lists it first', () => {
    const nodes = [...proef.nodes];
    const reordered: Flow = { ...proef, nodes: [nodes[3], nodes[0], nodes[4], nodes[2], nodes[1]].filter((n) => n !== undefined) };
    expect(numberSteps(reordered).steps.map((n) => n.id)).toEqual(['vraag', 'doe-iets', 'controle', 'klaar', 'niet-klaar']);
  });

  it('prints "controleer opnieuw" as a reference back to the step to check again', () => {
    const withLoop: Flow = {
      ...proef,
      nodes: proef.nodes.map((n) =>
        n.id === 'controle' && n.kind === 'question'
          ? { ...n, answers: [...n.answers, { id: 'opnieuw', label: 'Nog eens autoriseren', next: 'doe-iets', loop: true }] }
          : n,
      ),
    };
    const catalog = new FlowCatalog([withLoop]);
    const procedure = PrintedProcedure.of(printed(catalog), withLoop);
    expect(procedure.answers(procedure.step('controle')).map((a) => `${a.label} ${a.reference}`)).toEqual([
      'Nu wel rechten → stap 4',
      'Nog geen rechten → stap 5',
      'Nog eens autoriseren ↺ terug naar stap 2 (controleer opnieuw)',
    ]);
    expect(procedure.step('controle').querySelector('.goto-back')?.getAttribute('href')).toBe(`#${procedure.step('doe-iets').id}`);
  });

  it('prints what an editor typed as text, never as markup', () => {
    const tricky: Flow = { ...proef, title: 'Proef <b>vet</b> & "zo"', nodes: proef.nodes.map((n) => (n.id === 'vraag' ? { ...n, title: '<script>x()</script>' } : n)) };
    const document = printed(new FlowCatalog([tricky]));
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    expect(PrintedProcedure.of(document, tricky).step('vraag').querySelector('h3')?.textContent).toBe('<script>x()</script>');
    expect(document.querySelector('.procedure h2')?.textContent).toBe('1. Proef <b>vet</b> & "zo"');
  });
});

function flowOf(catalog: FlowCatalog, id: string): Flow {
  const flow = catalog.flow(id);
  if (!flow) throw new Error(`flow ${id} missing`);
  return flow;
}
