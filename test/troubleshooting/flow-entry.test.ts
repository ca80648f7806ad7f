import { describe, expect, it } from 'vitest';
import { guardBefore, isStartEquivalent } from '../../src/troubleshooting/flow-entry.js';
import { checkFlowGraph } from '../../src/troubleshooting/flow-graph.js';
import type { Flow } from '../../src/troubleshooting/flow-schema.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';

const catalog = loadFlowCatalog('flows');
const flow = (id: string): Flow => {
  const found = catalog.flow(id);
  if (!found) throw new Error(`no flow ${id}`);
  return found;
};
const guardOf = (flowId: string, nodeId: string): string | undefined => {
  const guard = guardBefore(flow(flowId), nodeId);
  return guard && `${guard.node.id} → ${guard.pass}`;
};

describe('a case that starts at a later step asks the colleague/volunteer question first', () => {
  it.each([
    ['klant-kan-niet-inloggen', 'wachtwoord-reset', 'collega-check → gewone-klant'],
    ['klant-kan-niet-inloggen', 'herstel-email', 'collega-check → gewone-klant'],
    ['klant-kan-niet-inloggen', 'rechten-check', 'collega-check → gewone-klant'],
    ['geen-rechten-e-books', 'rechten-check', 'collega-check → gewone-klant'],
    ['inactief-inlogaccount', 'koppel', 'collega-check → gewone-klant'],
    // The self-help step comes before the guard, the guard needs no guard, and a flow without one has none.
    ['klant-kan-niet-inloggen', 'zelfhulp', undefined],
    ['klant-kan-niet-inloggen', 'collega-check', undefined],
    ['authentication-logout-detected', 'adblocker-vpn-browser', undefined],
  ])('%s › %s: %s', (flowId, nodeId, expected) => {
    expect(guardOf(flowId, nodeId)).toBe(expected);
  });

  it('treats the step right after an opening guard as the top of the flow, not as a deep entry', () => {
    expect(isStartEquivalent(flow('geen-rechten-e-books'), 'abonnement-check')).toBe(true);
    expect(isStartEquivalent(flow('inactief-inlogaccount'), 'melding')).toBe(true);
    expect(isStartEquivalent(flow('klant-kan-niet-inloggen'), 'zelfhulp')).toBe(true);
    expect(isStartEquivalent(flow('klant-kan-niet-inloggen'), 'rechten-check')).toBe(false);
    expect(isStartEquivalent(flow('geen-rechten-e-books'), 'rechten-check')).toBe(false);
  });

  it('refuses a guard whose passing answer the question does not have', () => {
    const source = { document: '000_6fed7dc7d090f00a.txt', section: 'Check rechten' };
    const broken: Flow = {
      schemaVersion: 1,
      id: 'f',
      title: 'F',
      version: 1,
      description: 'F',
      order: 1,
      triggers: { phrases: ['f'], errorCodes: [] },
      start: 'a',
      nodes: [
        { kind: 'question', id: 'a', title: 'A', question: 'A?', source, guard: { pass: 'klant' }, answers: [{ id: 'ja', label: 'Ja', next: 'b' }, { id: 'nee', label: 'Nee', next: 'b' }] },
        { kind: 'end', id: 'b', title: 'B', outcome: 'opgelost', source },
      ],
    };
    expect(checkFlowGraph(broken).map((p) => `${p.nodeId}: ${p.message}`)).toEqual(['a: guard.pass "klant" is geen antwoord van deze vraag (wel: ja, nee)']);
  });
});
