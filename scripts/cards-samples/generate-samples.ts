import { formatDay } from '../../src/cards/format.js';
import { fill, loadMessages, type Messages } from '../../src/cards/messages.js';
import { matchesCardData, switchCardData } from '../../src/cards/offer-cards.js';
import { noticeViews, stepCardData, type StepView } from '../../src/cards/step-card.js';
import { submitData } from '../../src/cards/submit-schema.js';
import { statisticsRecord } from '../../src/statistics/statistics-record.js';
import { buildReport } from '../../src/statistics/statistics-report.js';
import { statisticsCardData } from '../../src/statistics/statistics-view.js';
import { summariseCase } from '../../src/summaries/case-summary.js';
import type { Handover } from '../../src/summaries/handover-board.js';
import type { OutboxItem } from '../../src/summaries/summary-outbox.js';
import { channelSummaryData, openCaseData, staffSummaryData } from '../../src/summaries/summary-view.js';
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
const CLAIMED = new Date('2026-03-02T10:15:00Z');
const HANDLED = new Date('2026-03-02T11:30:00Z');
const colleague = { id: 'voorbeeld-2', name: 'Andere Collega' };
/** A made-up notice, as an editor would write it in flows/notices.yaml. */
const notice = { id: 'kb-storing', text: 'Inloggen bij de KB is verstoord sinds 9:00. Laat de klant het later opnieuw proberen.', link: { title: 'Website KB', url: 'https://www.kb.nl' }, from: STARTED, until: ENDED };
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
      { name: 'welkom', caption: 'Welkom (eerste contact)', data: { notices: [], heading: m.welcomeHeading, intro: m.welcomeIntro, hint: m.menuHint, flows } },
      { name: 'menu', caption: 'Menu', data: { notices: [], heading: m.menuHeading, intro: m.menuIntro, hint: m.menuHint, flows } },
      { name: 'menu-melding', caption: 'Menu met een melding (flows/notices.yaml)', data: { notices: noticeViews([notice]), heading: m.menuHeading, intro: m.menuIntro, hint: m.menuHint, flows } },
      { name: 'begroeting', caption: 'Na een groet (hallo, goedemorgen)', data: { notices: [], heading: m.menuHeading, intro: m.greeting, hint: m.menuHint, flows } },
    ],
    ...offerSamples(catalog, m),
    help: [{ name: 'help', caption: 'Help (in een kanaal)', data: { mentionHint: true, menuData: submitData({ action: 'menu' }) } }],
    step: stepSamples(catalog, m),
    ...summarySamples(catalog, m),
    'handover-list': handoverListSamples(catalog, m),
    statistics: [{ name: 'statistieken', caption: 'Statistieken (voorbeeldcijfers)', data: statisticsCardData(m, sampleReport(catalog)) }],
  };
}

function stepSamples(catalog: FlowCatalog, m: Messages): Sample[] {
  const flow = catalog.flows[0];
  const node = flow?.nodes.find((n) => n.kind === 'question' && (n.wise?.length ?? 0) > 0) ?? flow?.nodes[0];
  const trail = flow && node ? shortestTrail(flow, node.id) : undefined;
  if (!flow || !node || !trail) return [];
  const located = locate(catalog, { ...startCase(flow, 'voorbeeld-stap', STARTED), trail });
  const first = locate(catalog, startCase(flow, 'voorbeeld-stap', STARTED));
  if (!located.ok || !first.ok) return [];
  const changeNote = fill(m.procedureChangedOn, { date: formatDay('2026-03-01'), note: 'hier staat de toelichting uit changes in het flow-bestand.' });
  const card = (view: StepView) => stepCardData(catalog, m, { caseId: 'voorbeeld-stap' }, located.value, view);
  const owner = { id: '29:voorbeeld-medewerker', name: 'Voorbeeld Medewerker' };
  const samples: Sample[] = [
    { name: 'stap-beantwoord', caption: 'Een stap na de klik (gekozen antwoord, geen knoppen)', data: card({ answered: located.value.edges[0]?.label ?? '' }) },
    { name: 'stap-teruggegaan', caption: 'Een stap na "Vorige stap" (geen knoppen)', data: card({ closed: 'back' }) },
    { name: 'stap-groepschat', caption: 'Een stap in een groepschat: de casus van één medewerker, ververst voor haar', data: card({ owner }) },
    { name: 'stap-groepschat-collega', caption: 'Dezelfde stap zoals een collega hem ziet (alleen lezen)', data: card({ owner, readOnly: true }) },
    { name: 'eerste-stap-melding', caption: 'Eerste stap met een melding en de wijziging van het stappenplan', data: stepCardData(catalog, m, { caseId: 'voorbeeld-stap' }, first.value, { notices: [notice], changeNote }) },
  ];
  // A deep entry: typed "resetmail komt niet aan", so the case starts at the spam box step, behind the colleague/volunteer question.
  const deep = catalog.search.decide('resetmail komt niet aan');
  if (deep.kind === 'start' && deep.target.nodeId !== undefined) {
    const target = catalog.flow(deep.target.flowId);
    const state = target && startCase(target, 'voorbeeld-instap', STARTED, deep.target.nodeId);
    const guard = state && locate(catalog, state);
    if (state && guard?.ok) samples.push({ name: 'instap-vraag', caption: `Getypt "resetmail komt niet aan": eerst de collega-vraag, met "Gestart bij" en "Niet wat je zocht?"`, data: stepCardData(catalog, m, state, guard.value, { entry: state.entry, offerList: true }) });
  }
  // An end step that refers to another procedure: its button starts that one at the right step.
  for (const f of catalog.flows) {
    const end = f.nodes.find((n) => n.kind === 'end' && n.continueIn !== undefined);
    const trail = end && shortestTrail(f, end.id);
    const at = trail && locate(catalog, { ...startCase(f, 'voorbeeld-doorverwijzing', STARTED), trail });
    if (end && at?.ok) {
      // As the bot sends it: the summary follows, so the end card keeps only this button.
      samples.push({ name: 'doorverwijzing', caption: `Doorverwezen naar een ander stappenplan (${f.title})`, data: stepCardData(catalog, m, { caseId: 'voorbeeld-doorverwijzing' }, at.value, { closed: 'final' }) });
      break;
    }
  }
  return samples;
}

