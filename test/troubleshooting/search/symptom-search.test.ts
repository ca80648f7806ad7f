import { describe, expect, it } from 'vitest';
import { loadFlowCatalog } from '../../../src/troubleshooting/flow-loader.js';
import { phraseKey, words } from '../../../src/troubleshooting/search/dutch-text.js';
import { readSearchContent } from '../../../src/troubleshooting/search/search-content-file.js';
import type { SearchDecision } from '../../../src/troubleshooting/search/search-decision.js';
import { searchLibrary } from '../../../src/troubleshooting/search/search-library.js';
import { TextAnalyser } from '../../../src/troubleshooting/search/text-analyser.js';

const catalog = loadFlowCatalog('flows');
const search = catalog.search;

/** "start flow › step", "choose a | b", "greeting", …: what the staff member gets, in one line. */
function outcome(d: SearchDecision): string {
  if (d.kind === 'start') return `start ${d.target.flowId}${d.target.nodeId === undefined ? '' : ` › ${d.target.nodeId}`}`;
  if (d.kind === 'choose') return `choose ${d.options.map((o) => o.flowId).join(' | ')}`;
  return d.kind;
}
const typed = (text: string): string => outcome(search.decide(text));

describe('a staff member types the problem', () => {
  it.each([
    ['Klant kan niet inloggen', 'start klant-kan-niet-inloggen'],
    ['AUTHENTICATION.LOGOUT_DETECTED', 'start authentication-logout-detected'],
    ['klant krijgt authentication.logout_detected in mijn menu', 'start authentication-logout-detected'],
    ['Geen rechten ebooks', 'start geen-rechten-e-books'],
    ['inactief account', 'start inactief-inlogaccount'],
    ['resetmail komt nooit binnen', 'start klant-kan-niet-inloggen › herstel-email'],
    ['Toon inlogaccount-gegevens staat grijs', 'start klant-kan-niet-inloggen › geen-account'],
    ['klant is zijn gebruikersnaam vergeten', 'start klant-kan-niet-inloggen › gegevens-check'],
  ])('"%s" → %s', (text, expected) => {
    expect(typed(text)).toBe(expected);
  });

  it.each([
    ['Jan Jansen jan@example.nl kan niet inloggen, pas 20001234', 'start klant-kan-niet-inloggen'],
    ['de printer is stuk, en de klant kan niet inloggen', 'start klant-kan-niet-inloggen'],
    ['inactief inlogaccount bij meneer Jansen, 2000 1234 5678', 'start inactief-inlogaccount'],
  ])('a whole trigger phrase with names, addresses and numbers around it still starts its procedure: "%s"', (text, expected) => {
    expect(typed(text)).toBe(expected);
  });

  it('starts at a step with that step\'s title and "<flow> › <step>" as its description', () => {
    const d = search.decide('herstelmail niet ontvangen');
    expect(d).toMatchObject({ kind: 'start', target: { flowId: 'klant-kan-niet-inloggen', nodeId: 'herstel-email', title: 'Geen resetmail: spambox en herstel-e-mailadres', description: 'Klant kan niet inloggen › Geen resetmail: spambox en herstel-e-mailadres' } });
  });

  it('offers two or three close procedures with their descriptions, never a choice of one', () => {
    const d = search.decide('geen rechten');
    expect(d.kind).toBe('choose');
    if (d.kind !== 'choose') return;
    expect(d.options.length).toBeGreaterThanOrEqual(2);
    expect(d.options.length).toBeLessThanOrEqual(3);
    expect(d.options.every((o) => o.description.length > 0)).toBe(true);
  });

  it('greets back on a greeting and thanks on thanks, and still searches a greeting with a problem', () => {
    expect(typed('hallo')).toBe('greeting');
    expect(typed('Goedemorgen!')).toBe('greeting');
    expect(typed('dank je wel')).toBe('thanks');
    expect(typed('Hoi, klant kan niet inloggen')).toBe('start klant-kan-niet-inloggen');
  });

  it('recognises nothing in unrelated text or in nothing at all', () => {
    expect(typed('de printer op de eerste verdieping is stuk')).toBe('none');
    expect(typed('')).toBe('none');
    expect(typed('!!!')).toBe('none');
  });

  it('forgives one typo in a long word, not in a short one', () => {
    expect(typed('inactief inlogacount')).toBe('start inactief-inlogaccount');
    expect(typed('vpm')).toBe('none');
  });

  it('names runners-up for a "Niet wat je zocht?" list, without the target itself', () => {
    const d = search.decide('wachtwoord vergeten en mail komt niet');
    expect(d.kind).toBe('start');
    if (d.kind !== 'start') return;
    expect(d.runnersUp.length).toBeGreaterThan(0);
    expect(d.runnersUp.some((r) => r.flowId === d.target.flowId && r.nodeId === d.target.nodeId)).toBe(false);
  });
});

