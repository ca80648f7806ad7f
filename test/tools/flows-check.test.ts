import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { MAX_BUTTON_CHARS } from '../../src/troubleshooting/flow-lints.js';
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

  it('checks the notices in notices.yaml: an unknown procedure and an end before the start, on their lines', () => {
    const flows = copyOf();
    writeFileSync(
      flows.path('notices.yaml'),
      'schemaVersion: 1\nnotices:\n  - id: kb-storing\n    text: Inloggen bij de KB is verstoord.\n    from: 2026-11-30 09:00\n    until: 2026-11-30 08:00\n    flows: [klant-kan-niet-inlogen]\n',
    );
    const file = flows.path('notices.yaml');
    const run = check(flows.dir);
    expect(run.lines).toEqual([
      `${file}:6  -  until (2026-11-30 08:00) moet na from (2026-11-30 09:00) liggen`,
      `${file}:7  -  stappenplan "klant-kan-niet-inlogen" bestaat niet (kies een id uit flows/*.yaml)`,
      '2 problemen gevonden',
    ]);
    expect(run.status).toBe(1);
  });

  it('checks a flow\'s change notes against its version', () => {
    const flows = copyOf('test/fixtures/flows');
    flows.edit('proef.yaml', 'version: 1\n', 'version: 1\nchanges:\n  - { version: 2, date: 2026-11-20, note: Nog niet uitgebracht. }\n');
    const run = check(flows.dir);
    expect(run.lines).toContain(`${flows.path('proef.yaml')}:6  -  wijziging voor versie 2, maar de flow heeft versie 1`);
    expect(run.status).toBe(1);
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

  it('finds a card button without its verb or without its fallback, in the card template (Teams would refuse the click)', () => {
    const cards = mkdtempSync(join(tmpdir(), 'baliewijzer-cards-'));
    try {
      cpSync('cards', cards, { recursive: true });
      const step = join(cards, 'step.json');
      const template = readFileSync(step, 'utf8');
      const noVerb = template.replace('"verb": "${data.action}",\n          "style": "positive",', '"style": "positive",');
      const noFallback = noVerb.replace(/,\n\s*"fallback": \{ "type": "Action.Submit", "title": "\$\{title\}", "data": "\$\{data\}" \}/, '');
      expect(noFallback).not.toBe(noVerb);
      writeFileSync(step, noFallback);
      const body = (JSON.parse(template) as { body: Array<{ $data?: string; $when?: string }> }).body;
      const answers = body.findIndex((e) => e.$data === '${answers}');
      const navigation = body.findIndex((e) => e.$when === '${count(navigation) > 0}');
      const run = runScript('flows-check', ['--cards', cards]);
      expect(run.lines).toEqual([
        `${step}  $.body[${answers}].actions[0]  Action.Execute "\${title}" zonder verb: Teams weigert de klik`,
        `${step}  $.body[${navigation}].actions[0]  Action.Execute "\${title}" zonder Action.Submit als fallback: oudere Teams-apps tonen de knop dan niet`,
        '2 problemen gevonden',
      ]);
      expect(run.status).toBe(1);
    } finally {
      rmSync(cards, { recursive: true, force: true });
    }
  });

  it('explains its usage for an unknown option', () => {
    const run = runScript('flows-check', ['--folder', 'flows']);
    expect(run.stderr).toContain('usage: tsx scripts/flows-check.ts [--dir <folder with flows>]');
    expect(run.status).toBe(1);
  });
});

/**
 * The wording rules of issue 14 (item 18), as a content editor meets them: each broken on
 * purpose in a copy of the real flows, found on its own line. The real flows pass them all
 * (the "OK" test above).
 */
