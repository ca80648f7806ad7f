import { describe, expect, it } from 'vitest';
import { caseSummarySchema, summariseCase } from '../../src/summaries/case-summary.js';
import { locate, startCase } from '../../src/troubleshooting/engine.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';

/**
 * A shared summary carries the case's answers so a colleague can pick the case up where it
 * stopped ("Verder in mijn chat"). These read it back as the handover board stores it.
 */
const catalog = loadFlowCatalog('flows');
const login = catalog.flow('klant-kan-niet-inloggen');
const STAFF = { id: 'staff-1', name: 'Balie Medewerker' };
const AT = new Date('2026-03-02T09:00:00Z');

describe('the answers a shared summary keeps for whoever picks the case up', () => {
  it('"resetmail komt niet aan", Gewone klant, stopped and shared: read back, its answers lead to Geen resetmail again (from the top of the flow they fit no step)', () => {
    if (!login) throw new Error('seed flow missing');
    const deep = { ...startCase(login, 'case-1', AT, 'herstel-email'), trail: ['gewone-klant'] };
    const stopped = locate(catalog, deep);
    expect(stopped.ok && stopped.value.node.id).toBe('herstel-email');

    const summary = summariseCase(catalog, { state: deep, outcome: 'gestopt', conversationId: 'a:personal-1', staff: STAFF, endedAt: AT });
    const stored = caseSummarySchema.parse(JSON.parse(JSON.stringify(summary)));
    const continued = { caseId: 'case-2', flowId: stored.flowId, flowVersion: stored.flowVersion, trail: stored.trail ?? [], startedAt: AT.toISOString(), ...(stored.entry === undefined ? {} : { entry: stored.entry }) };
    const picked = locate(catalog, continued);
    expect(picked.ok && [picked.value.node.id, picked.value.step]).toEqual(['herstel-email', 2]);
  });

  it('reads a summary stored before issue 19, with every step and its answer, as its answers', () => {
    if (!login) throw new Error('seed flow missing');
    const summary = summariseCase(catalog, { state: { ...startCase(login, 'case-1', AT), trail: [] }, outcome: 'niet-opgelost', conversationId: 'a:personal-1', staff: STAFF, endedAt: AT });
    const old = { ...summary, trail: [{ node: 'collega-check', answer: 'gewone-klant' }] };
    expect(caseSummarySchema.parse(old).trail).toEqual(['gewone-klant']);
  });
});
