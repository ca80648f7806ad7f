import type { CardRenderer } from '../../src/cards/card-renderer.js';
import { lastDays } from '../../src/statistics/report-period.js';
import { buildReport } from '../../src/statistics/statistics-report.js';
import { statisticsRecord, type StatisticsRecord } from '../../src/statistics/statistics-record.js';
import { summariseCase } from '../../src/summaries/case-summary.js';
import { startCase } from '../../src/troubleshooting/engine.js';
import type { FlowCatalog } from '../../src/troubleshooting/flow-catalog.js';
import type { PreviewCard } from './preview-cards.js';
import { shortestTrail } from './step-trail.js';

/** The bot's cards outside the flows, with made-up data (no real names), so they are checked too. */
export function sampleCards(catalog: FlowCatalog, cards: CardRenderer): PreviewCard[] {
  const samples: PreviewCard[] = [
    { name: 'welkom', caption: 'Welkom (eerste contact)', card: cards.welcome() },
    { name: 'menu', caption: 'Menu', card: cards.menu() },
    { name: 'help', caption: 'Help (in een kanaal)', card: cards.help({ mentionHint: true }) },
  ];
  const flow = catalog.flows.find((f) => f.nodes.some((n) => n.kind === 'end' && n.outcome !== 'opgelost')) ?? catalog.flows[0];
  const end = flow?.nodes.find((n) => n.kind === 'end' && n.outcome !== 'opgelost') ?? flow?.nodes.find((n) => n.kind === 'end');
  const trail = flow && end ? shortestTrail(flow, end.id) : undefined;
  if (flow && end?.kind === 'end' && trail) {
    const state = { ...startCase(flow, 'preview-summary', new Date('2026-03-02T09:00:00Z')), trail };
    const summary = summariseCase(catalog, {
      state,
      outcome: end.outcome,
      endTitle: end.title,
      conversationId: 'preview',
      staff: { id: 'preview', name: 'Voorbeeld Medewerker' },
      endedAt: new Date('2026-03-02T09:04:05Z'),
    });
    samples.push({ name: 'samenvatting', caption: `Samenvatting (${flow.title})`, card: cards.summary(summary, { teams: [] }) });
  }
  samples.push({ name: 'statistieken', caption: 'Statistieken (voorbeeldcijfers)', card: cards.statistics(sampleReport(catalog)) });
  return samples;
}

/** Made-up cases: in every flow, one case to each end step and one stopped at the first step, so every reached step shows. */
function sampleReport(catalog: FlowCatalog) {
  const endedAt = new Date('2026-03-02T09:04:05Z');
  const records: StatisticsRecord[] = catalog.flows.flatMap((flow) => {
    const started = startCase(flow, 'preview-statistics', new Date('2026-03-02T09:00:00Z'));
    const ended = flow.nodes.flatMap((node) => {
      const trail = node.kind === 'end' ? shortestTrail(flow, node.id) : undefined;
      return node.kind === 'end' && trail ? [statisticsRecord(catalog, { ...started, trail }, { kind: 'finished', outcome: node.outcome }, endedAt)] : [];
    });
    return [...ended, statisticsRecord(catalog, started, { kind: 'stopped' }, endedAt)];
  });
  const days = lastDays(endedAt, 90);
  return buildReport(catalog, records, { from: days[0] ?? '', to: days.at(-1) ?? '' });
}
