import { fill } from '../../src/cards/messages.js';
import type { FlowCatalog } from '../../src/troubleshooting/flow-catalog.js';
import { edgesOf, type Edge } from '../../src/troubleshooting/flow-graph.js';
import type { Outcome } from '../../src/troubleshooting/case-ending.js';
import type { Flow, FlowNode } from '../../src/troubleshooting/flow-schema.js';
import { escapeHtml, textBlock } from './html-text.js';
import { numberSteps, type NumberedSteps } from './number-steps.js';
import type { PrintText } from './print-text.js';

/** What a procedure's page needs besides the flow: the wording, and the outcome labels the cards use. */
export interface SectionContext {
  readonly catalog: FlowCatalog;
  readonly text: PrintText;
  readonly outcomeLabel: (outcome: Outcome) => string;
}

/** The anchor of a procedure, for the table of contents. */
export const procedureAnchor = (flow: Flow): string => `stappenplan-${flow.id}`;

/** The anchor of a numbered step, the target of every "→ stap N" on paper and on screen. */
export const stepAnchor = (flow: Flow, number: number): string => `${flow.id}--stap-${number}`;

const wisePath = (path: readonly string[]): string => path.map(escapeHtml).join(' → ');

/**
 * One procedure as it is printed: a heading with its version, then every step in the order of
 * {@link numberSteps}, each with what its card shows (text, Wise paths, numbered instructions,
 * facts, warnings, links with the full address, the question, the Bron line) and, per answer, the
 * step it leads to.
 */
export function procedureSection(flow: Flow, position: number, context: SectionContext): string {
  const { text } = context;
  const numbered = numberSteps(flow);
  const codes = flow.triggers.errorCodes;
  return [
    `<section class="procedure" id="${procedureAnchor(flow)}" data-flow="${escapeHtml(flow.id)}" data-version="${flow.version}">`,
    '<header class="procedure-head">',
    `<h2><span class="procedure-number">${position}.</span> ${escapeHtml(flow.title)}</h2>`,
    `<p class="description">${escapeHtml(flow.description)}</p>`,
    `<p class="meta">${escapeHtml(fill(text.procedureVersion, { version: flow.version, steps: flow.nodes.length }))}</p>`,
    ...(codes.length > 0 ? [`<p class="meta">${escapeHtml(fill(text.procedureErrorCodes, { codes: codes.join(', ') }))}</p>`] : []),
    '</header>',
    ...numbered.steps.map((node, index) => stepArticle(flow, node, index + 1, numbered, context)),
    '</section>',
  ].join('\n');
}

function stepArticle(flow: Flow, node: FlowNode, number: number, numbered: NumberedSteps, context: SectionContext): string {
  const { text } = context;
  const kind = node.kind === 'question' ? text.kindQuestion : node.kind === 'instruction' ? text.kindInstruction : text.kindEnd;
  const parts = [
    `<article class="step step-${node.kind}" id="${stepAnchor(flow, number)}" data-node="${escapeHtml(node.id)}" data-step="${number}">`,
    '<div class="step-head">',
    `<span class="step-number">${escapeHtml(fill(text.stepNumber, { number }))}</span>`,
    `<span class="step-kind">${escapeHtml(kind)}</span>`,
    `<span class="step-flow">${escapeHtml(flow.title)}</span>`,
    '</div>',
    `<h3>${escapeHtml(node.title)}</h3>`,
  ];
  if (node.kind === 'end') {
    parts.push(`<p class="outcome outcome-${node.outcome}">${escapeHtml(fill(text.outcome, { outcome: context.outcomeLabel(node.outcome) }))}</p>`);
  }
  if (node.text !== undefined) parts.push(`<div class="text">${textBlock(node.text)}</div>`);
  if (node.wise !== undefined) parts.push(`<p class="wise"><span class="wise-label">${escapeHtml(text.wise)}</span> <span class="wise-path">${wisePath(node.wise)}</span></p>`);
  if (node.steps !== undefined && node.steps.length > 0) {
    const items = node.steps.map(
      (s) =>
        `<li>${escapeHtml(s.text)}${s.wise === undefined ? '' : `<p class="wise"><span class="wise-label">${escapeHtml(text.wise)}</span> <span class="wise-path">${wisePath(s.wise)}</span></p>`}</li>`,
    );
    parts.push(`<ol class="instructions">${items.join('')}</ol>`);
  }
  if (node.facts !== undefined && node.facts.length > 0) {
    parts.push(`<table class="facts"><tbody>${node.facts.map((f) => `<tr><th>${escapeHtml(f.name)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('')}</tbody></table>`);
  }
  for (const warning of node.warnings ?? []) parts.push(`<p class="warning">${escapeHtml(fill(text.warning, { text: warning }))}</p>`);
  if (node.links !== undefined && node.links.length > 0) {
    const items = node.links.map((l) => `<li><span class="link-title">${escapeHtml(l.title)}</span><br><a class="url" href="${escapeHtml(l.url)}">${escapeHtml(l.url)}</a></li>`);
    parts.push(`<div class="links"><p class="links-label">${escapeHtml(text.linksHeading)}</p><ul>${items.join('')}</ul></div>`);
  }
  if (node.kind === 'question') parts.push(`<p class="question">${escapeHtml(node.question)}</p>`);
  const edges = edgesOf(node);
  if (edges.length > 0) {
    const heading = node.kind === 'question' ? text.answersHeading : text.continueHeading;
    parts.push(`<p class="answers-label">${escapeHtml(heading)}</p>`);
    parts.push(`<ul class="answers">${edges.map((e) => answerItem(flow, e, numbered, text)).join('')}</ul>`);
  }
  parts.push(`<p class="source">${escapeHtml(fill(text.source, { source: context.catalog.sourceLine(node.source) }))}</p>`);
  parts.push('</article>');
  return parts.join('\n');
}

function answerItem(flow: Flow, edge: Edge, numbered: NumberedSteps, text: PrintText): string {
  const target = numbered.numberOf.get(edge.next);
  if (target === undefined) throw new Error(`${flow.id}: "${edge.label}" leads to unknown step ${edge.next}`);
  const reference = fill(edge.loop ? text.goBack : text.goTo, { number: target });
  const kind = edge.loop ? 'goto goto-back' : 'goto';
  return `<li><span class="answer">${escapeHtml(edge.label)}</span> <a class="${kind}" href="#${stepAnchor(flow, target)}" data-step="${target}">${escapeHtml(reference)}</a></li>`;
}
