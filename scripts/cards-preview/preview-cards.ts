import type { AdaptiveCardJson } from '../../src/cards/card-templates.js';
import { CardTemplates } from '../../src/cards/card-templates.js';
import { sampleCards } from '../../src/cards/card-samples.js';
import { DeskCards } from '../../src/cards/desk-cards.js';
import { loadMessages } from '../../src/cards/messages.js';
import { locate, startCase } from '../../src/troubleshooting/engine.js';
import type { FlowCatalog } from '../../src/troubleshooting/flow-catalog.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { shortestTrail } from './step-trail.js';

/** One card in the preview gallery. */
export interface PreviewCard {
  /** File-safe name, also the screenshot's: `klant-kan-niet-inloggen--zelfhulp`. */
  readonly name: string;
  /** What the gallery writes above the card. */
  readonly caption: string;
  readonly card: AdaptiveCardJson;
  /** Set for step cards: which step it is and the "Bron" line it must show. */
  readonly step?: { readonly flowId: string; readonly nodeId: string; readonly sourceLine: string };
}

const PREVIEW_TIME = new Date('2026-03-02T09:00:00Z');

/**
 * The card of every step of every flow, made the way the bot makes them: the case state of the
 * quickest way to the step, located by the engine, rendered by the bot's own DeskCards.
 */
export function stepCards(catalog: FlowCatalog, cards: DeskCards): PreviewCard[] {
  return catalog.flows.flatMap((flow) =>
    flow.nodes.map((node): PreviewCard => {
      const trail = shortestTrail(flow, node.id);
      if (!trail) throw new Error(`${flow.id}: step ${node.id} cannot be reached (run npm run flows:check)`);
      const state = { ...startCase(flow, `preview-${flow.id}`, PREVIEW_TIME), trail };
      const located = locate(catalog, state);
      if (!located.ok || located.value.node.id !== node.id) throw new Error(`${flow.id}: the engine does not arrive at ${node.id}`);
      return {
        name: `${flow.id}--${node.id}`,
        caption: `${flow.title} · stap ${located.value.step} · ${node.id}`,
        card: cards.step(state, located.value),
        step: { flowId: flow.id, nodeId: node.id, sourceLine: catalog.sourceLine(node.source) },
      };
    }),
  );
}

/** Step cards of every flow, then every card template with its sample data. */
export function loadPreviewCards(options: { readonly flowsDir: string; readonly cardsDir: string }): PreviewCard[] {
  const catalog = loadFlowCatalog(options.flowsDir);
  const templates = CardTemplates.load(options.cardsDir);
  const cards = new DeskCards(templates, catalog, loadMessages(options.cardsDir));
  const samples = sampleCards(templates, options.cardsDir).map((sample): PreviewCard => ({ name: sample.name, caption: `${sample.caption} (${sample.template}.json)`, card: sample.card }));
  return [...stepCards(catalog, cards), ...samples];
}
