import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdaptiveCardJson } from '../../src/cards/card-templates.js';
import { loadPreviewCards, type PreviewCard } from '../../scripts/cards-preview/preview-cards.js';
import { renderInBrowser, screenshotName, type RenderResult } from '../../scripts/cards-preview/render-in-browser.js';
import { TEAMS_MOBILE_WIDTH_PX, TEAMS_NARROW_WIDTH_PX } from '../../scripts/cards-preview/teams-host-config.js';
import { writeGallery } from '../../scripts/cards-preview/write-gallery.js';
import { connectChromium } from '../support/browser.js';

const cards = loadPreviewCards({ flowsDir: 'flows', cardsDir: 'cards' });
/** A laptop with Teams beside Wise, and a phone (Teams mobile). */
const WIDTHS = [TEAMS_NARROW_WIDTH_PX, TEAMS_MOBILE_WIDTH_PX] as const;

const card = (body: unknown[]): AdaptiveCardJson => ({ type: 'AdaptiveCard', version: '1.5', body });
const button = (title: string) => ({ type: 'ActionSet', actions: [{ type: 'Action.Submit', title, data: {} }] });
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
  // The menu button of issue 14 item 16: it fits a laptop, not a phone.
  { name: 'lange-menuknop', caption: 'the old 42-character menu button', card: card([{ type: 'TextBlock', text: 'Waar loopt de klant tegenaan?' }, button('Foutmelding AUTHENTICATION.LOGOUT_DETECTED')]) },
  {
    name: 'brede-kolom',
    caption: 'a column of a fixed 400 px',
    card: card([{ type: 'ColumnSet', columns: [{ type: 'Column', width: '400px', items: [{ type: 'TextBlock', text: 'Klant → Inlogaccount → Toon inlogaccount-rechten' }] }] }]),
  },
];

describe('cards in Chromium at the width of a narrow Teams chat and of a phone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baliewijzer-cards-'));
  const screenshotsDir = join(dir, 'png');
  const results = new Map<string, RenderResult>();
  const key = (name: string, width: number): string => `${name} @ ${width}px`;

  beforeAll(async () => {
    mkdirSync(screenshotsDir);
    const page = writeGallery(dir, [...cards, ...broken], { widthsPx: WIDTHS });
    const browser = await connectChromium();
    try {
      for (const result of await renderInBrowser(page, { browser, screenshotsDir })) results.set(key(result.name, result.width), result);
    } finally {
      await browser.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const resultOf = (name: string, width: number): RenderResult => {
    const result = results.get(key(name, width));
    if (!result) throw new Error(`${name} was not rendered at ${width}px; page problems: ${JSON.stringify(results.get(key('(pagina)', 0))?.problems ?? [])}`);
    return result;
  };

  it('renders the page itself without script errors', () => {
    expect(results.get(key('(pagina)', 0))?.problems ?? []).toEqual([]);
  });

  const everyCardAtEveryWidth = cards.flatMap((c) => WIDTHS.map((width) => [c.name, width, c] as const));

  it.each(everyCardAtEveryWidth)('%s at %ipx renders without warnings, shows text, and every button and word fits', (name, width, preview) => {
    const result = resultOf(name, width);
    expect(result.problems).toEqual([]);
    expect(result.width).toBe(width);
    expect(result.text).not.toBe('');
    if (preview.step) expect(result.buttons).toBeGreaterThan(0);
  });

  it.each(cards.filter((c) => c.step).map((c) => [c.name, c] as const))('%s shows the Bron line on screen', (name, preview) => {
    expect(resultOf(name, TEAMS_MOBILE_WIDTH_PX).text).toContain(`Bron: ${preview.step?.sourceLine}`);
  });

  it('shows each card at both widths in the gallery, with a screenshot of each', () => {
    for (const width of WIDTHS) {
      expect(resultOf('menu', width).width).toBe(width);
      expect(existsSync(join(screenshotsDir, screenshotName({ name: 'menu', width })))).toBe(true);
    }
  });

  it('flags buttons whose text is cut off, an element Teams does not know, an empty card and a fact without text', () => {
    const at = TEAMS_NARROW_WIDTH_PX;
    expect(resultOf('te-lange-knoppen', at).problems).toContainEqual(expect.stringMatching(/^knop "Geen rechten en geen inlogaccount" past niet: de tekst wordt afgekapt/));
    expect(resultOf('onbekend-element', at).problems).toContainEqual(expect.stringMatching(/^renderer: .*Carousel/));
    expect(resultOf('leeg', at).problems).toContain('leeg: de kaart toont niets');
    expect(resultOf('getal-als-feit', at).problems).toContain('tekst ontbreekt: card.body[0].facts[0].value is 0, geen tekst');
  });

  it('flags at phone width what fits a laptop: a long button, and a column that sticks out of the card', () => {
    expect(resultOf('lange-menuknop', TEAMS_NARROW_WIDTH_PX).problems).toEqual([]);
    expect(resultOf('lange-menuknop', TEAMS_MOBILE_WIDTH_PX).problems).toContainEqual(expect.stringMatching(/^knop "Foutmelding AUTHENTICATION.LOGOUT_DETECTED" past niet: de tekst wordt afgekapt/));
    expect(resultOf('brede-kolom', TEAMS_NARROW_WIDTH_PX).problems).toEqual([]);
    expect(resultOf('brede-kolom', TEAMS_MOBILE_WIDTH_PX).problems).toContainEqual(expect.stringMatching(/^"Klant → Inlogaccount → Toon inlogaccount[^"]*" steekt buiten de kaart \(\d+px van 320px\)$/));
  });
});
