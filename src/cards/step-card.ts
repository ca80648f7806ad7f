import type { CaseState } from '../troubleshooting/case-state.js';
import type { Position } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { Closing } from './desk-card-intent.js';
import { endingView } from './ending-view.js';
import { fill, type Messages } from './messages.js';
import { submitData, type Owner, type Submit } from './submit-schema.js';

interface Button {
  title: string;
  data: Submit;
}

/** The typed data behind `cards/step.json`. */
export interface StepCardData {
  flowTitle: string;
  step: number;
  /** "Casus van …", on a case card in a group chat or channel. */
  ownerLine?: string;
  title: string;
  /** An instruction: the card says "Doe dit:" and its one button is "Gedaan". */
  action: boolean;
  text?: string;
  question?: string;
  wise?: string;
  steps: Array<{ number: number; text: string; wise?: string }>;
  facts: Array<{ name: string; value: string }>;
  warnings: string[];
  links: Array<{ title: string; url: string }>;
  outcome?: { label: string; style: string };
  answers: Button[];
  navigation: Button[];
  /** Why the card has no buttons any more ("✔ Gekozen: …", "↩ Teruggegaan"). */
  closedLine?: string;
  /** Teams asks the bot for the owner's view of the live card (Universal Actions refresh). */
  refresh?: { data: Submit; userIds: string[] };
  source: string;
}

/** How a step card is shown: live (the default), after its click, closed another way, read-only for others; and whose case it is. */
export interface StepView {
  readonly answered?: string;
  readonly closed?: Closing;
  readonly owner?: Owner;
  readonly readOnly?: boolean;
}

const wisePath = (path: readonly string[] | undefined): string | undefined => path?.join(' → ');

/**
 * The card for the step a case stands on. Only the live card has buttons; `view` renders the same
 * step after its click (the chosen answer shown), closed another way (the reason shown), or as
 * anyone but the owner sees it. In a group chat or channel (`owner`) the card names the owner,
 * each button names them too (so the bot can refuse a colleague's click), and the live card asks
 * Teams to refresh it for the owner.
 */
export function stepCardData(catalog: FlowCatalog, messages: Messages, state: Pick<CaseState, 'caseId'>, position: Position, view: StepView = {}): StepCardData {
  const { node, step, flow } = position;
  const open = view.answered === undefined && view.closed === undefined && !view.readOnly;
  const { caseId } = state;
  const owner = view.owner;
  const answers: Button[] = open
    ? position.edges.map((e) => ({
        title: e.label,
        data: submitData({ action: 'answer', caseId, node: node.id, step, answer: e.answerId, owner }),
      }))
    : [];
  const navigation: Button[] = [];
  if (open && node.kind !== 'end') {
    if (step > 1) navigation.push({ title: messages.labelBack, data: submitData({ action: 'back', caseId, step, owner }) });
    navigation.push({ title: messages.labelRestart, data: submitData({ action: 'restart', caseId, owner }) });
    navigation.push({ title: messages.labelStop, data: submitData({ action: 'stop', caseId, owner }) });
  }
  if (open && node.kind === 'end') {
    navigation.push({ title: messages.labelNewCase, data: submitData({ action: 'menu' }) });
  }
  return {
    flowTitle: flow.title,
    step,
    ownerLine: owner && fill(messages.caseOf, { name: owner.name || messages.unknownStaff }),
    title: node.title,
    action: node.kind === 'instruction',
    text: node.text,
    question: node.kind === 'question' && open ? node.question : undefined,
    wise: wisePath(node.wise),
    steps: (node.steps ?? []).map((s, i) => ({ number: i + 1, text: s.text, wise: wisePath(s.wise) })),
    facts: node.facts ?? [],
    warnings: node.warnings ?? [],
    links: node.links ?? [],
    outcome: node.kind === 'end' ? endingView(messages, node.outcome) : undefined,
    answers,
    navigation,
    closedLine: closedLine(messages, view),
    refresh: open && owner && node.kind !== 'end' ? { data: submitData({ action: 'refresh', caseId, flow: flow.id, node: node.id, step, owner }), userIds: [owner.id] } : undefined,
    source: catalog.sourceLine(node.source),
  };
}

function closedLine(messages: Messages, view: StepView): string | undefined {
  if (view.answered !== undefined) return fill(messages.closedChosen, { answer: view.answered });
  switch (view.closed) {
    case undefined:
    case 'final':
      return undefined;
    case 'back':
      return messages.closedBack;
    case 'restarted':
      return messages.closedRestarted;
    case 'stopped':
      return messages.closedStopped;
    case 'switched':
      return messages.closedSwitched;
    case 'expired':
      return messages.closedExpired;
    case 'reshown':
      return messages.closedReshown;
  }
}
