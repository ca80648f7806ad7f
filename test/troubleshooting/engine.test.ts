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

describe('a case that starts at a later step (deep entry)', () => {
  const real = loadFlowCatalog('flows');
  const login = real.flow('klant-kan-niet-inloggen');
  const ebooks = real.flow('geen-rechten-e-books');
  if (!login || !ebooks) throw new Error('seed flows missing');
  const where = (c: typeof real, state: CaseState): string => {
    const at = locate(c, state);
    return at.ok ? `stap ${at.value.step}: ${at.value.node.id} [${at.value.edges.map((e) => `${e.answerId}→${e.next}`).join(', ')}]` : at.error.code;
  };
  const click = (c: typeof real, state: CaseState, answerId: string): CaseState => {
    const at = locate(c, state);
    if (!at.ok) throw new Error(at.error.code);
    const moved = choose(c, state, { nodeId: at.value.node.id, step: at.value.step, answerId });
    if (!moved.ok) throw new Error(moved.error.code);
    return moved.value.state;
  };

  it('asks the colleague/volunteer question first, and "Gewone klant" continues at the entry step', () => {
    const state = startCase(login, 'case-1', now, 'herstel-email');
    expect(state.entry).toBe('herstel-email');
    expect(where(real, state)).toBe('stap 1: collega-check [collega→collega-zelf, vrijwilliger→collega-zelf, gewone-klant→herstel-email]');
    const customer = click(real, state, 'gewone-klant');
    expect(where(real, customer)).toBe('stap 2: herstel-email [mail→controle-na-reset, geen-mail→alternatief-email]');
    expect(where(real, click(real, customer, 'geen-mail'))).toBe('stap 3: alternatief-email [verder→controle-na-reset]');
    expect(where(real, click(real, state, 'collega'))).toBe('stap 2: collega-zelf []');
  });

  it('goes back from the entry step to the guard, and from the guard nowhere (the dialog then shows the menu)', () => {
    const customer = click(real, startCase(login, 'case-1', now, 'wachtwoord-reset'), 'gewone-klant');
    const guard = back(real, customer);
    expect(guard.ok && `${guard.value.to.step}: ${guard.value.to.node.id}`).toBe('1: collega-check');
    if (!guard.ok) return;
    const first = back(real, guard.value.state);
    expect(!first.ok && first.error.code).toBe('at-start');
    // The trail still replays from the guard to the entry step after going back and on again.
    expect(where(real, click(real, guard.value.state, 'gewone-klant'))).toBe('stap 2: wachtwoord-reset [mail→controle-na-reset, geen-mail→herstel-email]');
  });

  it('starts at the step itself when the flow asks no guard before it', () => {
    const state = startCase(flow, 'case-1', now, 'controle');
    expect(where(catalog, state)).toBe('stap 1: controle [ja→klaar, nee→niet-klaar]');
    const done = choose(catalog, state, { nodeId: 'controle', step: 1, answerId: 'ja' });
    expect(done.ok && done.value.to.node.id).toBe('klaar');
  });

  it('starts at the top for the first step, the step right after the opening guard, or a step the flow does not have', () => {
    expect(startCase(ebooks, 'c', now, 'abonnement-check').entry).toBeUndefined();
    expect(startCase(ebooks, 'c', now, 'collega-check').entry).toBeUndefined();
    expect(startCase(login, 'c', now, 'zelfhulp').entry).toBeUndefined();
    expect(startCase(login, 'c', now, 'bestaat-niet').entry).toBeUndefined();
    expect(where(real, startCase(ebooks, 'c', now, 'abonnement-check'))).toBe('stap 1: collega-check [collega→collega-zelf, vrijwilliger→collega-zelf, gewone-klant→abonnement-check]');
  });

  it('notices a changed flow: a stored case whose entry step is gone, or no longer behind its guard, is not continued', () => {
    const state = click(real, startCase(login, 'case-1', now, 'herstel-email'), 'gewone-klant');
    expect(where(real, { ...state, entry: 'weg' })).toBe('flow-changed');
    // As if the step had moved before the guard: the answered guard no longer fits the trail.
    expect(where(real, { ...state, entry: 'zelfhulp' })).toBe('flow-changed');
  });

  it('keeps the case small: a deep entry along the longest answers stays under 2 KB and parses back', () => {
    let state = startCase(login, '2f1c4f8e-0b7d-4f53-9d3a-2f4f7c1c9a11', now, 'wachtwoord-reset');
    for (const answer of ['gewone-klant', 'geen-mail', 'geen-mail', 'verder', 'lukt-niet', 'lukt-niet']) state = click(real, state, answer);
    expect(where(real, state)).toBe('stap 7: incognito [lukt→gelukt, lukt-niet→niet-opgelost]');
    expect(JSON.stringify(state).length).toBeLessThan(2048);
    expect(caseStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});
