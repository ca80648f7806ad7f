import { describe, expect, it } from 'vitest';
import { choose, locate, startCase, type Position } from '../../src/troubleshooting/engine.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { edgesOf } from '../../src/troubleshooting/flow-graph.js';
import { DeskDriver, textOf } from '../support/desk-driver.js';
import { seedPaths } from './seed-paths.js';

const catalog = loadFlowCatalog('flows');

/**
 * Conversation tests as tables: each seed path is clicked through the real bot (dialogs, cards,
 * flows) as a staff member would, asserting the Dutch text on every card that follows a click.
 */
describe.each(seedPaths.map((p) => [p.name, p] as const))('%s', (_name, path) => {
  it('walks to an end card in the bot, showing each expected instruction', async () => {
    const desk = new DeskDriver();
    const flow = catalog.flow(path.flow);
    expect(flow, `flow ${path.flow}`).toBeDefined();
    await desk.send({ type: 'message', value: { v: 1, action: 'start', flow: path.flow } });
    let shown = textOf(desk.transcript);
    for (const [index, step] of path.steps.entries()) {
      if (step.click !== undefined) shown = textOf(await desk.click(step.click));
      for (const text of step.sees) expect(shown, `step ${index + 1} (${step.click ?? 'start'})`).toContain(text);
    }
    expect(shown).toContain('Nieuwe casus');
    // Every path that answered at least one step ends with the case summary.
    if (path.steps.some((s) => s.click !== undefined)) expect(shown).toContain('Samenvatting van de casus');
    else expect(shown).not.toContain('Samenvatting van de casus');
  });
});

describe('the seed paths together', () => {
  it('click every answer of every question node and reach every end node', () => {
    const clicked = new Set<string>();
    const reached = new Set<string>();
    for (const path of seedPaths) {
      const flow = catalog.flow(path.flow);
      if (!flow) throw new Error(`unknown flow ${path.flow}`);
      let state = startCase(flow, 'c', new Date());
      let at: Position | undefined;
      for (const step of path.steps) {
        const located = locate(catalog, state);
        if (!located.ok) throw new Error(located.error.code);
        at = located.value;
        if (step.click === undefined) continue;
        const edge = at.edges.find((e) => e.label === step.click);
        if (!edge) throw new Error(`${path.name}: no button "${step.click}" on ${at.node.id}`);
        clicked.add(`${flow.id}/${at.node.id}/${edge.answerId}`);
        const moved = choose(catalog, state, { nodeId: at.node.id, step: at.step, answerId: edge.answerId });
        if (!moved.ok) throw new Error(moved.error.code);
        state = moved.value.state;
        at = moved.value.to;
      }
      if (at) reached.add(`${flow.id}/${at.node.id}`);
    }
    const allAnswers = catalog.flows.flatMap((f) => f.nodes.flatMap((n) => edgesOf(n).map((e) => `${f.id}/${n.id}/${e.answerId}`)));
    const allEnds = catalog.flows.flatMap((f) => f.nodes.filter((n) => n.kind === 'end').map((n) => `${f.id}/${n.id}`));
    expect(allAnswers.filter((a) => !clicked.has(a))).toEqual([]);
    expect(allEnds.filter((e) => !reached.has(e))).toEqual([]);
  });
});
