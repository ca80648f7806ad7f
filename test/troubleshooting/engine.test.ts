import { describe, expect, it } from 'vitest';
import { caseStateSchema, type CaseState } from '../../src/troubleshooting/case-state.js';
import { answeredSteps, back, choose, locate, startCase } from '../../src/troubleshooting/engine.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';

const catalog = loadFlowCatalog('test/fixtures/flows');
const flow = catalog.flow('proef');
if (!flow) throw new Error('fixture flow missing');
const now = new Date('2026-03-01T09:00:00Z');
const fresh = (): CaseState => startCase(flow, 'case-1', now);

function mustChoose(state: CaseState, nodeId: string, step: number, answerId: string): CaseState {
  const moved = choose(catalog, state, { nodeId, step, answerId });
  if (!moved.ok) throw new Error(`expected a move, got ${moved.error.code}`);
  return moved.value.state;
}

describe('troubleshooting engine', () => {
  it('starts at the flow start as step 1 with the node answers as buttons', () => {
    const at = locate(catalog, fresh());
    expect(at.ok && at.value.node.id).toBe('vraag');
    expect(at.ok && at.value.step).toBe(1);
    expect(at.ok && at.value.edges.map((e) => e.label)).toEqual(['Rechten aanwezig', 'Geen rechten']);
  });

  it('moves along the chosen answer and records only the answer in the trail (the step follows from replaying)', () => {
    const moved = choose(catalog, fresh(), { nodeId: 'vraag', step: 1, answerId: 'nee' });
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    expect(moved.value.to.node.id).toBe('doe-iets');
    expect(moved.value.to.step).toBe(2);
    expect(moved.value.edge.label).toBe('Geen rechten');
    expect(moved.value.state.trail).toEqual(['nee']);
  });

  it('gives an instruction node a single "Gedaan" button', () => {
    const state = mustChoose(fresh(), 'vraag', 1, 'nee');
    const at = locate(catalog, state);
    expect(at.ok && at.value.edges.map((e) => [e.answerId, e.label])).toEqual([['verder', 'Gedaan']]);
  });

  it('refuses a click from an older step and reports where the case is', () => {
    const state = mustChoose(fresh(), 'vraag', 1, 'nee');
    const again = choose(catalog, state, { nodeId: 'vraag', step: 1, answerId: 'ja' });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error.code).toBe('stale-card');
    expect(again.error.code === 'stale-card' && again.error.current.node.id).toBe('doe-iets');
  });

  it('refuses an answer the node does not have', () => {
    const result = choose(catalog, fresh(), { nodeId: 'vraag', step: 1, answerId: 'misschien' });
    expect(!result.ok && result.error.code).toBe('unknown-answer');
  });

  it('refuses any click once the case stands on an end node', () => {
    const state = mustChoose(fresh(), 'vraag', 1, 'ja');
    const result = choose(catalog, state, { nodeId: 'klaar', step: 2, answerId: 'verder' });
    expect(!result.ok && result.error.code).toBe('case-ended');
  });

  it('goes back one step and says so at the first step', () => {
    const state = mustChoose(mustChoose(fresh(), 'vraag', 1, 'nee'), 'doe-iets', 2, 'verder');
    const once = back(catalog, state);
    expect(once.ok && once.value.to.node.id).toBe('doe-iets');
    const atStart = back(catalog, fresh());
    expect(!atStart.ok && atStart.error.code).toBe('at-start');
  });

  it('notices when the flow no longer fits the trail (the flow was edited)', () => {
    const edited: CaseState = { ...fresh(), trail: ['verdwenen'] };
    const at = locate(catalog, edited);
    expect(!at.ok && at.error).toEqual({ code: 'flow-changed', flowId: 'proef', nodeId: 'vraag' });
  });

  it('reads a case stored before issue 19, with every step and answer, as its answers, and continues it', () => {
    const stored = { ...fresh(), trail: [{ node: 'vraag', answer: 'nee' }] };
    const read = caseStateSchema.parse(stored);
    expect(read.trail).toEqual(['nee']);
    const at = locate(catalog, read);
    expect(at.ok && [at.value.node.id, at.value.step]).toEqual(['doe-iets', 2]);
    // Saved again, it is written the new way.
    expect(JSON.stringify(caseStateSchema.parse(read))).not.toContain('"node"');
  });

  it('reports an unknown flow instead of throwing', () => {
    const at = locate(catalog, { ...fresh(), flowId: 'bestaat-niet' });
    expect(!at.ok && at.error.code).toBe('unknown-flow');
  });

  it('lists the answered steps with the labels that were clicked', () => {
    const state = mustChoose(mustChoose(fresh(), 'vraag', 1, 'nee'), 'doe-iets', 2, 'verder');
    expect(answeredSteps(catalog, state).map((s) => `${s.step}. ${s.node.title}: ${s.answer}`)).toEqual([
      '1. Eerste vraag: Geen rechten',
      '2. Autoriseer: Gedaan',
    ]);
  });

  it('keeps the case state serialisable and valid against its schema', () => {
    const state = mustChoose(fresh(), 'vraag', 1, 'nee');
    expect(caseStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});