/** "Bedoel je …?" after a typed problem, and the offer to start a new case when another problem is typed during one. */
function offerSamples(catalog: FlowCatalog, m: Messages): Record<'matches' | 'switch', Sample[]> {
  const typed = catalog.search.decide('geen rechten');
  const options = typed.kind === 'choose' ? typed.options.map((o) => ({ flowId: o.flowId, nodeId: o.nodeId })) : [];
  const matches = matchesCardData(catalog, m, { targets: options });
  const matchesChosen = matchesCardData(catalog, m, { targets: [], chosen: catalog.flows[0]?.title ?? '' });
  const other = catalog.search.decide('resetmail komt niet aan');
  const current = catalog.flows.find((f) => other.kind === 'start' && f.id !== other.target.flowId);
  const offer = other.kind === 'start' && current ? switchCardData(catalog, m, { caseId: 'voorbeeld-wissel', flowId: current.id, step: 3, targets: [{ flowId: other.target.flowId, nodeId: other.target.nodeId }] }) : undefined;
  const chosen = current ? switchCardData(catalog, m, { caseId: 'voorbeeld-wissel', flowId: current.id, step: 3, targets: [], chosen: m.labelResume }) : undefined;
  return {
    matches: [
      ...(matches ? [{ name: 'bedoel-je', caption: 'Getypt "geen rechten": Bedoel je een van deze?', data: matches }] : []),
      ...(matchesChosen ? [{ name: 'bedoel-je-gekozen', caption: 'Na de klik op een van de mogelijkheden: zonder knoppen', data: matchesChosen }] : []),
    ],
    switch: [
      ...(offer ? [{ name: 'nieuwe-casus', caption: `Tijdens een casus "resetmail komt niet aan" getypt`, data: offer }] : []),
      ...(chosen ? [{ name: 'nieuwe-casus-gekozen', caption: 'Na de klik op "Verder met de huidige casus": zonder knoppen', data: chosen }] : []),
    ],
  };
}

