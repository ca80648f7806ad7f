import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { edgesOf } from '../../src/troubleshooting/flow-graph.js';
import { checkFlowDirectory, FlowLoadError, formatProblem, loadFlowCatalog, parseFlowFile } from '../../src/troubleshooting/flow-loader.js';
import { TempFlows } from '../tools/temp-flows.js';

const fixture = readFileSync('test/fixtures/flows/proef.yaml', 'utf8');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function flowDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flows-'));
  dirs.push(dir);
  cpSync('test/fixtures/flows/sources.json', join(dir, 'sources.json'));
  cpSync('test/fixtures/flows/sources', join(dir, 'sources'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const problemsOf = (file: string, text: string): string[] => {
  const result = parseFlowFile(file, text);
  return result.ok ? [] : result.error.map(formatProblem);
};

describe('flow loader', () => {
  it('loads the fixture flow', () => {
    expect(parseFlowFile('proef.yaml', fixture).ok).toBe(true);
  });

  it('reports YAML syntax errors with their line', () => {
    const [problem] = problemsOf('proef.yaml', `${fixture}\n  - id: [unclosed\n`);
    expect(problem).toMatch(/^proef\.yaml:\d+ {2}- {2}YAML-fout/);
  });

  it('names file, line and node when a node breaks the schema', () => {
    const broken = fixture.replace('    kind: instruction\n', '    kind: instructie\n');
    const problems = problemsOf('proef.yaml', broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^proef\.yaml:\d+ {2}doe-iets {2}nodes\.1\.kind: /);
    const line = Number(/:(\d+)/.exec(problems[0] ?? '')?.[1]);
    expect(broken.split('\n')[line - 1]).toContain('kind: instructie');
  });

  it('rejects a link that is not https', () => {
    const problems = problemsOf('proef.yaml', fixture.replace('https://www.bibliotheek.nl', 'http://www.bibliotheek.nl'));
    expect(problems.join('\n')).toContain('links moeten met https:// beginnen');
    expect(problems.join('\n')).toContain('doe-iets');
  });

  it('refuses a title longer than 200 characters, which a clicked card could not carry as its choice', () => {
    const long = 'Lange titel '.repeat(17).trim();
    expect(problemsOf('proef.yaml', fixture.replace('    title: Eerste vraag\n', `    title: ${long}\n`)).join('\n')).toMatch(/vraag {2}nodes\.0\.title/);
    expect(problemsOf('proef.yaml', fixture.replace('title: Proefflow\n', `title: ${long}\n`)).join('\n')).toMatch(/ {2}title: /);
    expect(problemsOf('proef.yaml', fixture.replace('title: Proefflow\n', `title: ${long.slice(0, 200)}\n`))).toEqual([]);
  });

  it('rejects a node without a source', () => {
    const problems = problemsOf('proef.yaml', fixture.replace("    source: { document: 000_6fed7dc7d090f00a.txt, section: Check rechten }\n    answers:", '    answers:'));
    expect(problems.join('\n')).toMatch(/vraag {2}nodes\.0\.source/);
  });

  it('names the node with an unknown target, on that node\'s line', () => {
    const broken = fixture.replace('next: controle', 'next: controlle');
    const problems = problemsOf('proef.yaml', broken);
    expect(problems).toEqual([expect.stringMatching(/^proef\.yaml:\d+ {2}doe-iets {2}"Gedaan" verwijst naar node "controlle" die niet bestaat$/)]);
    const line = Number(/:(\d+)/.exec(problems[0] ?? '')?.[1]);
    expect(broken.split('\n')[line - 1]).toContain('id: doe-iets');
  });

  it('requires the flow id to match the file name', () => {
    expect(problemsOf('andere-naam.yaml', fixture).join('\n')).toContain('moet gelijk zijn aan de bestandsnaam "andere-naam"');
  });

  it('finds trigger phrases used by two flows', () => {
    const second = fixture.replace('id: proef', 'id: tweede').replace('[PROEF.FOUT]', '[]').replace('testen van de motor', 'iets anders');
    const result = checkFlowDirectory(flowDir({ 'proef.yaml': fixture, 'tweede.yaml': second }));
    expect(!result.ok && result.error.map(formatProblem).join('\n')).toContain('trigger "proef probleem" staat ook in');
  });

  it('finds sources that are not in sources.json', () => {
    const result = checkFlowDirectory(flowDir({ 'proef.yaml': fixture.replaceAll('000_6fed7dc7d090f00a.txt', '999_onbekend.txt') }));
    expect(!result.ok && result.error.map(formatProblem).join('\n')).toContain('bron "999_onbekend.txt" staat niet in sources.json');
  });

  it('finds a cited section that does not stand in its source document, on the line of the section', () => {
    const result = checkFlowDirectory(flowDir({ 'proef.yaml': fixture.replace('section: Autoriseer inlogaccount }\n    next: controle', 'section: Autoriseer het account }\n    next: controle') }));
    const line = fixture.split('\n').findIndex((l) => l.includes('section: Autoriseer inlogaccount }')) + 1;
    const problems = result.ok ? [] : result.error.map(formatProblem);
    expect(problems.filter((p) => p.endsWith(`proef.yaml:${line}  doe-iets  sectie "Autoriseer het account" staat niet letterlijk in 000_6fed7dc7d090f00a.txt`))).toHaveLength(1);
  });

  it('stops start-up when a source document is missing from the folder', () => {
    const dir = flowDir({ 'proef.yaml': fixture });
    rmSync(join(dir, 'sources', '001_aa782606bf296214.txt'));
    const result = checkFlowDirectory(dir);
    expect(!result.ok && result.error.map(formatProblem).join('\n')).toMatch(/brondocument sources\/001_aa782606bf296214\.txt niet leesbaar/);
  });

  it('stops start-up with an error naming file and node', () => {
    const dir = flowDir({ 'proef.yaml': fixture.replace('next: controle', 'next: nergens') });
    expect(() => loadFlowCatalog(dir)).toThrow(FlowLoadError);
    expect(() => loadFlowCatalog(dir)).toThrow(/proef\.yaml:\d+ {2}doe-iets {2}.*"nergens"/);
  });

  it('refuses an empty flow folder', () => {
    expect(() => loadFlowCatalog(flowDir({}))).toThrow(/geen flow-bestanden/);
  });
});

/** A guard written once in shared/: "Klant" is open, each flow says where it leads. */
const guard = `schemaVersion: 1
nodes:
  - id: wacht
    kind: question
    title: Collega of klant?
    question: Is de klant een collega?
    source: { document: 000_6fed7dc7d090f00a.txt, section: Check rechten }
    answers:
      - { id: collega, label: Collega, next: zelf }
      - { id: klant, label: Klant }
  - id: zelf
    kind: end
    outcome: doorverwijzen
    title: Collega logt zelf in
    source: { document: 000_6fed7dc7d090f00a.txt, section: Check rechten }
`;
/** The fixture flow, starting with the shared guard; "Klant" goes to its first own step. */
const guarded = (includes = '  - include: wacht\n    next: { klant: vraag }\n  - include: zelf\n'): string =>
  fixture.replace('start: vraag\nnodes:\n', `start: wacht\nnodes:\n${includes}`);
/** A second flow with the same guard, leading "Klant" elsewhere. */
const second = `schemaVersion: 1
id: tweede
title: Tweede flow
version: 1
description: Een tweede flow met dezelfde vraag vooraf.
order: 2
triggers:
  phrases: [tweede probleem]
start: wacht
nodes:
  - include: wacht
    next: { klant: klaar }
  - include: zelf
  - id: klaar
    kind: end
    outcome: opgelost
    title: Opgelost
    source: { document: 000_6fed7dc7d090f00a.txt, section: Check rechten }
`;

describe('shared nodes (flows/shared/), included by id', () => {
  const lineIn = (text: string, part: string): number => text.split('\n').findIndex((l) => l.includes(part)) + 1;
  /** The problems as flows:check prints them, with file names relative to the flows folder. */
  const problemsIn = (files: Record<string, string>): string[] => {
    const dir = flowDir(files);
    const result = checkFlowDirectory(dir);
    return result.ok ? [] : result.error.map((p) => formatProblem(p).replaceAll(`${dir}/`, ''));
  };

  it('gives each flow the one shared node, with its open answer led where that flow says', () => {
    const catalog = loadFlowCatalog(flowDir({ 'shared/wacht.yaml': guard, 'proef.yaml': guarded(), 'tweede.yaml': second }));
    const targets = (flowId: string) => {
      const node = catalog.node(flowId, 'wacht');
      return node ? edgesOf(node).map((e) => `${e.label} → ${e.next}`) : [];
    };
    expect(targets('proef')).toEqual(['Collega → zelf', 'Klant → vraag']);
    expect(targets('tweede')).toEqual(['Collega → zelf', 'Klant → klaar']);
    expect(catalog.node('proef', 'wacht')?.title).toBe('Collega of klant?');
    expect(catalog.flow('proef')?.start).toBe('wacht');
  });

  it('names an unknown shared node on the line of its include', () => {
    const flow = guarded().replace('include: wacht', 'include: wachtt');
    expect(problemsIn({ 'shared/wacht.yaml': guard, 'proef.yaml': flow })).toContain(
      `proef.yaml:${lineIn(flow, 'include: wachtt')}  wachtt  gedeelde stap "wachtt" bestaat niet in shared/ (wel: wacht, zelf)`,
    );
  });

  it('asks where an open answer goes when the include does not say', () => {
    const flow = guarded('  - include: wacht\n  - include: zelf\n');
    expect(problemsIn({ 'shared/wacht.yaml': guard, 'proef.yaml': flow })).toContainEqual(
      expect.stringMatching(new RegExp(`^proef\\.yaml:${lineIn(flow, 'include: wacht')} {2}wacht {2}zeg waar "Klant" van gedeelde stap "wacht" in deze flow heen gaat: next: \\{ klant: <stap> \\}$`)),
    );
  });

  it('refuses to lead an answer the shared node already leads itself', () => {
    const flow = guarded('  - include: wacht\n    next: { klant: vraag, collega: vraag }\n  - include: zelf\n');
    expect(problemsIn({ 'shared/wacht.yaml': guard, 'proef.yaml': flow })).toContainEqual(
      expect.stringMatching(new RegExp(`^proef\\.yaml:${lineIn(flow, 'collega: vraag')} {2}wacht {2}gedeelde stap "wacht" heeft geen open antwoord "collega" \\(open: klant\\)$`)),
    );
  });

  it('finds a shared node\'s target that the including flow lacks, on the include\'s line', () => {
    const flow = guarded('  - include: wacht\n    next: { klant: vraag }\n');
    expect(problemsIn({ 'shared/wacht.yaml': guard, 'proef.yaml': flow })).toContainEqual(
      expect.stringMatching(new RegExp(`^proef\\.yaml:${lineIn(flow, 'include: wacht')} {2}wacht {2}"Collega" verwijst naar node "zelf" die niet bestaat$`)),
    );
  });

  it('names a shared id written twice, on the second definition', () => {
    const again = 'schemaVersion: 1\nnodes:\n  - id: zelf\n    kind: end\n    outcome: opgelost\n    title: Nog een\n    source: { document: 000_6fed7dc7d090f00a.txt, section: Check rechten }\n';
    const problems = problemsIn({ 'shared/wacht.yaml': guard, 'shared/zz-nog.yaml': again, 'proef.yaml': guarded() });
    expect(problems).toContain(`shared/zz-nog.yaml:3  zelf  gedeelde stap "zelf" staat ook in shared/wacht.yaml:${lineIn(guard, '- id: zelf')}`);
  });

  it('refuses a flow\'s own node with the id of a shared node', () => {
    const flow = fixture.replace('  - id: klaar\n', '  - id: zelf\n    kind: end\n    outcome: opgelost\n    title: Eigen\n    source: { document: 000_6fed7dc7d090f00a.txt, section: Check rechten }\n  - id: klaar\n');
    const problems = problemsIn({ 'shared/wacht.yaml': guard, 'proef.yaml': flow.replace('next: klaar }', 'next: zelf }') });
    expect(problems).toContainEqual(expect.stringMatching(/proef\.yaml:\d+ {2}zelf {2}"zelf" is ook een gedeelde stap \(.*shared\/wacht\.yaml\): neem die op met - include: zelf, of kies een ander id$/));
  });

  it('finds a shared node no flow includes', () => {
    expect(problemsIn({ 'shared/wacht.yaml': guard, 'proef.yaml': fixture })).toEqual([
      `shared/wacht.yaml:${lineIn(guard, '- id: wacht')}  wacht  gedeelde stap wordt door geen flow gebruikt (- include: wacht)`,
      `shared/wacht.yaml:${lineIn(guard, '- id: zelf')}  zelf  gedeelde stap wordt door geen flow gebruikt (- include: zelf)`,
    ]);
  });

  it('names the shared file and line of a shared node that breaks the schema', () => {
    const broken = guard.replace('    outcome: doorverwijzen\n', '    outcome: misschien\n');
    expect(problemsIn({ 'shared/wacht.yaml': broken, 'proef.yaml': guarded() })).toContainEqual(
      expect.stringMatching(new RegExp(`^shared/wacht\\.yaml:${lineIn(broken, 'outcome: misschien')} {2}zelf {2}nodes\\.1\\.outcome: `)),
    );
  });

  it('checks a shared node\'s citation once, in the shared file, however many flows include it', () => {
    const badCitation = guard.replace('section: Check rechten }\n    answers', 'section: Check de rechten }\n    answers');
    const problems = problemsIn({ 'shared/wacht.yaml': badCitation, 'proef.yaml': guarded(), 'tweede.yaml': second });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^shared/wacht\\.yaml:${lineIn(badCitation, 'section: Check de rechten')} {2}wacht {2}sectie "Check de rechten" staat niet letterlijk in 000_6fed7dc7d090f00a\\.txt$`))]);
  });

  it('treats an include as an unknown node when a single file is parsed without its shared nodes', () => {
    const result = parseFlowFile('proef.yaml', guarded());
    expect(!result.ok && result.error.map(formatProblem)).toContainEqual(expect.stringMatching(/gedeelde stap "wacht" bestaat niet in shared\/ \(wel: geen\)$/));
  });
});

describe('"Doorverwijzen" to another procedure (continueIn on an end step)', () => {
  const copies: TempFlows[] = [];
  afterEach(() => copies.splice(0).forEach((c) => c.cleanup()));
  const REFERRAL = 'continueIn: { flow: klant-kan-niet-inloggen, node: wachtwoord-reset }';
  const problemsWith = (to: string): { flows: TempFlows; problems: string[] } => {
    const flows = new TempFlows();
    copies.push(flows);
    flows.edit('inactief-inlogaccount.yaml', REFERRAL, to);
    const result = checkFlowDirectory(flows.dir);
    return { flows, problems: result.ok ? [] : result.error.map(formatProblem) };
  };

  it('accepts the seed flows, whose referrals name existing procedures and steps', () => {
    expect(checkFlowDirectory('flows').ok).toBe(true);
  });

  it.each([
    ['continueIn: { flow: klant-kan-niet-inlogen, node: wachtwoord-reset }', 'continueIn: stappenplan "klant-kan-niet-inlogen" bestaat niet (wel: authentication-logout-detected, geen-rechten-e-books, inactief-inlogaccount, klant-kan-niet-inloggen, stroomschemas)'],
    ['continueIn: { flow: klant-kan-niet-inloggen, node: wachtwoord-herstel }', 'continueIn: stap "wachtwoord-herstel" bestaat niet in "klant-kan-niet-inloggen"'],
    ['continueIn: { flow: inactief-inlogaccount }', 'continueIn verwijst naar dit stappenplan zelf; verwijs naar een ander stappenplan'],
  ])('names a wrong reference on its file and line: %s', (to, message) => {
    const { flows, problems } = problemsWith(to);
    expect(problems).toEqual([`${flows.path('inactief-inlogaccount.yaml')}:${flows.lineOf('inactief-inlogaccount.yaml', 'continueIn:')}  naar-hoofdflow  ${message}`]);
  });
});
