import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { cardButtons, cardText } from '../support/card-text.js';
import { cardActionProblems } from '../../src/cards/card-actions.js';

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
      result.push({ name: `${flow.id}/${node.id} (beantwoord)`, card: cards.step(state, position, { answered: 'Rechten aanwezig' }) });
      result.push({ name: `${flow.id}/${node.id} (groepschat)`, card: cards.step(state, position, { owner: { id: '29:medewerker', name: 'Balie Medewerker' } }) });
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
        if (button.type === 'Action.Execute') {
          const data = submitSchema.parse(button.data);
          expect(button.verb).toBe(data.action);
        } else expect(button.url).toMatch(/^https:\/\//);
      }
    });

    it.each(all.map((c) => [c.name, c.card] as const))('%s has a verb on every Action.Execute and the same Action.Submit as its fallback', (_name, card) => {
      expect(cardActionProblems(card)).toEqual([]);
      for (const button of cardButtons(card)) expect(button.type, button.title).not.toBe('Action.Submit');
    });
  });
}

describe('the rule for buttons (Universal Actions with a fallback)', () => {
  const data = { v: 1, action: 'menu' };
  const cardWith = (action: object) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'ActionSet', actions: [action] }] });
  const execute = { type: 'Action.Execute', title: 'Naar het menu', verb: 'menu', data, fallback: { type: 'Action.Submit', title: 'Naar het menu', data } };

  it('passes an Action.Execute with a verb and its Action.Submit as fallback', () => {
    expect(cardActionProblems(cardWith(execute))).toEqual([]);
  });

  it.each([
    ['an Action.Execute without a verb', { ...execute, verb: undefined }, 'zonder verb'],
    ['an Action.Execute with an empty verb', { ...execute, verb: ' ' }, 'zonder verb'],
    ['an Action.Execute without a fallback', { ...execute, fallback: undefined }, 'zonder Action.Submit als fallback'],
    ['a fallback that drops the button', { ...execute, fallback: 'drop' }, 'zonder Action.Submit als fallback'],
    ['a fallback with other data', { ...execute, fallback: { ...execute.fallback, data: { v: 1, action: 'stop' } } }, 'andere titel of andere data'],
    ['a bare Action.Submit', { type: 'Action.Submit', title: 'Naar het menu', data }, 'Action.Submit zonder Action.Execute'],
  ])('flags %s', (_what, action, message) => {
    const problems = cardActionProblems(cardWith(action));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain(message);
    expect(problems[0]?.path).toBe('$.body[0].actions[0]' + (message.includes('andere') ? '.fallback' : ''));
  });

  it('flags a refresh action without a verb', () => {
    const card = { ...cardWith(execute), refresh: { action: { type: 'Action.Execute', data }, userIds: ['29:a'] } };
    expect(cardActionProblems(card)).toEqual([{ path: 'refresh.action', message: expect.stringContaining('zonder verb') }]);
  });

  it('flags a refresh for more users than Teams refreshes a card for (60)', () => {
    const refresh = (n: number) => ({ ...cardWith(execute), refresh: { action: { type: 'Action.Execute', verb: 'refresh', data }, userIds: Array.from({ length: n }, (_, i) => `29:${i}`) } });
    expect(cardActionProblems(refresh(60))).toEqual([]);
    expect(cardActionProblems(refresh(61))).toEqual([{ path: 'refresh.userIds', message: expect.stringContaining('meer dan 60 userIds') }]);
  });

  it('stops the bot at start when a template in cards/ breaks it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cards-'));
    try {
      cpSync('cards', dir, { recursive: true });
      const menu = readFileSync(join(dir, 'menu.json'), 'utf8');
      writeFileSync(join(dir, 'menu.json'), menu.replace('"verb": "${data.action}",', ''));
      expect(() => CardTemplates.load(dir)).toThrow(/menu\.json: .*zonder verb/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a case card in a group chat or channel', () => {
  const catalog = loadFlowCatalog('test/fixtures/flows');
  const cards = new DeskCards(templates, catalog, loadMessages('cards'));
  const flow = catalog.flows[0];
  const owner = { id: '29:balie-medewerker', name: 'Balie Medewerker' };
  const at = (step: number): Position => {
    if (!flow) throw new Error('no flow');
    const node = flow.nodes.find((n) => n.id === flow.start);
    if (!node) throw new Error('no start');
    return { flow, node, step, edges: edgesOf(node) };
  };
  const state = { caseId: 'c-groep' };

  it('names its owner, names them on every button, and asks Teams to refresh it for them alone', () => {
    const card = cards.step(state, at(2), { owner });
    expect(cardText(card)).toContain('Casus van Balie Medewerker');
    for (const button of cardButtons(card)) expect(submitSchema.parse(button.data)).toMatchObject({ owner });
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Kaart vernieuwen', verb: 'refresh', data: { v: 1, action: 'refresh', caseId: 'c-groep', flow: flow?.id, node: flow?.start, step: 2, owner } }, userIds: [owner.id] });
  });

  it('is read-only for colleagues, and closed cards are not refreshed', () => {
    expect(cardButtons(cards.step(state, at(2), { owner, readOnly: true }))).toEqual([]);
    expect(cardText(cards.step(state, at(2), { owner, readOnly: true }))).toContain('Casus van Balie Medewerker');
    const closed = cards.step(state, at(2), { owner, closed: 'back' });
    expect(cardButtons(closed)).toEqual([]);
    expect(closed.refresh).toBeUndefined();
  });

  it('in a personal chat stays simple: no owner, no refresh', () => {
    const card = cards.step(state, at(2));
    expect(card.refresh).toBeUndefined();
    expect(cardText(card)).not.toContain('Casus van');
  });
});

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