function summarySamples(catalog: FlowCatalog, m: Messages): Record<'summary' | 'channel-summary', Sample[]> {
  const flow = catalog.flows.find((f) => f.nodes.some((n) => n.kind === 'end' && n.outcome !== 'opgelost')) ?? catalog.flows[0];
  const end = flow?.nodes.find((n) => n.kind === 'end' && n.outcome !== 'opgelost');
  const trail = flow && end ? shortestTrail(flow, end.id) : undefined;
  if (!flow || end?.kind !== 'end' || !trail) return { summary: [], 'channel-summary': [] };
  const summary = summariseCase(catalog, { state: { ...startCase(flow, 'voorbeeld-samenvatting', STARTED), trail }, outcome: end.outcome, endTitle: end.title, conversationId: 'voorbeeld', staff: { id: 'voorbeeld', name: 'Voorbeeld Medewerker' }, endedAt: ENDED });
  const teams = [{ teamId: 't1', teamName: 'Balieteam Assen' }, { teamId: 't2', teamName: 'Balieteam Emmen' }];
  const item: OutboxItem = { id: summary.caseId, summary, note: 'Klant komt morgen terug met haar pas.', target, origin: { reference }, status: 'sent', attempts: 1, createdAt: ENDED.toISOString(), nextAttemptAt: ENDED.toISOString() };
  const claimed = { by: colleague, at: CLAIMED.toISOString() };
  const takenOver = { ...summary, caseId: 'voorbeeld-overgenomen', staff: colleague, takenOver: { from: summary.staff, note: item.note } };
  return {
    summary: [
      { name: 'samenvatting', caption: 'Samenvatting, nog niet gedeeld (twee teams bekend)', data: staffSummaryData(m, summary, { teams }) },
      { name: 'samenvatting-gedeeld', caption: 'Samenvatting, gedeeld', data: staffSummaryData(m, summary, { teams: [], item }) },
      { name: 'samenvatting-mislukt', caption: 'Samenvatting, delen mislukt', data: staffSummaryData(m, summary, { teams: [], item: { ...item, status: 'failed', attempts: 10, lastFailure: { code: 'gave-up', attempts: 10, status: 503 } } }) },
      { name: 'samenvatting-overgenomen', caption: 'Samenvatting van een overgenomen casus', data: staffSummaryData(m, takenOver, { teams: [] }) },
    ],
    'channel-summary': [
      { name: 'kanaalbericht', caption: 'Samenvatting in het teamkanaal, nog door niemand opgepakt', data: channelSummaryData(m, item) },
      { name: 'kanaalbericht-opgepakt', caption: 'Samenvatting in het teamkanaal, opgepakt door een collega', data: channelSummaryData(m, item, { handover: { claimed } }) },
      { name: 'kanaalbericht-afgehandeld', caption: 'Samenvatting in het teamkanaal, afgehandeld', data: channelSummaryData(m, item, { handover: { claimed, continuedAs: 'voorbeeld-overgenomen', handled: { by: colleague, at: HANDLED.toISOString(), note: 'Klant kan weer inloggen na het koppelen.' } } }) },
    ],
  };
}

/** "open casussen" and the daily digest, with made-up open cases of every flow that can end unresolved. */
function handoverListSamples(catalog: FlowCatalog, m: Messages): Sample[] {
  const cases = catalog.flows.flatMap((flow, index): Handover[] => {
    const end = flow.nodes.find((n) => n.kind === 'end' && n.outcome !== 'opgelost');
    const trail = end ? shortestTrail(flow, end.id) : undefined;
    if (end?.kind !== 'end' || !trail) return [];
    const endedAt = new Date(ENDED.getTime() + index * 47 * 60_000);
    const summary = summariseCase(catalog, { state: { ...startCase(flow, `voorbeeld-open-${index}`, STARTED), trail }, outcome: end.outcome, endTitle: end.title, conversationId: 'voorbeeld', staff: { id: 'voorbeeld', name: 'Voorbeeld Medewerker' }, endedAt });
    return [{ caseId: summary.caseId, team: 't1', summary, note: index === 0 ? 'Klant komt morgen terug met haar pas.' : undefined, post: { reference, conversationId: '19:voorbeeld@thread.tacv2;messageid=1' }, openedAt: endedAt.toISOString() }];
  });
  const list = (heading: string, intro: string, shown: readonly Handover[], more?: number) => ({ heading, intro, cases: shown.map((h) => openCaseData(m, h)), more: more ? fill(m.openCasesMore, { n: more }) : undefined });
  return [
    { name: 'open-casussen', caption: "Open casussen ('@Baliewijzer open casussen' in een teamkanaal)", data: list(fill(m.openCasesHeading, { n: cases.length }), m.openCasesIntro, cases) },
    { name: 'overdracht', caption: 'Dagelijkse overdracht (HANDOVER_TIME), meer dan er op de kaart passen', data: list(fill(m.digestHeading, { n: cases.length + 21 }), m.digestIntro, cases, 21) },
    { name: 'geen-open-casussen', caption: 'Open casussen: geen', data: list(fill(m.openCasesHeading, { n: 0 }), m.openCasesNone, []) },
  ];
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
  const unrecognised = [
    { phrase: 'klant kan niet printen vanaf de pc', count: 4 },
    { phrase: 'pas geblokkeerd na [nummer verwijderd] pogingen', count: 2 },
    { phrase: 'mevrouw [naam verwijderd] wil een reservering annuleren', count: 1 },
  ];
  return buildReport(catalog, records, { from: '2025-12-03', to: '2026-03-02', unrecognised });
}
