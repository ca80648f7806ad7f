import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowNode } from '../../src/troubleshooting/flow-schema.js';
import { loadFlowCatalog, plainText as plain } from '../../src/troubleshooting/flow-loader.js';

/** The staff instructions the flows were made from, as the repository keeps them (flows/sources.json). */
const sources = JSON.parse(readFileSync('flows/sources.json', 'utf8')) as Record<string, { title: string; file: string }>;
const seeds = new Map(Object.entries(sources).map(([name, { file }]) => [name, readFileSync(join('flows', file), 'utf8')] as const));
const catalog = loadFlowCatalog('flows');

function nodeText(node: FlowNode): string {
  const parts = [node.title, node.text ?? '', ...(node.warnings ?? []), ...(node.facts ?? []).flatMap((f) => [f.name, f.value])];
  parts.push(...(node.wise ?? []), ...(node.steps ?? []).flatMap((s) => [s.text, ...(s.wise ?? [])]));
  parts.push(...(node.links ?? []).flatMap((l) => [l.title, l.url]));
  if (node.kind === 'question') parts.push(node.question, ...node.answers.map((a) => a.label));
  return parts.join('\n');
}
const allText = catalog.flows.flatMap((f) => f.nodes.map(nodeText)).join('\n');
const allLinks = catalog.flows.flatMap((f) => f.nodes.flatMap((n) => (n.links ?? []).map((l) => l.url)));
const allWiseItems = new Set(catalog.flows.flatMap((f) => f.nodes.flatMap((n) => [...(n.wise ?? []), ...(n.steps ?? []).flatMap((s) => s.wise ?? [])])));

describe('the flows against the seed instructions', () => {
  it('keep both seed documents in the repository', () => {
    expect([...seeds.keys()].sort()).toEqual(['000_6fed7dc7d090f00a.txt', '001_aa782606bf296214.txt']);
  });

  it('cite for every node a section that stands word for word in its seed document', () => {
    const missing: string[] = [];
    for (const flow of catalog.flows) {
      for (const node of flow.nodes) {
        const seed = seeds.get(node.source.document);
        if (!seed || !plain(seed).includes(plain(node.source.section))) missing.push(`${flow.id}/${node.id}: "${node.source.section}"`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('carry every link the seeds give as a button', () => {
    const seedLinks = [...seeds.values()].flatMap((text) => [...text.matchAll(/https:\/\/[^\s>)]+/g)].map((m) => m[0]));
    expect(seedLinks.length).toBeGreaterThanOrEqual(3);
    for (const link of seedLinks) expect(allLinks, link).toContain(link);
  });

  it('name every Wise menu item of the seeds as a Wise path, with the label the seed gives it', () => {
    const items = ['Toon inlogaccount-rechten', 'Toon inlogaccount-gegevens', 'Autoriseer inlogaccount', 'Autoriseer inlogaccount rechten', 'Koppel inlogaccount', 'Genereer / koppel inlogaccount', 'Activeer inlogaccount', 'Reset herstel-e-mailadres'];
    for (const item of items) {
      expect([...allWiseItems], item).toContain(item);
    }
  });

  it.each([
    ['Basis rights and what they give', 'theorie.nl, bereslim, skillstoun'],
    ['Compleet rights for youth', 'tot en met 18 jaar'],
    ['Compleet rights for adults', '€ 45'],
    ['colleagues and volunteers log in themselves', 'moet zelf inloggen'],
    ['first login on a PC or laptop', 'PC/laptop'],
    ['"Wachtwoord vergeten?" needs the username', 'Wachtwoord vergeten?'],
    ['spam folder', 'spam'],
    ['alternative e-mail address', 'alternatief'],
    ['saved browser credentials', 'opgeslagen'],
    ['incognito window', 'incognito'],
    ['partner/children when linking', 'partner'],
    ['inactive accounts deleted after 24 hours', '24 uur'],
    ['LOGOUT_DETECTED causes', 'adblocker'],
    ['LOGOUT_DETECTED: VPN', 'VPN'],
    ['supported browsers', 'Edge, Chrome, Safari of Firefox'],
    ['customer may change the username afterwards', 'gebruikersnaam aanpassen'],
    ['the extended instruction on InstructieWise', 'Inlogproblemen_single_identity.pdf'],
    ['flowchart parts not used in Bind libraries', 'Bind bibliotheken'],
    ['flowchart part: self-service account verwijderen', 'Self-service account verwijderen'],
    ['flowchart part: balie lid worden', 'Balie: lid worden'],
  ])('keep the fact: %s', (_fact, text) => {
    expect(plain(allText)).toContain(plain(text));
  });
});
