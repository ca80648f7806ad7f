import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdaptiveCardJson } from '../../src/cards/card-templates.js';
import { loadPreviewCards, type PreviewCard } from '../../scripts/cards-preview/preview-cards.js';
import { renderInBrowser, type RenderResult } from '../../scripts/cards-preview/render-in-browser.js';
import { TEAMS_NARROW_WIDTH_PX } from '../../scripts/cards-preview/teams-host-config.js';
import { writeGallery } from '../../scripts/cards-preview/write-gallery.js';
import { connectChromium } from '../support/browser.js';

const cards = loadPreviewCards({ flowsDir: 'flows', cardsDir: 'cards' });

const card = (body: unknown[]): AdaptiveCardJson => ({ type: 'AdaptiveCard', version: '1.5', body });
/** Cards that must fail, to show the checks catch what a staff member would notice. */
const broken: PreviewCard[] = [
  {
    name: 'te-lange-knoppen',
    caption: 'three long buttons in one row',
    card: card([
      { type: 'TextBlock', text: 'Wat zie je?' },
      {
        type: 'ActionSet',
        actions: ['Rechten aanwezig maar gegrijsd', 'Geen rechten en geen inlogaccount', 'Klant is collega of vrijwilliger'].map((title) => ({ type: 'Action.Submit', title, data: {} })),
      },
    ]),
  },
  { name: 'onbekend-element', caption: 'an element Teams does not know', card: card([{ type: 'TextBlock', text: 'x' }, { type: 'Carousel', pages: [] }]) },
  { name: 'leeg', caption: 'nothing to show', card: card([]) },
  { name: 'getal-als-feit', caption: 'a count templated into a fact value', card: card([{ type: 'FactSet', facts: [{ title: 'Opgelost', value: 0 }] }]) },
];

describe('cards in Chromium at the width of a narrow Teams chat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baliewijzer-cards-'));
  const results = new Map<string, RenderResult>();

  beforeAll(async () => {
    const page = writeGallery(dir, [...cards, ...broken], { widthPx: TEAMS_NARROW_WIDTH_PX });
    const browser = await connectChromium();
    try {
      for (const result of await renderInBrowser(page, { browser })) results.set(result.name, result);
    } finally {
      await browser.close();
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const resultOf = (name: string): RenderResult => {
    const result = results.get(name);
    if (!result) throw new Error(`${name} was not rendered; page problems: ${JSON.stringify(results.get('(pagina)')?.problems ?? [])}`);
    return result;
  };

  it('renders the page itself without script errors', () => {
    expect(results.get('(pagina)')?.problems ?? []).toEqual([]);
  });

  it.each(cards.map((c) => [c.name, c] as const))('%s renders without warnings, shows text, and every button fits', (name, preview) => {
    const result = resultOf(name);
    expect(result.problems).toEqual([]);
    expect(result.width).toBe(TEAMS_NARROW_WIDTH_PX);
    expect(result.text).not.toBe('');
    if (preview.step) expect(result.buttons).toBeGreaterThan(0);
  });

  it.each(cards.filter((c) => c.step).map((c) => [c.name, c] as const))('%s shows the Bron line on screen', (name, preview) => {
    expect(resultOf(name).text).toContain(`Bron: ${preview.step?.sourceLine}`);
  });

  it('flags buttons whose text is cut off, an element Teams does not know, an empty card and a fact without text', () => {
    expect(resultOf('te-lange-knoppen').problems).toContainEqual(expect.stringMatching(/^knop "Geen rechten en geen inlogaccount" past niet: de tekst wordt afgekapt/));
    expect(resultOf('onbekend-element').problems).toContainEqual(expect.stringMatching(/^renderer: .*Carousel/));
    expect(resultOf('leeg').problems).toContain('leeg: de kaart toont niets');
    expect(resultOf('getal-als-feit').problems).toContain('tekst ontbreekt: card.body[0].facts[0].value is 0, geen tekst');
  });
});
