import { readFileSync } from 'node:fs';
import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { sampleCards } from '../../src/cards/card-samples.js';
import type { AdaptiveCardJson } from '../../src/cards/card-templates.js';
import { CardTemplates } from '../../src/cards/card-templates.js';
import { DeskCards } from '../../src/cards/desk-cards.js';
import { loadMessages } from '../../src/cards/messages.js';
import { submitSchema } from '../../src/cards/submit-schema.js';
import { startCase, type Position } from '../../src/troubleshooting/engine.js';
import { edgesOf } from '../../src/troubleshooting/flow-graph.js';
import type { FlowCatalog } from '../../src/troubleshooting/flow-catalog.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { cardButtons } from '../support/card-text.js';

const TEAMS_CARD_LIMIT_BYTES = 25 * 1024;

/** Parses a card with the official renderer's object model; returns every warning it raises. */
function rendererProblems(card: AdaptiveCardJson): string[] {
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  adaptiveCard.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of adaptiveCard.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

/** Every card a case of this catalog can show: each node open, and each node as answered. */
function everyStepCard(catalog: FlowCatalog, cards: DeskCards): Array<{ name: string; card: AdaptiveCardJson }> {
  const result: Array<{ name: string; card: AdaptiveCardJson }> = [];
  for (const flow of catalog.flows) {
    const state = startCase(flow, 'c-0000', new Date('2026-03-01T09:00:00Z'));
    for (const node of flow.nodes) {
      const position: Position = { flow, node, step: 7, edges: edgesOf(node) };
      result.push({ name: `${flow.id}/${node.id}`, card: cards.step(state, position) });
      result.push({ name: `${flow.id}/${node.id} (beantwoord)`, card: cards.step(state, position, { label: 'Rechten aanwezig' }) });
    }
  }
  return result;
}

/** Every template in cards/ with the sample data next to it (cards/samples/), whatever the flows. */
const templates = CardTemplates.load('cards');
const samples = sampleCards(templates, 'cards').map((s) => ({ name: `${s.template}.json: ${s.name}`, card: s.card }));

describe('the card templates', () => {
  it('each have sample data, so none goes unchecked', () => {
    expect(new Set(samples.map((s) => s.name.split('.json')[0]))).toEqual(new Set(templates.names));
  });
});


for (const flowsDir of ['test/fixtures/flows', 'flows']) {
  describe(`every card for ${flowsDir}`, () => {
    const catalog = loadFlowCatalog(flowsDir);
    const cards = new DeskCards(templates, catalog, loadMessages('cards'));
    const all = [...everyStepCard(catalog, cards), ...samples];

    it.each(all.map((c) => [c.name, c.card] as const))('%s is an Adaptive Card 1.5 the official renderer parses without warnings', (_name, card) => {
      expect(card.version).toBe('1.5');
      expect(rendererProblems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
    });

    it.each(all.map((c) => [c.name, c.card] as const))('%s carries only submit data the bot accepts', (_name, card) => {
      for (const button of cardButtons(card)) {
        if (button.type === 'Action.Submit') expect(submitSchema.safeParse(button.data).success).toBe(true);
        else expect(button.url).toMatch(/^https:\/\//);
      }
    });
  });
}

describe('the official renderer check itself', () => {
  it('flags an element type Teams would not know', () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Carousel' }] } as AdaptiveCardJson;
    expect(rendererProblems(card).join()).toContain('Unknown element type');
  });
});

describe('the sample data in cards/samples', () => {
  it('is what npm run cards:samples makes from the current flows and code (run it and commit the result after a change)', async () => {
    const { generateSamples } = await import('../../scripts/cards-samples/generate-samples.js');
    for (const [template, samples] of Object.entries(generateSamples('flows', 'cards'))) {
      expect(readFileSync(`cards/samples/${template}.json`, 'utf8'), template).toBe(`${JSON.stringify(samples, null, 2)}\n`);
    }
  });
});
