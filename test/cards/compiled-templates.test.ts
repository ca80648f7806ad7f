import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/cards/compiled-template.js';
import { loadMessages } from '../../src/cards/messages.js';
import { stepCardData, type StepView } from '../../src/cards/step-card.js';
import { locate, startCase } from '../../src/troubleshooting/engine.js';
import { edgesOf } from '../../src/troubleshooting/flow-graph.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { shortestTrail } from '../../scripts/cards-preview/step-trail.js';

/**
 * The bot expands its card templates with its own compiler (issue 19), but the templates stay in
 * the adaptivecards-templating format and the library stays the reference: for every template,
 * every sample, every step card of every flow, and samples with fields missing, null or empty,
 * the compiled expansion is the library's, byte for byte (or both refuse the data).
 */
const CARDS = 'cards';
const templates = readdirSync(CARDS)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ name: file.slice(0, -5), json: JSON.parse(readFileSync(join(CARDS, file), 'utf8')) as unknown }))
  .filter((t) => typeof t.json === 'object' && t.json !== null && 'type' in t.json && t.json.type === 'AdaptiveCard');

/** What expanding gives, as text, or the fact that it throws. */
function outcome(expand: () => unknown): string {
  try {
    return JSON.stringify(expand());
  } catch {
    return 'throws';
  }
}

/**
 * Each template compiled, and made a library Template, once: the library's constructor takes
 * about 20 ms (its expand well under 1 ms), which made thousands of comparisons a minute's work.
 */
const prepared = new WeakMap<object, { readonly compiled: ReturnType<typeof compileTemplate>; readonly library: ACData.Template }>();

function prepare(template: unknown): { readonly compiled: ReturnType<typeof compileTemplate>; readonly library: ACData.Template } {
  if (typeof template !== 'object' || template === null) return { compiled: compileTemplate(template), library: new ACData.Template(template) };
  const known = prepared.get(template);
  if (known) return known;
  const made = { compiled: compileTemplate(template), library: new ACData.Template(template) };
  prepared.set(template, made);
  return made;
}

function expectSame(template: unknown, data: unknown, what: string): void {
  const { compiled, library } = prepare(template);
  if (!compiled) throw new Error(`${what}: the template did not compile`);
  expect(outcome(() => compiled(data)), what).toBe(outcome(() => library.expand({ $root: data })));
}

const samplesOf = (name: string): Array<{ name: string; data: Record<string, unknown> }> => JSON.parse(readFileSync(join(CARDS, 'samples', `${name}.json`), 'utf8')) as Array<{ name: string; data: Record<string, unknown> }>;

describe('compiled card templates', () => {
  it('compile, every one of them', () => {
    expect(templates.length).toBeGreaterThanOrEqual(6);
    for (const t of templates) expect(compileTemplate(t.json), t.name).toBeDefined();
  });

  it('expand every sample exactly as adaptivecards-templating does', () => {
    for (const t of templates) for (const sample of samplesOf(t.name)) expectSame(t.json, sample.data, `${t.name}/${sample.name}`);
  });

  it('expand every step card of every flow, open and answered, exactly as adaptivecards-templating does', () => {
    const step = templates.find((t) => t.name === 'step');
    if (!step) throw new Error('no step template');
    const messages = loadMessages(CARDS);
    let cards = 0;
    for (const dir of ['flows', 'test/fixtures/flows']) {
      const catalog = loadFlowCatalog(dir);
      for (const flow of catalog.flows) {
        for (const node of flow.nodes) {
          const trail = shortestTrail(flow, node.id);
          if (!trail) continue;
          const state = { ...startCase(flow, `case-${flow.id}`, new Date('2026-03-02T09:00:00Z')), trail };
          const located = locate(catalog, state);
          if (!located.ok) throw new Error(`${flow.id}/${node.id} not located`);
          // Open, answered, and as Universal Actions show it in a shared chat: the owner's live card (refresh, verbs), a colleague's view, closed.
          const owner = { id: '29:ans', name: 'Ans de Vries' };
          const variants: Array<{ readonly name: string; readonly view: StepView }> = [
            { name: 'open', view: {} },
            ...edgesOf(node).map((e) => ({ name: e.label, view: { answered: e.label } })),
            { name: 'owned', view: { owner, entry: node.id } },
            { name: 'read-only', view: { owner, readOnly: true } },
            { name: 'closed', view: { owner, closed: 'stopped' } },
          ];
          for (const { name, view } of variants) {
            expectSame(step.json, stepCardData(catalog, messages, state, located.value, view), `${flow.id}/${node.id}/${name}`);
            cards += 1;
          }
        }
      }
    }
    expect(cards).toBeGreaterThan(100);
  });

  it('expand samples with any one field missing, null, empty, zero or of another kind as the library does', () => {
    const odd: readonly unknown[] = [undefined, null, '', 0, 3, [], ['een'], {}, true, false];
    let cases = 0;
    for (const t of templates) {
      for (const sample of samplesOf(t.name)) {
        for (const key of Object.keys(sample.data)) {
          for (const value of odd) {
            const data: Record<string, unknown> = { ...sample.data };
            if (value === undefined) Reflect.deleteProperty(data, key);
            else data[key] = value;
            expectSame(t.json, data, `${t.name}/${sample.name} with ${key} = ${JSON.stringify(value)}`);
            cases += 1;
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(500);
  });

  it('follow the library on the rules its cards do not show: repeats, $when, case-insensitive names, substitution', () => {
    const template = {
      type: 'AdaptiveCard',
      version: '1.5',
      a: '${Title}',
      b: [{ $data: '${items}', $when: '${ok}', n: '${name}', i: '${$index}', r: '${$root.title}' }],
      c: { $data: '${single}', m: '${n}' },
      d: { $when: 'not an expression', v: 1 },
      e: { $when: '', v: 2 },
      f: '${count(items) >= 2} ${missing} ${items.length}',
      g: { $when: '${title != null}', v: 3 },
      h: '${n == null}',
    };
    expectSame(template, { title: 'Titel', items: [{ ok: true, name: 'a' }, { ok: false, name: 'b' }, { ok: true }], single: { n: 'enkel' } }, 'rules');
    expectSame(template, { items: [], single: [] }, 'rules, empty');
  });

  it('refuse an expression they do not know, so the bot stops at load instead of showing a wrong card', () => {
    expect(compileTemplate({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: "${if(x, 'ja', 'nee')}" }] })).toBeUndefined();
    expect(compileTemplate({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${a && b}' }] })).toBeUndefined();
  });
});