describe('Dutch spellings that mean the same', () => {
  it.each([
    ['e-mail', 'email'],
    ['e mail', 'email'],
    ['herstel-e-mailadres', 'herstel e-mailadres'],
    ['ebook', 'e-book'],
    ["stroomschema's", 'Stroomschemas'],
    ['Geëxporteerd', 'geexporteerd'],
  ])('"%s" = "%s"', (a, b) => {
    expect(phraseKey(a)).toBe(phraseKey(b));
  });

  it('keeps a compound\'s joined form beside its parts', () => {
    expect(words('self-service').map((w) => w.text)).toEqual(['self', 'service', 'selfservice']);
  });

  it.each([
    ['klant is zijn wachtwoord kwijtgeraakt', 'klant is zijn wachtwoord kwijt'],
    ['kind leent geen e-books', 'kind kan geen e-books lenen'],
    ['klant is zijn gebruikersnaam vergeten', 'klant weet zijn gebruikersnaam niet meer'],
  ])('"%s" goes where "%s" goes', (a, b) => {
    expect(typed(a)).toBe(typed(b));
    expect(typed(a)).not.toBe('none');
  });

  it('reads "logt … in", "inlogt" and "inloggen" as one verb, and "gekoppeld" as "koppelen"', () => {
    const content = readSearchContent('flows');
    if (!content.ok) throw new Error('flows/ search content does not load');
    const analyser = new TextAnalyser(content.value, searchLibrary.stem);
    analyser.setVocabulary(new Set(['inlog', 'koppel']));
    for (const text of ['klant logt niet in', 'klant inlogt', 'inloggen']) expect(analyser.query(text).terms).toContain('inlog');
    expect(analyser.query('is gekoppeld').terms).toContain('koppel');
  });
});

describe('typing the text of a button on the current card', () => {
  const answers = (flowId: string, nodeId: string) => {
    const node = catalog.node(flowId, nodeId);
    if (node?.kind !== 'question') throw new Error(`${flowId} › ${nodeId} is not a question`);
    return node.answers;
  };
  const rights = answers('klant-kan-niet-inloggen', 'rechten-check');
  const selfHelp = answers('klant-kan-niet-inloggen', 'zelfhulp');

  it.each([
    ['geen rechten', 'geen-rechten', rights],
    ['Rechten zijn er', 'rechten-aanwezig', rights],
    ['grijs', 'gegrijsd', rights],
    ['rechtn aanwezig', 'rechten-aanwezig', rights],
    ['lukt niet', 'lukt-niet', selfHelp],
    ['werkt niet', 'lukt-niet', selfHelp],
    ['inloggen lukt!', 'inloggen-lukt', selfHelp],
  ])('"%s" clicks the button with id %s', (text, id, buttons) => {
    expect(search.matchAnswer(text, buttons)).toBe(id);
  });

  it('treats a new problem, or words on no button, as no click', () => {
    expect(search.matchAnswer('klant heeft geen rechten voor e-books lenen', rights)).toBeUndefined();
    expect(search.matchAnswer('wachtwoord vergeten', selfHelp)).toBeUndefined();
    expect(search.matchAnswer('nee', selfHelp)).toBeUndefined();
    expect(search.matchAnswer('', rights)).toBeUndefined();
  });
});
