import { loadMessages, type Messages } from '../../src/cards/messages.js';
import { stepCardData } from '../../src/cards/step-card.js';
import { submitData } from '../../src/cards/submit-schema.js';
import { statisticsRecord } from '../../src/statistics/statistics-record.js';
import { buildReport } from '../../src/statistics/statistics-report.js';
import { statisticsCardData } from '../../src/statistics/statistics-view.js';
import { summariseCase } from '../../src/summaries/case-summary.js';
import type { OutboxItem } from '../../src/summaries/summary-outbox.js';
import { channelSummaryData, staffSummaryData } from '../../src/summaries/summary-view.js';
import { locate, startCase } from '../../src/troubleshooting/engine.js';
import type { FlowCatalog } from '../../src/troubleshooting/flow-catalog.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { shortestTrail } from '../cards-preview/step-trail.js';

/** One sample: a name (file-safe), what it shows, and the data its template is expanded with. */
export interface Sample {
  readonly name: string;
  readonly caption: string;
  readonly data: object;
}

const STARTED = new Date('2026-03-02T09:00:00Z');
const ENDED = new Date('2026-03-02T09:04:05Z');
const reference = { serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams', conversation: { id: '19:voorbeeld@thread.tacv2' }, bot: { id: 'voorbeeld-bot' } };
const target = { teamId: 't1', teamName: 'Balieteam Assen', channelId: 'c1', channelName: 'Casussen', reference };

/**
 * Sample data for every card template, made by the bot's own code from the flows (no real names),
 * so `cards/samples/` shows each card in its states as the bot would fill it.
 */
export function generateSamples(flowsDir: string, cardsDir: string): Record<string, Sample[]> {
  const m = loadMessages(cardsDir);
  const catalog = loadFlowCatalog(flowsDir);
  const flows = catalog.flows.map((f) => ({ title: f.title, data: submitData({ action: 'start', flow: f.id }) }));
  return {
    menu: [
      { name: 'welkom', caption: 'Welkom (eerste contact)', data: { heading: m.welcomeHeading, intro: m.welcomeIntro, hint: m.menuHint, flows } },
      { name: 'menu', caption: 'Menu', data: { heading: m.menuHeading, intro: m.menuIntro, hint: m.menuHint, flows } },
      { name: 'bedoel-je', caption: 'Bedoel je een van deze?', data: { heading: m.matchesHeading, intro: m.matchesIntro, hint: m.menuHint, flows: flows.slice(0, 2) } },
    ],
    help: [{ name: 'help', caption: 'Help (in een kanaal)', data: { mentionHint: true, menuData: submitData({ action: 'menu' }) } }],
    step: stepSamples(catalog, m),
    ...summarySamples(catalog, m),
    statistics: [{ name: 'statistieken', caption: 'Statistieken (voorbeeldcijfers)', data: statisticsCardData(m, sampleReport(catalog)) }],
  };
}

function stepSamples(catalog: FlowCatalog, m: Messages): Sample[] {
  const flow = catalog.flows[0];
  const node = flow?.nodes.find((n) => n.kind === 'question' && (n.wise?.length ?? 0) > 0) ?? flow?.nodes[0];
  const trail = flow && node ? shortestTrail(flow, node.id) : undefined;
  if (!flow || !node || !trail) return [];
  const located = locate(catalog, { ...startCase(flow, 'voorbeeld-stap', STARTED), trail });
  if (!located.ok) return [];
  return [{ name: 'stap-beantwoord', caption: 'Een stap na de klik (gekozen antwoord, geen knoppen)', data: stepCardData(catalog, m, { caseId: 'voorbeeld-stap' }, located.value, { label: located.value.edges[0]?.label ?? '' }) }];
}

function summarySamples(catalog: FlowCatalog, m: Messages): Record<'summary' | 'channel-summary', Sample[]> {
  const flow = catalog.flows.find((f) => f.nodes.some((n) => n.kind === 'end' && n.outcome !== 'opgelost')) ?? catalog.flows[0];
  const end = flow?.nodes.find((n) => n.kind === 'end' && n.outcome !== 'opgelost');
  const trail = flow && end ? shortestTrail(flow, end.id) : undefined;
  if (!flow || end?.kind !== 'end' || !trail) return { summary: [], 'channel-summary': [] };
  const summary = summariseCase(catalog, { state: { ...startCase(flow, 'voorbeeld-samenvatting', STARTED), trail }, outcome: end.outcome, endTitle: end.title, conversationId: 'voorbeeld', staff: { id: 'voorbeeld', name: 'Voorbeeld Medewerker' }, endedAt: ENDED });
  const teams = [{ teamId: 't1', teamName: 'Balieteam Assen' }, { teamId: 't2', teamName: 'Balieteam Emmen' }];
  const item: OutboxItem = { id: summary.caseId, summary, note: 'Klant komt morgen terug met haar pas.', target, origin: { reference }, status: 'sent', attempts: 1, createdAt: ENDED.toISOString(), nextAttemptAt: ENDED.toISOString() };
  return {
    summary: [
      { name: 'samenvatting', caption: 'Samenvatting, nog niet gedeeld (twee teams bekend)', data: staffSummaryData(m, summary, { teams }) },
      { name: 'samenvatting-gedeeld', caption: 'Samenvatting, gedeeld', data: staffSummaryData(m, summary, { teams: [], item }) },
      { name: 'samenvatting-mislukt', caption: 'Samenvatting, delen mislukt', data: staffSummaryData(m, summary, { teams: [], item: { ...item, status: 'failed', attempts: 10, lastFailure: { code: 'gave-up', attempts: 10, status: 503 } } }) },
    ],
    'channel-summary': [{ name: 'kanaalbericht', caption: 'Samenvatting in het teamkanaal', data: channelSummaryData(m, item) }],
  };
}

/** Made-up cases: in every flow, one case to each end step and one stopped at the first step. */
function sampleReport(catalog: FlowCatalog) {
  const records = catalog.flows.flatMap((flow) => {
    const started = startCase(flow, 'voorbeeld-statistiek', STARTED);
    const ended = flow.nodes.flatMap((node) => {
      const trail = node.kind === 'end' ? shortestTrail(flow, node.id) : undefined;
      return node.kind === 'end' && trail ? [statisticsRecord(catalog, { ...started, trail }, node.outcome, ENDED, node.id).record] : [];
    });
    return [...ended, statisticsRecord(catalog, started, 'gestopt', ENDED, flow.start).record];
  });
  return buildReport(catalog, records, { from: '2025-12-03', to: '2026-03-02' });
}
