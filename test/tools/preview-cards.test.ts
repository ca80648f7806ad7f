import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPreviewCards } from '../../scripts/cards-preview/preview-cards.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { cardText } from '../support/card-text.js';

const catalog = loadFlowCatalog('flows');
const titles = Object.values(JSON.parse(readFileSync('flows/sources.json', 'utf8')) as Record<string, { title: string }>).map((s) => s.title);
const cards = loadPreviewCards({ flowsDir: 'flows', cardsDir: 'cards' });
const steps = cards.filter((c) => c.step !== undefined);

describe('the cards in the preview', () => {
  it('include the card of every step of every flow', () => {
    expect(steps.map((c) => c.name).sort()).toEqual(catalog.flows.flatMap((f) => f.nodes.map((n) => `${f.id}--${n.id}`)).sort());
  });

  it.each(steps.map((c) => [c.name, c] as const))('%s names the seed document by its title and quotes the section it comes from ("Bron")', (_name, card) => {
    const node = card.step && catalog.node(card.step.flowId, card.step.nodeId);
    if (!node) throw new Error(`${card.name} is not a step`);
    const bron = cardText(card.card).split('\n').find((line) => line.startsWith('Bron: '));
    expect(bron).toBe(`Bron: ${card.step?.sourceLine}`);
    expect(titles.some((title) => bron?.startsWith(`Bron: ${title} › `))).toBe(true);
    expect(bron?.endsWith(` › “${node.source.section}”`)).toBe(true);
  });

  it('shows each step with the step number of the quickest way there', () => {
    const card = cards.find((c) => c.name === 'klant-kan-niet-inloggen--rechten-check');
    expect(card?.caption).toBe('Klant kan niet inloggen · stap 3 · rechten-check');
    expect(cardText(card?.card)).toContain('Klant kan niet inloggen · stap 3');
  });
});
