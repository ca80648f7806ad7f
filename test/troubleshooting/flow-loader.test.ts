import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFlowDirectory, FlowLoadError, formatProblem, loadFlowCatalog, parseFlowFile } from '../../src/troubleshooting/flow-loader.js';

const fixture = readFileSync('test/fixtures/flows/proef.yaml', 'utf8');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function flowDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flows-'));
  dirs.push(dir);
  cpSync('test/fixtures/flows/sources.json', join(dir, 'sources.json'));
  cpSync('test/fixtures/flows/sources', join(dir, 'sources'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
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
