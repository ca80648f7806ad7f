import { describe, expect, it } from 'vitest';
import { evaluate } from '../../scripts/eval-matching/evaluate-matching.js';
import { readEvaluationSet } from '../../scripts/eval-matching/evaluation-set.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { phraseKey } from '../../src/troubleshooting/search/dutch-text.js';

const catalog = loadFlowCatalog('flows');
const phrases = readEvaluationSet();

describe('what staff type finds the right procedure and step (test/matching/phrases.yaml)', () => {
  it('has at least 80 phrasings, with small talk, unrelated questions and steps among them', () => {
    expect(phrases.length).toBeGreaterThanOrEqual(80);
    expect(phrases.filter((p) => 'expect' in p && (p.expect === 'greeting' || p.expect === 'thanks')).length).toBeGreaterThanOrEqual(3);
    expect(phrases.filter((p) => 'expect' in p && p.expect === 'none').length).toBeGreaterThanOrEqual(3);
    expect(phrases.filter((p) => 'step' in p && p.step !== undefined).length).toBeGreaterThanOrEqual(20);
  });

  it('is written in staff words, not copied from the flows: no phrase is a trigger or entry phrase', () => {
    const flowPhrases = new Set(catalog.flows.flatMap((f) => [...f.triggers.phrases, ...f.triggers.errorCodes, ...f.nodes.flatMap((n) => n.entry ?? [])]).map(phraseKey));
    expect(phrases.map((p) => p.text).filter((text) => flowPhrases.has(phraseKey(text)))).toEqual([]);
  });

  it('names only procedures and steps that exist', () => {
    const unknown = phrases.flatMap((p) => ('flow' in p ? [p.step === undefined ? (catalog.flow(p.flow) ? [] : [p.flow]) : catalog.node(p.flow, p.step) ? [] : [`${p.flow} › ${p.step}`]].flat() : 'flows' in p ? p.flows.filter((f) => !catalog.flow(f)) : []));
    expect(unknown).toEqual([]);
  });

  it('starts the right procedure for at least 90% and at the right step for at least 80%', () => {
    const result = evaluate(catalog, phrases, (text) => catalog.search.decide(text));
    const misses = result.misses.map((m) => `${m.text}: expected ${m.expected}, got ${m.got}`);
    expect({ procedure: result.procedure >= 0.9, step: result.step >= 0.8, misses }).toMatchObject({ procedure: true, step: true });
  });
});
