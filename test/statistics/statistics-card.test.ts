import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { CardTemplates } from '../../src/cards/card-templates.js';
import { loadMessages } from '../../src/cards/messages.js';
import { buildReport } from '../../src/statistics/statistics-report.js';
import { statisticsCard } from '../../src/statistics/statistics-view.js';
import { statisticsRecord, type StatisticsRecord } from '../../src/statistics/statistics-record.js';
import { startCase } from '../../src/troubleshooting/engine.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { shortestTrail } from '../../scripts/cards-preview/step-trail.js';
import { cardText } from '../support/card-text.js';

const TEAMS_CARD_LIMIT_BYTES = 25 * 1024;
const catalog = loadFlowCatalog('flows');
const templates = CardTemplates.load('cards');
const messages = loadMessages('cards');

/** A busy period: in every flow, many cases stopped on every step and finished at every end. */
function busyReport() {
  const endedAt = new Date('2026-03-02T10:00:00Z');
  const records: StatisticsRecord[] = [];
  for (const flow of catalog.flows) {
    const started = startCase(flow, 'c', new Date('2026-03-02T09:51:00Z'));
    for (const node of flow.nodes) {
      const trail = shortestTrail(flow, node.id) ?? [];
      for (let i = 0; i < 120; i++) {
        const ending = node.kind === 'end' ? node.outcome : 'gestopt';
        records.push(statisticsRecord(catalog, { ...started, trail }, ending, endedAt, node.id).record);
      }
    }
  }
  return buildReport(catalog, records, { from: '2025-12-03', to: '2026-03-02' });
}

describe('the statistieken card', () => {
  const card = statisticsCard(templates, messages, busyReport());

  it('parses in the official renderer without warnings and stays under Teams\' card size limit with every step in use', () => {
    const parsed = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    context.targetVersion = AC.Versions.v1_5;
    parsed.parse(card, context);
    const warnings = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
    expect([...warnings, ...parsed.validateProperties().validationEvents.map((e) => e.message)]).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });

  it('shows every count as text, so no number silently disappears from a fact', () => {
    const facts = JSON.stringify(card).match(/"value":[^,}]+/g) ?? [];
    expect(facts.length).toBeGreaterThan(0);
    for (const fact of facts) expect(fact).toMatch(/^"value":"/);
  });

  it('reads like a report for the team: period, flows, totals, steps and where cases ended', () => {
    const text = cardText(card);
    expect(text).toContain('3 dec 2025 t/m 2 mrt 2026');
    expect(text).toContain('Klant kan niet inloggen\nCasussen\n');
    expect(text).toContain('× Check de inlogaccount-rechten');
    expect(text).toContain('Eindigde hier: 120 afgebroken; mediane duur 9 min 00 s');
    expect(text).toContain('Zonder namen of notities');
  });

  it('says how many cases started directly at a step, and lists the phrases it did not recognise', () => {
    const login = catalog.flow('klant-kan-niet-inloggen');
    if (!login) throw new Error('seed flow missing');
    const deep = startCase(login, 'c', new Date('2026-03-02T09:00:00Z'), 'herstel-email');
    const record = statisticsRecord(catalog, { ...deep, trail: ['gewone-klant'] }, 'gestopt', new Date('2026-03-02T09:05:00Z'), 'herstel-email').record;
    const report = buildReport(catalog, [record, record], { from: '2026-03-01', to: '2026-03-02', unrecognised: [{ phrase: 'printer is stuk', count: 3 }, { phrase: 'wifi doet het niet', count: 1 }] });
    const text = cardText(statisticsCard(templates, messages, report));
    expect(text).toContain('2× Geen resetmail: spambox en herstel-e-mailadres\nEindigde hier: 2 afgebroken; mediane duur 5 min 00 s\nDirect hier gestart: 2×');
    expect(text).toContain('Niet herkend: wat het vaakst getypt werd');
    expect(text).toContain('3× printer is stuk\n1× wifi doet het niet');
  });
});
