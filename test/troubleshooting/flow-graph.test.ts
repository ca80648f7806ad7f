import { describe, expect, it } from 'vitest';
import { checkFlowGraph } from '../../src/troubleshooting/flow-graph.js';
import type { Flow, FlowNode } from '../../src/troubleshooting/flow-schema.js';

const source = { document: '000_6fed7dc7d090f00a.txt', section: 'Check rechten' };
const question = (id: string, answers: Array<[string, string, boolean?]>): FlowNode => ({
  kind: 'question',
  id,
  title: id,
  question: `${id}?`,
  source,
  answers: answers.map(([answer, next, loop]) => ({ id: answer, label: answer, next, ...(loop ? { loop } : {}) })),
});
const end = (id: string): FlowNode => ({ kind: 'end', id, title: id, outcome: 'opgelost', source });
const flow = (nodes: FlowNode[], start = 'a'): Flow => ({
  schemaVersion: 1,
  id: 'f',
  title: 'F',
  version: 1,
  description: 'F',
  order: 1,
  triggers: { phrases: ['f'], errorCodes: [] },
  start,
  nodes,
});
const messages = (f: Flow) => checkFlowGraph(f).map((p) => `${p.nodeId ?? '-'}: ${p.message}`);

describe('flow graph checks', () => {
  it('accepts a tree whose every node is reachable and can reach an end', () => {
    expect(messages(flow([question('a', [['x', 'b'], ['y', 'c']]), end('b'), end('c')]))).toEqual([]);
  });

  it('names a start that does not exist', () => {
    expect(messages(flow([end('b')], 'a'))).toEqual(['-: start "a" verwijst naar een node die niet bestaat']);
  });

  it('names the node whose answer points to a missing node', () => {
    expect(messages(flow([question('a', [['x', 'b'], ['y', 'weg']]), end('b')]))).toEqual([
      'a: "y" verwijst naar node "weg" die niet bestaat',
    ]);
  });

  it('names duplicate node ids and duplicate answer ids', () => {
    expect(messages(flow([question('a', [['x', 'b'], ['x', 'b']]), end('b'), end('b')]))).toEqual([
      'b: node-id "b" komt meer dan eens voor',
      'a: antwoord-id "x" komt meer dan eens voor',
    ]);
  });

  it('names a node nobody can reach', () => {
    expect(messages(flow([question('a', [['x', 'b'], ['y', 'b']]), end('b'), end('eiland')]))).toEqual([
      'eiland: onbereikbaar vanaf de start',
    ]);
  });

  it('names nodes from which no end can be reached', () => {
    const f = flow([question('a', [['x', 'b'], ['y', 'c']]), end('b'), question('c', [['x', 'd'], ['y', 'd']]), question('d', [['terug', 'c', true], ['nog', 'c', true]])]);
    expect(messages(f)).toEqual(['c: loopt dood: van hier is geen einde te bereiken', 'd: loopt dood: van hier is geen einde te bereiken']);
  });

  it('rejects a cycle that is not marked as "controleer opnieuw"', () => {
    const f = flow([question('a', [['x', 'b'], ['y', 'c']]), question('b', [['terug', 'a'], ['klaar', 'c']]), end('c')]);
    expect(messages(f)).toEqual([expect.stringContaining('zit in een kringloop')]);
  });

  it('accepts the same cycle when the back edge is marked loop: true', () => {
    const f = flow([question('a', [['x', 'b'], ['y', 'c']]), question('b', [['terug', 'a', true], ['klaar', 'c']]), end('c')]);
    expect(messages(f)).toEqual([]);
  });

  it('rejects an answer pointing to its own node unless marked as loop', () => {
    const f = flow([question('a', [['x', 'a'], ['y', 'c']]), end('c')]);
    expect(messages(f)).toContain('a: "x" verwijst naar de node zelf zonder loop: true');
  });
});