describe('npm run flows:check on the wording staff read', () => {
  /** Runs flows:check on the copy; its problem lines, with the copy's folder left out. */
  const lintsOf = (flows: TempFlows): { lines: string[]; status: number | null } => {
    const run = check(flows.dir);
    return { lines: run.lines.map((l) => l.replaceAll(`${flows.dir}/`, '')), status: run.status };
  };

  it.each([
    {
      rule: 'a question whose answers are only "Gedaan"',
      file: 'inactief-inlogaccount.yaml',
      from: '      - { id: lukt, label: Inloggen lukt, next: opgelost }\n      - { id: lukt-niet, label: Lukt nog niet, next: naar-hoofdflow }',
      to: '      - { id: lukt, label: Gedaan, next: opgelost }\n      - { id: lukt-niet, label: "Gedaan, volgende stap", next: naar-hoofdflow }',
      at: '{ id: lukt, label: Gedaan',
      node: 'controle',
      message: 'vraag met alleen "Gedaan" als antwoord: maak er een instructie van (kind: instruction) of geef antwoorden op de vraag',
    },
    {
      rule: 'an action titled as a question (issue 14: "Logt de klant in met het juiste account?" with only "Gedaan")',
      file: 'geen-rechten-e-books.yaml',
      from: 'title: Controleer het account waarmee de klant inlogt',
      to: 'title: Logt de klant in met het juiste account?',
      at: 'title: Logt de klant in met het juiste account?',
      node: 'juiste-account',
      message: 'instructie met een vraag als titel: een actie zegt wat je doet (knop "Gedaan"); stel een vraag als kind: question met antwoorden',
    },
    {
      rule: 'a title equal to the question',
      file: 'inactief-inlogaccount.yaml',
      from: 'title: Inloggen op de website',
      to: 'title: Kan de klant nu inloggen?',
      at: 'question: Kan de klant nu inloggen?',
      node: 'controle',
      message: 'titel en vraag zijn gelijk, dus de kaart toont hetzelfde twee keer: geef de stap een titel die zegt waar hij over gaat',
    },
    {
      rule: 'a numbered list of one step',
      file: 'geen-rechten-e-books.yaml',
      from: '    wise: [Klant, Inlogaccount, Activeer inlogaccount]\n',
      to: '    steps:\n      - text: Activeer het inlogaccount.\n        wise: [Klant, Inlogaccount, Activeer inlogaccount]\n',
      at: '- text: Activeer het inlogaccount.',
      node: 'activeer',
      message: 'genummerde lijst met één stap: schrijf die als zin in text, met het Wise-pad als wise van de stap',
    },
    {
      rule: 'a Markdown list of one item in a text',
      file: 'stroomschemas.yaml',
      from: '      - Balie: lid worden\n',
      to: '      - Balie: lid worden\n\n      - Uitleg voor de balie\n',
      at: 'text: |-',
      node: 'overzicht',
      message: 'lijst met één punt: schrijf het als zin',
    },
    {
      rule: `an answer button over ${MAX_BUTTON_CHARS} characters`,
      file: 'inactief-inlogaccount.yaml',
      from: 'label: "Ja, weet gebruikersnaam"',
      to: 'label: "Ja, de klant weet de gebruikersnaam nog"',
      at: 'Ja, de klant weet de gebruikersnaam nog',
      node: 'melding',
      message: `knoptekst "Ja, de klant weet de gebruikersnaam nog" is 39 tekens; hoogstens ${MAX_BUTTON_CHARS} past op een telefoon`,
    },
    {
      rule: 'a flow title too long for its menu button (issue 14: 425 px in a 414 px area)',
      file: 'authentication-logout-detected.yaml',
      from: 'title: Foutmelding LOGOUT_DETECTED',
      to: 'title: Foutmelding AUTHENTICATION.LOGOUT_DETECTED',
      at: 'title: Foutmelding AUTHENTICATION.LOGOUT_DETECTED',
      node: '-',
      message: `titel "Foutmelding AUTHENTICATION.LOGOUT_DETECTED" is 42 tekens en staat als knop in het menu; hoogstens ${MAX_BUTTON_CHARS} past op een telefoon`,
    },
    {
      rule: 'English jargon',
      file: 'authentication-logout-detected.yaml',
      from: 'text: Ga verder in het stappenplan "Klant kan niet inloggen"',
      to: 'text: Ga verder in de flow "Klant kan niet inloggen"',
      at: 'text: Ga verder in de flow',
      node: 'naar-hoofdflow',
      message: 'Engels vakjargon "flow": schrijf "stappenplan"',
    },
    {
      rule: 'a Wise menu path the seed documents do not write (issue 14: "Genereer inlogaccount")',
      file: 'inactief-inlogaccount.yaml',
      from: 'wise: [Klant, Inlogaccount, Genereer / koppel inlogaccount]',
      to: 'wise: [Klant, Inlogaccount, Genereer inlogaccount]',
      at: 'wise: [Klant, Inlogaccount, Genereer inlogaccount]',
      node: 'genereer',
      message: 'Wise-pad "Klant → Inlogaccount → Genereer inlogaccount" staat zo niet in de brondocumenten (flows/sources.json): schrijf het menu-item zoals de instructie het noemt',
    },
    {
      rule: 'a warning that starts with a capital after "Let op:"',
      file: 'stroomschemas.yaml',
      from: '      - sommige onderdelen worden niet gebruikt',
      to: '      - Sommige onderdelen worden niet gebruikt',
      at: '- Sommige onderdelen',
      node: 'overzicht',
      message: 'de kaart zet "Let op:" voor een waarschuwing: begin met een kleine letter ("sommige onderdelen w…")',
    },
    {
      rule: 'a second colon in a warning ("Let op: …: …")',
      file: 'stroomschemas.yaml',
      from: '      - sommige onderdelen worden niet gebruikt in de Bind bibliotheken.',
      to: '      - "sommige onderdelen: niet in de Bind bibliotheken."',
      at: 'sommige onderdelen: niet',
      node: 'overzicht',
      message: 'de kaart zet "Let op:" voor een waarschuwing: een tweede dubbele punt in die zin leest slecht, gebruik een punt of komma',
    },
  ])('finds $rule, on its line', ({ file, from, to, at, node, message }) => {
    const flows = copyOf();
    flows.edit(file, from, to);
    const run = lintsOf(flows);
    expect(run.lines).toEqual([`${file}:${flows.lineOf(file, at)}  ${node}  ${message}`, '1 probleem gevonden']);
    expect(run.status).toBe(1);
  });

  it('finds a wording problem in a shared node once, in its shared file, not in each flow that includes it', () => {
    const flows = copyOf();
    const file = 'shared/collega-of-vrijwilliger.yaml';
    flows.edit(file, 'title: Klant, collega of vrijwilliger?', 'title: Is de klant een collega of vrijwilliger?');
    const run = lintsOf(flows);
    expect(run.lines).toEqual([
      `${file}:${flows.lineOf(file, 'question: Is de klant een collega of vrijwilliger?')}  collega-check  titel en vraag zijn gelijk, dus de kaart toont hetzelfde twee keer: geef de stap een titel die zegt waar hij over gaat`,
      '1 probleem gevonden',
    ]);
  });

  it('leaves wording to flows:check: the bot still starts with a flow that breaks a wording rule', () => {
    const flows = copyOf();
    flows.edit('authentication-logout-detected.yaml', 'text: Ga verder in het stappenplan "Klant kan niet inloggen"', 'text: Ga verder in de flow "Klant kan niet inloggen"');
    expect(loadFlowCatalog(flows.dir).flow('authentication-logout-detected')?.nodes.find((n) => n.id === 'naar-hoofdflow')?.text).toContain('Ga verder in de flow');
  });
});
