import { afterEach, describe, expect, it } from 'vitest';
import { checkFlowDirectory, formatProblem } from '../../../src/troubleshooting/flow-loader.js';
import { TempFlows } from '../../tools/temp-flows.js';

const copies: TempFlows[] = [];
afterEach(() => copies.splice(0).forEach((c) => c.cleanup()));

/** A copy of flows/ with one edit, and every problem the start-up check finds in it. */
function problemsAfter(file: string, from: string, to: string): { flows: TempFlows; problems: string[] } {
  const flows = new TempFlows();
  copies.push(flows);
  flows.edit(file, from, to);
  const result = checkFlowDirectory(flows.dir);
  return { flows, problems: result.ok ? [] : result.error.map(formatProblem) };
}

describe('a content editor edits synonyms, words and entry phrases; the check names file and line', () => {
  it('accepts the flows folder as it is', () => {
    expect(checkFlowDirectory('flows').ok).toBe(true);
  });

  it('refuses a synonym group of one word', () => {
    const { flows, problems } = problemsAfter('synonyms.yaml', '  - [nog geen, nog nooit, nooit gehad]', '  - [nog geen, nog nooit, nooit gehad]\n  - [balie]');
    expect(problems).toEqual([`${flows.path('synonyms.yaml')}:${flows.lineOf('synonyms.yaml', '[balie]')}  -  synoniemgroep 38 heeft minstens twee woorden of zinnen nodig`]);
  });

  it('refuses an empty synonym group and an empty member', () => {
    const empty = problemsAfter('synonyms.yaml', '  - [nog geen, nog nooit, nooit gehad]', '  - [nog geen, nog nooit, nooit gehad]\n  - []');
    expect(empty.problems.join('\n')).toContain('synoniemgroep 38 heeft minstens twee woorden of zinnen nodig');
    const blank = problemsAfter('synonyms.yaml', '  - [nog geen, nog nooit, nooit gehad]', '  - [nog geen, nog nooit, nooit gehad]\n  - [balie, " "]');
    expect(blank.problems.join('\n')).toContain('groups.37.1: lege zin');
  });

  it('refuses a word in two synonym groups, pointing at both', () => {
    const { flows, problems } = problemsAfter('synonyms.yaml', '  - [nog geen, nog nooit, nooit gehad]', '  - [nog geen, nog nooit, nooit gehad]\n  - [E-mail, bericht]');
    const first = flows.lineOf('synonyms.yaml', '[mail, e-mail,');
    expect(problems).toEqual([`${flows.path('synonyms.yaml')}:${flows.lineOf('synonyms.yaml', '[E-mail, bericht]')}  -  "E-mail" staat ook in synoniemgroep 2 (regel ${first}): een woord hoort in één groep`]);
  });

  it('refuses a word twice in one group, compared as typed text is ("e-book" = "ebook")', () => {
    const { problems } = problemsAfter('synonyms.yaml', '[luisterboek, e-book,', '[luisterboek, e-book, ebook,');
    expect(problems.join('\n')).toContain('"ebook" staat twee keer in synoniemgroep 5');
  });

  it('refuses a synonym made of stop words only, which would match everywhere', () => {
    const { problems } = problemsAfter('synonyms.yaml', '[abonnement, lidmaatschap, bibliotheekpas]', '[abonnement, lidmaatschap, bibliotheekpas, van de]');
    expect(problems.join('\n')).toContain('"van de" bestaat alleen uit stopwoorden (words.yaml) en zou overal passen');
  });

  it('refuses an entry phrase that another step already has, on the line of the second one', () => {
    const { flows, problems } = problemsAfter('inactief-inlogaccount.yaml', "    title: Genereer een nieuw inlogaccount\n", '    title: Genereer een nieuw inlogaccount\n    entry: [Inlogaccount aanmaken]\n');
    // Files are checked in name order: the inactief flow's phrase comes first, the main flow's is the second.
    expect(problems).toEqual([
      `${flows.path('klant-kan-niet-inloggen.yaml')}:${flows.lineOf('klant-kan-niet-inloggen.yaml', 'entry: [inlogaccount aanmaken')}  genereer  entry "inlogaccount aanmaken" staat ook in ${flows.path('inactief-inlogaccount.yaml')}:${flows.lineOf('inactief-inlogaccount.yaml', 'entry: [Inlogaccount aanmaken]')}`,
    ]);
  });

  it('refuses an entry phrase that is a trigger of a flow, so one phrase never starts two places', () => {
    const { problems } = problemsAfter('klant-kan-niet-inloggen.yaml', "    entry: [klant is wachtwoord kwijt,", "    entry: [inactief account, klant is wachtwoord kwijt,");
    expect(problems.join('\n')).toMatch(/klant-kan-niet-inloggen\.yaml:\d+ {2}wachtwoord-reset {2}entry "inactief account" staat ook in .*inactief-inlogaccount\.yaml:\d+$/);
  });

  it('refuses a word that is both a greeting and a thanks, and a negation among the stop words', () => {
    const { problems } = problemsAfter('words.yaml', '  - hoe gaat het\n', '  - hoe gaat het\n  - bedankt\n');
    expect(problems.join('\n')).toContain('"bedankt" staat zowel bij greetings als bij thanks');
    const negation = problemsAfter('words.yaml', 'negations: [niet, geen, nee, nooit]', 'negations: [niet, geen, nee, nooit, de]');
    expect(negation.problems.join('\n')).toContain('"de" staat zowel bij stopWords als bij negations');
  });

  it('reports a YAML error and an unknown key in synonyms.yaml with its line', () => {
    const broken = problemsAfter('synonyms.yaml', 'groups:', 'groeps:');
    expect(broken.problems.join('\n')).toMatch(/synonyms\.yaml:\d+ {2}- {2}.*groeps/);
    const syntax = problemsAfter('synonyms.yaml', '  - [kb, koninklijke bibliotheek, single identity]', '  - [kb, koninklijke bibliotheek, single identity');
    expect(syntax.problems.join('\n')).toMatch(/synonyms\.yaml:\d+ {2}- {2}YAML-fout/);
  });
});
